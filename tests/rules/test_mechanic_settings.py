"""Each mechanic owns its settings (rules/mechanics/<key>.py): the schema of a rules file is
assembled from them, the published schema.json and the tables in docs/rules.md are written
from them, and the loader fills in every default."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from samenspel.engine.mechanics import MECHANICS as ENGINE_MECHANICS
from samenspel.rules import reference
from samenspel.rules.loader import parse_game
from samenspel.rules.mechanics import MECHANICS
from samenspel.rules.schema import PUBLISHED, assemble, published_text, schema
from samenspel.rules.settings import MechanicSettings

ROOT = Path(__file__).resolve().parents[2]
RULES_DOC = ROOT / "docs" / "rules.md"


def one_round_game(mechanic: str, settings: str = "") -> str:
    """A game with a cards round, a vote round and then one round of ``mechanic``."""
    return f"""\
id: een
version: "1"
title: {{nl: Een, en: One}}
summary: {{nl: Kort, en: Short}}
minutes: 30
players: {{min: 2, max: 10}}
roles: default
rounds:
  - id: ideeen
    title: {{nl: Ideeën, en: Ideas}}
    prompt: {{nl: Schrijf, en: Write}}
    notes: {{nl: Help, en: Help}}
    minutes: 10
    mechanic: cards
  - id: kiezen
    title: {{nl: Kiezen, en: Choose}}
    prompt: {{nl: Kies, en: Choose}}
    notes: {{nl: Tel, en: Count}}
    minutes: 10
    mechanic: vote
  - id: deze
    title: {{nl: Deze, en: This}}
    prompt: {{nl: Doe, en: Do}}
    notes: {{nl: Kijk, en: Watch}}
    minutes: 10
    mechanic: {mechanic}
{settings}"""


def test_the_published_schema_is_the_assembled_one():
    assert PUBLISHED.read_text(encoding="utf-8") == published_text(), "run: python -m samenspel.rules.schema"
    Draft202012Validator.check_schema(schema())


def test_every_mechanic_has_settings_an_engine_side_and_a_screen():
    assert set(MECHANICS) == set(ENGINE_MECHANICS)
    for key in MECHANICS:
        assert (ROOT / "static" / "js" / "mechanics" / f"{key}.js").is_file(), key
    assert schema()["$defs"]["round"]["properties"]["mechanic"]["enum"] == sorted(MECHANICS)


@pytest.mark.parametrize("key", sorted(MECHANICS))
def test_defaults_are_valid_settings_and_fill_every_setting(key):
    spec = MECHANICS[key]
    settings_schema = {"$defs": schema()["$defs"], **schema()["$defs"][f"settings.{key}"]}
    given = {name: value for name, value in spec.defaults.items() if value is not None}
    errors = [e for e in Draft202012Validator(settings_schema).iter_errors(given) if e.validator != "required"]
    assert not errors
    for name, prop in spec.properties.items():
        assert prop.get("description"), f"{key}.{name} needs a description for authors"
    if spec.required:
        return  # a round of it cannot be written without settings; see the shipped games
    extra = "    settings: {}\n"
    text = one_round_game(key, extra)
    if spec.anywhere:  # it names a round before or after it (a review: the plan round after it)
        text = text.replace("minutes: 30", "minutes: 40", 1) + (
            "  - id: plan\n    title: {nl: Plan, en: Plan}\n    prompt: {nl: Doe, en: Do}\n"
            "    notes: {nl: Kijk, en: Watch}\n    minutes: 10\n    mechanic: plan\n"
        )
    rnd = parse_game(text).round("deze")
    assert set(rnd.settings) == set(spec.properties), "every setting is filled in"
    for name, default in spec.defaults.items():
        if name in spec.references or name in spec.anywhere:
            assert rnd.settings[name] is not None, "a reference left out points at the nearest earlier round"
        elif default is not None:
            assert json.loads(json.dumps(_plain(rnd.settings[name]))) == default


def _plain(value):
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "items"):
        return {k: _plain(v) for k, v in value.items()}
    return value


def test_a_mapping_setting_merges_key_by_key():
    game = parse_game(one_round_game("plan", "    settings:\n      max_length: {what: 30}\n"))
    lengths = game.round("deze").settings["max_length"]
    assert lengths["what"] == 30 and lengths["owner"] == MECHANICS["plan"].defaults["max_length"]["owner"]


def test_a_mechanic_must_give_every_optional_setting_a_default():
    with pytest.raises(ValueError, match="defaults must cover"):
        MechanicSettings(key="x", summary="x", properties={"a": {"type": "integer"}}, defaults={})
    with pytest.raises(ValueError, match="unknown"):
        MechanicSettings(key="x", summary="x", properties={}, defaults={"b": 1})


def test_two_mechanics_cannot_define_one_named_schema_differently():
    one = MechanicSettings(key="one", summary="", properties={}, defaults={}, defs={"thing": {"type": "integer"}})
    two = MechanicSettings(key="two", summary="", properties={}, defaults={}, defs={"thing": {"type": "string"}})
    assert "thing" in assemble({"one": one})["$defs"]
    with pytest.raises(ValueError, match="thing"):
        assemble({"one": one, "two": two})


def test_a_mechanic_without_settings_says_so_when_one_is_given():
    problems = _problems(one_round_game("discuss", "    settings: {loud: true}\n"))
    assert [(p.field_path, p.message) for p in problems] == [("rounds[2].settings.loud", 'unknown setting "loud"')]
    assert problems[0].fix == "a discuss round has no settings; remove it"


def test_an_unknown_setting_names_the_allowed_ones():
    problems = _problems(one_round_game("plan", "    settings: {max_lenght: {what: 30}}\n"))
    assert problems[0].fix.startswith('did you mean "max_length"?')


def test_the_settings_tables_in_the_docs_are_current():
    text = RULES_DOC.read_text(encoding="utf-8")
    documented = reference.documented(text)
    assert set(documented) == set(MECHANICS), "every mechanic has a settings table in docs/rules.md"
    for key, block in documented.items():
        assert block == reference.block(MECHANICS[key]), "run: python -m samenspel.rules.reference docs/rules.md"
    for key in MECHANICS:
        assert f"### `{key}`" in text


def _problems(text: str):
    from samenspel.rules.problems import RulesError

    with pytest.raises(RulesError) as caught:
        parse_game(text, "x.yaml")
    return caught.value.problems
