"""Loading rules files: the shipped games, the catalogue, and files that are not games at all."""

from __future__ import annotations

import json
from pathlib import Path
from types import MappingProxyType

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samenspel.rules.defaults import DEFAULT_ROLE_IDS, MIN_ROLE_CONTRAST
from samenspel.rules.loader import load_catalogue, load_game, parse_game
from samenspel.rules.mechanics import MECHANICS
from samenspel.rules.problems import Problem, RulesError
from samenspel.rules.schema_errors import schema
from samenspel.rules.semantics import contrast_with_white

ROOT = Path(__file__).resolve().parents[2]
GAMES = ROOT / "game_rules"
DEFAULT = GAMES / "het-nieuwe-samenspel.yaml"
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "moestuin-noordpolder.json"
SHIPPED = ["het-nieuwe-samenspel.yaml", "samenspel-avond-60.yaml", "wijkuitvoeringsplan.yaml"]


def problems_of(text: str | bytes) -> list[Problem]:
    with pytest.raises(RulesError) as caught:
        parse_game(text, "x.yaml")
    assert caught.value.problems, "a RulesError always carries problems"
    return list(caught.value.problems)


# --------------------------------------------------------------------------- shipped games


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_game_loads(name):
    game = load_game(GAMES / name)
    assert game.id == Path(name).stem
    assert sum(r.minutes for r in game.rounds) == game.minutes
    assert game.title.nl and game.title.en
    for rnd in game.rounds:
        assert rnd.notes.nl and rnd.notes.en, f"{rnd.id} needs facilitator notes"
        assert isinstance(rnd.settings, MappingProxyType)
        assert set(MECHANICS[rnd.mechanic].defaults) <= set(rnd.settings), "every setting is filled in"
        if rnd.plan_section:
            assert rnd.plan_section in [s.id for s in game.plan_sections]
    for role in game.roles:
        assert contrast_with_white(role.colour) >= MIN_ROLE_CONTRAST
    assert len({r.colour for r in game.roles}) == len(game.roles)


def test_default_game_follows_the_design():
    game = load_game(DEFAULT)
    assert game.minutes == 120
    assert [r.id for r in game.rounds] == [
        "welkom",
        "droom",
        "belangen",
        "rolwissel",
        "kansen-drempels",
        "ideeen",
        "kiezen",
        "inbreng",
        "actiepad",
        "samenspel",
    ]
    assert [r.mechanic for r in game.rounds] == [
        "introduce",
        "cards",
        "cards",
        "cards",
        "cards",
        "cards",
        "vote",
        "pledge",
        "plan",
        "rate",
    ]
    assert [r.minutes for r in game.rounds] == [10, 10, 10, 10, 15, 15, 10, 10, 20, 10]
    assert game.round("inbreng").settings["ideas_from"] == "kiezen"
    assert [r.id for r in game.roles] == list(DEFAULT_ROLE_IDS)
    assert game.round("belangen").settings["group_by"] == "role"
    assert game.round("rolwissel").settings["perspective_swap"] is True
    categories = game.round("kansen-drempels").settings["categories"]
    assert [c["id"] for c in categories] == ["kans", "drempel"]
    assert categories[0].name.get("en") == "Chance"  # entries allow attribute access too
    vote = game.round("kiezen").settings
    assert (vote["from_round"], vote["votes_per_player"], vote["max_per_card"]) == ("ideeen", 3, 2)
    assert game.round("actiepad").settings["ideas_from"] == "kiezen"
    rate = game.round("samenspel").settings
    assert {"luisteren", "vertrouwen", "eigenaarschap", "duidelijkheid"} <= {i["id"] for i in rate["items"]}
    assert dict(rate["scale"]) == {"min": 1, "max": 5} and rate["word"] is True


def test_settings_are_read_only():
    rnd = load_game(DEFAULT).round("droom")
    with pytest.raises(TypeError):
        rnd.settings["max_per_player"] = 99  # type: ignore[index]


def test_sample_session_fits_the_default_game():
    sample = json.loads(SAMPLE.read_text(encoding="utf-8")) if SAMPLE.exists() else pytest.skip("no sample")
    game = load_game(GAMES / f"{sample['game']}.yaml")
    assert set(sample["rounds"]) <= {r.id for r in game.rounds}
    roles = {r.id for r in game.roles}
    assert {p["role"] for p in sample["players"]} <= roles
    categories = {c["id"] for c in game.round("kansen-drempels").settings["categories"]}
    assert {c["category"] for c in sample["rounds"]["kansen-drempels"]} <= categories
    items = {i["id"] for i in game.round("samenspel").settings["items"]}
    for rating in sample["rounds"]["samenspel"]:
        assert set(rating["scores"]) <= items
    vote = game.round("kiezen").settings
    for ballot in sample["rounds"]["kiezen"]:
        assert sum(ballot["votes"].values()) <= vote["votes_per_player"]
        assert max(ballot["votes"].values()) <= vote["max_per_card"]


def test_defaults_fill_missing_settings_and_references(tmp_path):
    text = DEFAULT.read_text(encoding="utf-8")
    text = text.replace("      from_round: ideeen\n", "").replace("      ideas_from: kiezen\n", "")
    game = parse_game(text)
    assert game.round("kiezen").settings["from_round"] == "ideeen", "nearest earlier cards round"
    assert game.round("actiepad").settings["ideas_from"] == "kiezen", "nearest earlier vote round"


def test_roles_default_and_mixed_lists():
    game = parse_game(
        DEFAULT.read_text(encoding="utf-8").replace(
            "roles: default",
            "roles:\n  - inwoner\n  - id: buurman\n    name: {nl: Buurman, en: Neighbour}\n"
            '    colour: "#009e73"\n    perspective: {nl: Ik woon ernaast., en: I live next door.}\n'
            "    description: {nl: Buur, en: Neighbour}\n    max: 3\n",
        )
    )
    assert [r.id for r in game.roles] == ["inwoner", "buurman"]
    assert game.role("inwoner").colour == "#0072B2"
    assert game.role("buurman").colour == "#009E73", "colours are normalised to upper case"
    assert game.role("buurman").max_players == 3


def test_schema_is_published_in_the_package():
    assert schema()["$schema"].endswith("2020-12/schema")
    assert "rounds" in schema()["required"]


# --------------------------------------------------------------------------- not-quite games


def test_yaml_syntax_error_has_line_and_column():
    text = "id: x\ntitle:\n  nl: [Welkom\n  en: Welcome\n"
    (problem,) = problems_of(text)
    assert problem.line is not None and problem.line >= 3
    assert problem.column is not None
    assert "YAML" in problem.message
    assert str(problem).startswith(f"x.yaml:{problem.line}:{problem.column}: ")


def test_tabs_are_explained():
    (problem,) = problems_of("id: x\nrounds:\n\t- id: a\n")
    assert (problem.line, problem.column) == (3, 1)
    assert "tabs" in problem.fix


@pytest.mark.parametrize(
    "text, words",
    [
        ("- a\n- b\n", "not a list"),
        ("just a sentence\n", "not the text"),
        ("42\n", "not the number 42"),
    ],
)
def test_non_mapping_document(text, words):
    (problem,) = problems_of(text)
    assert "must be a mapping" in problem.message and words in problem.message
    assert problem.line == 1


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n", "---\n"])
def test_empty_file(text):
    (problem,) = problems_of(text)
    assert "empty" in problem.message


def test_more_than_one_document():
    (problem,) = problems_of("id: a\n---\nid: b\n")
    assert "more than one" in problem.message and problem.line == 2


@pytest.mark.parametrize(
    "raw",
    [
        bytes(range(256)),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"id: x\ntitle: \x01\x02\n",
        b"\xff\xfe" + "id: x".encode("utf-16-le"),
    ],
)
def test_binary_garbage_never_raises_anything_else(raw, tmp_path):
    path = tmp_path / "garbage.yaml"
    path.write_bytes(raw)
    with pytest.raises(RulesError) as caught:
        load_game(path)
    assert caught.value.problems[0].file == str(path)


def test_alias_bomb_and_recursion_are_refused():
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcde", "bcdef")
    )
    (problem,) = problems_of(bomb)
    assert "too large" in problem.message
    (problem,) = problems_of("a: &a [*a]\n")
    assert "refers to itself" in problem.message


def test_deep_nesting_is_refused():
    (problem,) = problems_of("[" * 3000 + "]" * 3000)
    assert "nested" in problem.message or "YAML" in problem.message


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(RulesError, match="cannot read"):
        load_game(tmp_path / "nope.yaml")
    with pytest.raises(RulesError, match="folder"):
        load_game(tmp_path)


def test_too_big_file(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * 1_100_000)
    with pytest.raises(RulesError, match="larger than"):
        load_game(path)


# --------------------------------------------------------------------------- catalogue


def test_catalogue_of_shipped_games_is_ordered_by_title():
    catalogue = load_catalogue(GAMES)
    assert catalogue.refused == ()
    assert set(catalogue.games) >= {"het-nieuwe-samenspel", "samenspel-avond-60", "wijkuitvoeringsplan"}
    titles = [g.title.nl.casefold() for g in catalogue.games.values()]
    assert titles == sorted(titles)
    assert "het-nieuwe-samenspel" in catalogue and catalogue.get("nope") is None


def test_catalogue_lists_broken_files_and_never_raises(tmp_path):
    good = DEFAULT.read_text(encoding="utf-8")
    (tmp_path / "a-good.yaml").write_text(good, encoding="utf-8")
    (tmp_path / "b-same-id.yml").write_text(good, encoding="utf-8")
    (tmp_path / "c-broken.yaml").write_text(good.replace("mechanic: vote", "mechanic: vot"), encoding="utf-8")
    (tmp_path / "d-binary.yaml").write_bytes(bytes(range(256)))
    (tmp_path / "e-empty.yaml").write_text("", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a game", encoding="utf-8")
    (tmp_path / "f-folder.yaml").mkdir()
    catalogue = load_catalogue(tmp_path)
    assert list(catalogue.games) == ["het-nieuwe-samenspel"]
    refused = {Path(file).name: problems for file, problems in catalogue.refused}
    assert set(refused) == {"b-same-id.yml", "c-broken.yaml", "d-binary.yaml", "e-empty.yaml", "f-folder.yaml"}
    assert "already used" in refused["b-same-id.yml"][0].message
    assert 'unknown mechanic "vot"' in refused["c-broken.yaml"][0].message


def test_catalogue_of_missing_folder(tmp_path):
    catalogue = load_catalogue(tmp_path / "missing")
    assert len(catalogue) == 0 and len(catalogue.refused) == 1


# --------------------------------------------------------------------------- fuzz

KEYS = st.sampled_from(
    [
        "id",
        "nl",
        "en",
        "title",
        "rounds",
        "roles",
        "mechanic",
        "settings",
        "minutes",
        "from_round",
        "items",
        "categories",
        "scale",
        "min",
        "max",
        "plan",
        "sections",
        "players",
        "version",
        "prompt",
        "notes",
    ]
) | st.text(max_size=5)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-5, 300)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(
        [
            "default",
            "cards",
            "vote",
            "plan",
            "rate",
            "discuss",
            "introduce",
            "ideeen",
            "kiezen",
            "#0072B2",
            "#FFFF00",
            "what",
        ]
    )
)
DOCUMENTS = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5), max_leaves=30
)
BASE = yaml.safe_load(DEFAULT.read_text(encoding="utf-8"))


def _only_rules_errors(text: str | bytes) -> None:
    try:
        parse_game(text)
    except RulesError as error:
        for problem in error.problems:
            assert not problem.message.startswith("internal error"), problem
            str(problem)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(DOCUMENTS)
def test_fuzz_random_documents(document):
    _only_rules_errors(yaml.safe_dump(document, allow_unicode=True))


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_fuzz_mutated_default_game(data):
    document = json.loads(json.dumps(BASE))
    node = document
    for _ in range(data.draw(st.integers(1, 5))):
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = data.draw(st.sampled_from(keys))
        if not isinstance(node[key], (dict, list)) or data.draw(st.booleans()):
            node[key] = data.draw(DOCUMENTS)
            break
        node = node[key]
    _only_rules_errors(yaml.safe_dump(document, allow_unicode=True))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300))
def test_fuzz_garbage(raw):
    _only_rules_errors(raw)


def test_example_in_the_docs_is_valid():
    docs = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    example = next(block for block in docs.split("```yaml\n")[1:] if block.startswith("id: "))
    game = parse_game(example.split("```")[0], "docs/rules.md")
    assert game.round("kiezen").settings["from_round"] == "ideeen"
