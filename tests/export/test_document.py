"""The plan document: complete, in the game's order, valid against docs/plan.schema.json,
generic over every game in game_rules/, and honest about drafts, hidden cards and anonymity."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from types import MappingProxyType

import pytest

from samenspel.config import PROJECT_ROOT
from samenspel.engine.document import build_document, clean
from samenspel.engine.flow import Flow, Status
from samenspel.engine.mechanics.vote import chosen, tally
from samenspel.engine.state import Item, Player, SessionState
from samenspel.rules.loader import load_catalogue
from tests.support.sample import NOW, sample_data, sample_session_state


def blocks(document, kind):
    return [b for s in document["sections"] for b in s["blocks"] if b["type"] == kind]


def ids_in(value) -> list[int]:
    """Every item id in a section's blocks (cards, entries, steps, ideas)."""
    found = []
    if isinstance(value, dict):
        if isinstance(value.get("id"), int) and ("text" in value or "what" in value):
            found.append(value["id"])
        for key, child in value.items():
            if key != "idea":  # a step's idea is a reference, not the idea itself
                found += ids_in(child)
    elif isinstance(value, list):
        for child in value:
            found += ids_in(child)
    return found


def test_sample_document_validates_against_the_published_schema(sample_doc, draft_doc, schema_validator):
    for document in (sample_doc, draft_doc):
        errors = sorted(schema_validator.iter_errors(document), key=lambda e: list(e.path))
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_sections_follow_the_game_and_speak_its_language(sample):
    state, info = sample
    for lang in ("nl", "en"):
        document = build_document(state, info, lang, now=NOW)
        declared = sorted(state.game.plan_sections, key=lambda p: p.id != "actiepad")  # the action path leads
        assert [s["id"] for s in document["sections"]] == [p.id for p in declared]
        assert [s["heading"] for s in document["sections"]] == [p.heading.get(lang) for p in declared]
    assert build_document(state, info, "fr", now=NOW)["lang"] == "nl"


def test_head_of_the_document(sample_doc):
    assert sample_doc["status"] == "final"
    assert sample_doc["initiative"] == {
        "code": "NPQ7K3",
        "title": "Moestuin met kas in de Noordpolder",
        "question": sample_data()["session"]["question"],
        "place": "Buurthuis De Schakel, Terneuzen",
        "date": "2026-03-12",
    }
    assert sample_doc["game"]["title"] == "Het Nieuwe Samenspel"
    roles = {r["id"]: r for r in sample_doc["participants"]["roles"]}
    assert sample_doc["participants"]["total"] == 12
    assert roles["inwoner"]["names"] == ["Fatima", "Henk", "Sanne", "Joost"]
    assert [r["id"] for r in sample_doc["participants"]["roles"]] == [
        "inwoner",
        "ambtenaar",
        "bestuurder",
        "professional",
        "ondernemer",
        "anders",
    ]


def test_every_visible_item_is_in_its_section(sample, sample_doc):
    state, _ = sample
    by_section = {s["id"]: ids_in(s["blocks"]) for s in sample_doc["sections"]}
    for item in state.items:
        if item.kind not in ("intro", "card", "step"):
            continue
        section = state.game.round(item.round_id).plan_section
        assert by_section[section].count(item.id) == 1, (item, section)
    ideas = {i.id for i in state.items_of("ideeen", "card")}
    assert set(by_section["gekozen"]) == ideas  # every idea again, with its votes
    assert set(by_section["actiepad"]) - {i.id for i in state.items_of("actiepad")} == set(
        chosen(state, state.game.round("kiezen"))
    )  # the chosen ideas the steps serve
    chosen_ideas = set(chosen(state, state.game.round("kiezen")))
    assert set(by_section["inbreng"]) == chosen_ideas  # each chosen idea, with what people bring in
    everything = sum(len(set(ids)) for ids in by_section.values())
    assert everything == len([i for i in state.items if i.kind in ("intro", "card", "step")]) + len(ideas) + 2 * len(
        chosen_ideas
    )


def test_votes_add_up_and_chosen_ideas_are_marked(sample, sample_doc):
    state, _ = sample
    vote_round = state.game.round("kiezen")
    counts = tally(state, vote_round)
    (vote,) = blocks(sample_doc, "vote")
    ballots = state.items_of("kiezen", "ballot")
    assert vote["voters"] == len(ballots) == 12
    assert vote["votes_cast"] == sum(sum(b.data["votes"].values()) for b in ballots) == 36
    assert {i["id"]: i["votes"] for i in vote["ideas"]} == {k: counts[k] for k in (i["id"] for i in vote["ideas"])}
    assert [c["id"] for c in vote["chosen"]] == chosen(state, vote_round)
    assert [c["rank"] for c in vote["chosen"]] == [1, 2, 3]
    assert {i["id"] for i in vote["ideas"] if i["chosen"]} == set(chosen(state, vote_round))
    assert [i["votes"] for i in vote["ideas"]] == sorted((i["votes"] for i in vote["ideas"]), reverse=True)


def test_action_path_is_sorted_by_date_with_undated_steps_last(sample):
    state, info = sample
    step = next(i for i in state.items if i.kind == "step")
    undated = replace(step, id=999, data=MappingProxyType({**step.data, "due": None, "what": "Zonder datum"}))
    document = build_document(replace(state, items=state.items + (undated,)), info, now=NOW)
    (plan,) = blocks(document, "plan")
    dues = [s["due"] for s in plan["steps"]]
    assert dues == sorted(dues[:-1]) + [None]
    assert [s["number"] for s in plan["steps"]] == list(range(1, len(dues) + 1))
    assert document["follow_up"]["without_date"] == [
        {"id": 999, "number": 6, "what": "Zonder datum", "owner": step.data["owner"], "due": None}
    ]
    first = plan["steps"][0]
    assert first["what"] == "Gebruiksovereenkomst opstellen en tekenen"
    assert first["idea"] == {
        "id": info["card_ids"]["i6"],
        "chosen": True,
        "text": "Gebruiksovereenkomst voor vijf jaar met de bewonersvereniging.",
    }
    school = next(s for s in plan["steps"] if s["owner"] == "Els")
    assert school["idea"]["chosen"] is False  # i3 did not make the top 3
    assert [s["number"] for s in document["follow_up"]["next"]] == [1, 2, 3]


def test_reflection_has_averages_per_item_and_the_words(sample_doc):
    (rate,) = blocks(sample_doc, "rate")
    averages = {i["id"]: (i["average"], i["count"]) for i in rate["items"]}
    assert averages == {
        "luisteren": (4.5, 4),
        "vertrouwen": (4.0, 4),
        "eigenaarschap": (4.0, 4),
        "duidelijkheid": (3.75, 4),
        "gelijkwaardigheid": (None, 0),
    }
    assert rate["items"][0]["label"] == "We luisterden naar elkaar"
    assert rate["respondents"] == 4
    assert rate["words"] == ["energiek", "gehoord", "hoopvol", "samen"]


def test_cards_are_grouped_as_the_round_says(sample_doc, sample):
    state, _ = sample
    sections = {s["id"]: s["blocks"][0] for s in sample_doc["sections"]}
    assert sections["droombeeld"]["group_by"] is None
    assert [g["id"] for g in sections["belangen"]["groups"]] == ["inwoner", "ambtenaar", "professional", "ondernemer"]
    swap = sections["perspectieven"]
    assert swap["group_by"] == "as"
    for group in swap["groups"]:
        for card in group["cards"]:
            assert card["as"] == group["id"] != card["author"]["role"]
    kd = sections["kansen-drempels"]
    assert [(g["id"], g["label"], len(g["cards"])) for g in kd["groups"]] == [
        ("kans", "Kans", 3),
        ("drempel", "Drempel", 3),
    ]


def test_hidden_and_merged_cards_are_not_in_the_plan(sample):
    state, info = sample
    droom = state.items_of("droom", "card")
    keep, merged, hidden = droom[0], droom[1], droom[2]
    items = []
    for item in state.items:
        if item.id == merged.id:
            item = replace(item, hidden=True, data=MappingProxyType({**item.data, "merged_into": keep.id}))
        elif item.id == keep.id:
            item = replace(item, data=MappingProxyType({**item.data, "merged_from": [merged.id]}))
        elif item.id == hidden.id:
            item = replace(item, hidden=True)
        items.append(item)
    document = build_document(replace(state, items=tuple(items)), info, now=NOW)
    cards = next(s for s in document["sections"] if s["id"] == "droombeeld")["blocks"][0]["groups"][0]["cards"]
    assert [c["id"] for c in cards] == [c.id for c in droom if c.id not in (merged.id, hidden.id)]
    assert cards[0]["merged"] == 1
    text = json.dumps(document, ensure_ascii=False)
    assert merged.data["text"] not in text and hidden.data["text"] not in text


def test_anonymous_plan_has_no_first_names(sample):
    state, info = sample
    document = build_document(state, info, "nl", anonymous=True, now=NOW)
    text = json.dumps(document, ensure_ascii=False)
    for player in state.players:
        assert not re.search(rf"\b{re.escape(player.name)}\b", text), player.name
    assert all("names" not in r for r in document["participants"]["roles"])
    assert [r["count"] for r in document["participants"]["roles"]] == [4, 2, 1, 2, 2, 1]
    (plan,) = blocks(document, "plan")
    assert plan["steps"][0]["owner"] == "Ambtenaar" and plan["steps"][0]["partners"] == ["Bestuurder"]


def test_draft_marks_rounds_still_to_come(draft_doc):
    assert draft_doc["status"] == "draft"
    states = {b["round"]["id"]: b["round"]["state"] for s in draft_doc["sections"] for b in s["blocks"]}
    assert states["kiezen"] == "played" and states["actiepad"] == "in_progress" and states["samenspel"] == "not_played"


def test_lobby_session_gives_an_empty_draft(sample):
    state, info = sample
    lobby = SessionState(state.game, Flow(), state.players, ())
    document = build_document(lobby, info, now=NOW)
    assert document["status"] == "draft"
    assert all(b["round"]["state"] == "not_played" for s in document["sections"] for b in s["blocks"])
    assert document["summary"]["steps"] == 0


def test_session_date_is_the_local_day_it_ended(sample):
    state, info = sample
    late = dt.datetime(2026, 3, 12, 23, 30, tzinfo=dt.timezone.utc)  # 00:30 on the 13th in Terneuzen
    document = build_document(state, {**info, "ended_ms": int(late.timestamp() * 1000)}, now=NOW)
    assert document["initiative"]["date"] == "2026-03-13"
    assert document["generated_at"] == "2026-03-12T21:05:00Z"


def test_clean_keeps_text_and_drops_what_no_format_can_carry():
    assert clean("a\r\nb\rc\u2028d") == "a\nb\nc\nd"
    assert clean("x\x00\x07\x1b[0m\x0b y\tz") == "x[0m y z"
    assert clean("abc\u202egnp.exe\u2066x\u2069") == "abcgnp.exex"
    assert clean("\u200fשלום\u200e 👩\u200d🌾") == "\u200fשלום\u200e 👩\u200d🌾"
    assert clean("lone \ud800 surrogate \uffff") == "lone  surrogate"
    assert clean(None) == ""


# --- every game in game_rules/ -----------------------------------------------------------


def played(game) -> SessionState:
    """A generic play-through of any game: one player per role, one contribution each."""
    players = tuple(Player(n, f"Speler{n}", role.id) for n, role in enumerate(game.roles, 1))
    items: list[Item] = []

    def add(rnd, kind, author, data):
        items.append(Item(len(items) + 1, rnd.id, kind, author.id, MappingProxyType(data)))

    for rnd in game.rounds:
        settings = rnd.settings
        for index, player in enumerate(players):
            if rnd.mechanic == "introduce":
                add(rnd, "intro", player, {"text": f"{rnd.id} intro {player.name}"})
            elif rnd.mechanic == "cards":
                categories = [c["id"] for c in settings.get("categories") or ()]
                data = {
                    "text": f"{rnd.id} kaart {player.name}",
                    "category": categories[index % len(categories)] if categories else None,
                }
                if settings.get("perspective_swap"):
                    data["as"] = players[(index + 1) % len(players)].role
                add(rnd, "card", player, data)
            elif rnd.mechanic == "vote":
                cards = [i for i in items if i.round_id == settings["from_round"]]
                add(rnd, "ballot", player, {"votes": {str(cards[index % len(cards)].id): 1}})
            elif rnd.mechanic == "rate":
                add(rnd, "rating", player, {"scores": {settings["items"][0]["id"]: 1 + index % 5}, "word": f"w{index}"})
        if rnd.mechanic == "plan":
            for index, player in enumerate(players[:3]):
                add(
                    rnd,
                    "step",
                    player,
                    {
                        "what": f"stap {index}",
                        "owner": player.name,
                        "owner_id": player.id,
                        "partners": [],
                        "due": f"2026-05-0{index + 1}",
                        "needs": "",
                        "idea": None,
                    },
                )
    return SessionState(game, Flow(Status.ENDED, len(game.rounds) - 1), players, tuple(items))


@pytest.mark.parametrize("game", list(load_catalogue(PROJECT_ROOT / "game_rules")), ids=lambda g: g.id)
def test_every_game_gives_a_complete_valid_plan(game, schema_validator):
    state = played(game)
    for lang in ("nl", "en"):
        document = build_document(
            state, {"code": "ABC234", "title": "T", "question": "Q", "place": "P", "created_ms": 0}, lang, now=NOW
        )
        assert not list(schema_validator.iter_errors(document))
        text = json.dumps(document, ensure_ascii=False)
        for item in state.items:
            if item.kind in ("intro", "card"):
                assert item.data["text"] in text
            if item.kind == "step":
                assert item.data["what"] in text
        sections = [s["id"] for s in document["sections"]]
        for rnd in game.rounds:
            if rnd.plan_section:
                assert rnd.plan_section in sections


def test_a_round_in_a_section_the_plan_does_not_list_gets_its_own(sample):
    state, info = sample
    game = replace(state.game, plan_sections=state.game.plan_sections[:-1])  # no "reflectie"
    document = build_document(replace(state, game=game), info, "en", now=NOW)
    assert document["sections"][-1]["id"] == "reflectie"
    assert document["sections"][-1]["heading"] == "Collaboration"  # the round's title


def test_sample_helper_is_faithful(sample):
    state, info = sample
    data = sample_data()
    assert [p.name for p in state.players] == [p["name"] for p in data["players"]]
    assert [p.id for p in state.players] == list(range(1, 13))
    assert len(state.items) == sum(len(entries) for entries in data["rounds"].values())
    assert sorted(info["card_ids"]) == [f"i{n}" for n in range(1, 8)]
    assert state.flow.status is Status.ENDED and state.flow.round_index == len(state.game.rounds) - 1
    draft, _ = sample_session_state(status=Status.RUNNING, round_id="actiepad")
    assert draft.flow.status is Status.RUNNING


def test_a_step_carries_its_status_history_and_origin(sample, schema_validator):
    """engine/steps.py's fields reach the document: the status, every dated update with its
    note (as an ISO moment), and the step it continues; a step from before statuses is
    not started with no history."""
    from dataclasses import replace
    from types import MappingProxyType

    from samenspel.engine.document import build_document
    from samenspel.engine.steps import with_status
    from samenspel.export import plan_steps
    from tests.support.sample import NOW

    state, info = sample
    step = next(i for i in state.items if i.kind == "step")
    data = with_status(step.data, "under_way", "vergunning aangevraagd", 1_775_000_000_000)
    data = with_status(data, "stuck", "wacht op de gemeente\u202e", 1_776_000_000_000)
    changed = replace(step, data=MappingProxyType({**data, "origin": 9}))
    items = tuple(changed if i.id == step.id else i for i in state.items)
    document = build_document(replace(state, items=items), info, "nl", now=NOW)
    assert not list(schema_validator.iter_errors(document))
    steps = {s["id"]: s for s in plan_steps(document)}
    mine = steps.pop(step.id)
    assert mine["status"] == "stuck" and mine["origin"] == 9
    assert mine["history"] == [
        {"status": "under_way", "note": "vergunning aangevraagd", "at": "2026-03-31T23:33:20Z"},
        {"status": "stuck", "note": "wacht op de gemeente", "at": "2026-04-12T13:20:00Z"},
    ]
    assert all(s["status"] == "not_started" and s["history"] == [] and "origin" not in s for s in steps.values())
