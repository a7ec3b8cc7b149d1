"""The review mechanic (issue 13): a follow-up session goes through the steps carried over
into its plan round, one at a time. Every verb, every refusal, the walk on the projector and
the plan document's block, on the shipped follow-up game with steps as an import leaves them
(engine/steps.py carried_over)."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

import jsonschema
import pytest

from samenspel.engine import actions
from samenspel.engine.apply import Action, apply
from samenspel.engine.document import build_document
from samenspel.engine.document_schema import schema as plan_schema
from samenspel.engine.errors import Rejected
from samenspel.engine.mechanics import mechanic_for
from samenspel.engine.state import FACILITATOR_PLAYER, Item, Player, RoundState, Turn, Update
from samenspel.engine.views import FACILITATOR, PARTICIPANT, Viewer, may_see_round, snapshot, summary
from tests.support.factories import FATIMA, HENK
from tests.support.review import ANNA, AT, ONDERWEG, STEPS, review_session, reviewed_session, step

REVIEW = mechanic_for("review")


def session(**kwargs):
    return review_session(**kwargs)


def turn(actor=FATIMA, **kwargs) -> Turn:
    state = session(**kwargs)
    return Turn(state, state.game.round("terugblik"), actor, AT)


def refused(t: Turn, verb: str, payload: dict) -> Rejected:
    with pytest.raises(Rejected) as caught:
        REVIEW.handle(t, verb, payload)
    return caught.value


def done(t: Turn, verb: str, payload: dict) -> dict:
    change = REVIEW.handle(t, verb, payload)
    assert isinstance(change, Update)
    return dict(change.data)


def test_the_owner_sets_the_status_with_a_note_and_the_history_grows():
    data = done(turn(HENK), "status", {"step_id": 20, "status": "stuck", "note": "Wacht op de gemeente"})
    assert data["status"] == "stuck"
    assert data["history"][-1] == {"status": "stuck", "note": "Wacht op de gemeente", "at": AT}
    assert data["origin"] == 10  # the rest of the step stays as it was carried over
    assert data["reviewed"]["before"] == {"status": "not_started", "owner": "Henk", "due": None, "partners": []}
    assert (data["reviewed"]["item"], data["reviewed"]["round"], data["reviewed"]["at"]) == (20, "terugblik", AT)


def test_anyone_may_set_the_status_unless_the_rules_say_owner():
    assert done(turn(ANNA), "status", {"step_id": 20, "status": "done"})["status"] == "done"
    owner_only = replace(
        ONDERWEG,
        rounds=tuple(
            replace(r, settings=MappingProxyType({**r.settings, "status_by": "owner"})) if r.id == "terugblik" else r
            for r in ONDERWEG.rounds
        ),
    )
    error = refused(turn(ANNA, game=owner_only), "status", {"step_id": 20, "status": "done"})
    assert error.code == "not_allowed" and "not yours" in error.detail
    # a step someone took on is theirs by id: a player who took the same name is not its owner
    error = refused(turn(HENK, game=owner_only), "status", {"step_id": 20, "status": "done"})
    assert error.code == "not_allowed"
    owner = Player(920, "Henk", "ambtenaar")  # its owner_id: who took it on (or continues them)
    by_id = done(
        turn(owner, game=owner_only, players=(FATIMA, HENK, owner)), "status", {"step_id": 20, "status": "done"}
    )
    assert by_id["status"] == "done"
    # a step named after someone (typed, nobody's claim) goes by name
    named = [replace(STEPS[0], data=MappingProxyType({**STEPS[0].data, "owner_id": None})), *STEPS[1:]]
    assert (
        done(turn(HENK, game=owner_only, items=named), "status", {"step_id": 20, "status": "done"})["status"] == "done"
    )
    fac = Turn(session(game=owner_only), owner_only.round("terugblik"), FACILITATOR_PLAYER, AT)
    assert done(fac, "status", {"step_id": 20, "status": "done"})["status"] == "done"


@pytest.mark.parametrize(
    "payload,code,field",
    [
        ({"step_id": 20, "status": "finished"}, "bad_request", "status"),
        ({"step_id": 20}, "bad_request", "status"),
        ({"step_id": 20, "status": "dropped"}, "empty", "note"),
        ({"step_id": 20, "status": "dropped", "note": "   "}, "empty", "note"),
        ({"step_id": 20, "status": "done", "note": "x" * 281}, "too_long", None),
        ({"step_id": 20, "status": "done", "note": 5}, "bad_request", None),
    ],
)
def test_a_bad_status_or_a_drop_without_a_reason_is_refused(payload, code, field):
    error = refused(turn(), "status", payload)
    assert error.code == code, error
    if field:
        assert error.params.get("field") == field


def test_a_dropped_step_carries_its_reason():
    data = done(turn(), "status", {"step_id": 22, "status": "dropped", "note": "Geen budget meer"})
    assert (data["status"], data["history"][-1]["note"]) == ("dropped", "Geen budget meer")


@pytest.mark.parametrize("step_id", [None, "20", True, 0, 99, 1])
def test_only_steps_of_the_reviewed_plan_round(step_id):
    other = Item(1, "ideeen", "card", FATIMA.id, MappingProxyType({"text": "idee"}))
    payload = {"status": "done"} if step_id is None else {"step_id": step_id, "status": "done"}
    error = refused(turn(items=[*STEPS, other]), "status", payload)
    assert error.code in ("bad_request", "not_found")


def test_a_hidden_step_is_not_reviewed():
    hidden = replace(STEPS[0], hidden=True)
    assert refused(turn(items=[hidden, *STEPS[1:]]), "status", {"step_id": 20, "status": "done"}).code == "not_found"


def test_nothing_is_taken_once_the_round_is_closed():
    assert refused(turn(round_id="ideeen"), "status", {"step_id": 20, "status": "done"}).code == "round_closed"


def test_ik_help_mee_makes_a_partner_and_can_be_taken_back():
    data = done(turn(ANNA), "help", {"step_id": 22, "help": True})
    assert data["partners"] == ["Piet", "Anna"]
    assert data["reviewed"]["helpers"] == [{"id": ANNA.id, "name": "Anna"}]
    assert data["rev"]["partners"] == 1
    helped = replace(STEPS[2], data=MappingProxyType(data))
    again = done(turn(ANNA, items=[*STEPS[:2], helped]), "help", {"step_id": 22})  # a resend: the same
    assert again == data
    back = done(turn(ANNA, items=[*STEPS[:2], helped]), "help", {"step_id": 22, "help": False})
    assert back["partners"] == ["Piet"] and back["reviewed"]["helpers"] == []


def test_taking_help_back_keeps_a_partner_named_before_the_review():
    piet = Player(4, "Piet", "inwoner")
    data = done(turn(piet, players=(FATIMA, HENK, piet)), "help", {"step_id": 22})
    assert data["partners"] == ["Piet"]  # already a partner by name: not twice
    helped = replace(STEPS[2], data=MappingProxyType(data))
    back = done(turn(piet, items=[*STEPS[:2], helped], players=(FATIMA, piet)), "help", {"step_id": 22, "help": False})
    assert back["partners"] == ["Piet"]


def test_help_is_refused_to_the_owner_on_finished_steps_and_beyond_the_partner_limit():
    owner = Player(920, "Henk", "ambtenaar")  # step 20's owner_id
    assert refused(turn(owner, players=(FATIMA, HENK, owner)), "help", {"step_id": 20}).code == "not_allowed"
    finished = step(23, "Klaar", status="done")
    assert refused(turn(ANNA, items=[*STEPS, finished]), "help", {"step_id": 23}).code == "not_allowed"
    full = step(24, "Vol", partners=[f"P{i}" for i in range(12)])
    error = refused(turn(ANNA, items=[*STEPS, full]), "help", {"step_id": 24})
    assert (error.code, error.params["max"]) == ("limit_reached", 12)
    assert refused(turn(ANNA), "help", {"step_id": 22, "help": "ja"}).code == "bad_request"
    no_help = replace(
        ONDERWEG,
        rounds=tuple(
            replace(r, settings=MappingProxyType({**r.settings, "help": False})) if r.id == "terugblik" else r
            for r in ONDERWEG.rounds
        ),
    )
    assert refused(turn(ANNA, game=no_help), "help", {"step_id": 22}).code == "not_allowed"


def test_the_facilitator_does_not_help_in_their_own_name():
    state = session()
    with pytest.raises(Rejected) as caught:
        actions.decide(state, FACILITATOR_PLAYER, "review:help", {"round_id": "terugblik", "step_id": 22})
    assert caught.value.code == "not_allowed"


def test_a_stuck_step_gets_a_new_owner_or_date():
    taken = done(turn(ANNA), "reassign", {"step_id": 20, "take": True})
    assert (taken["owner"], taken["owner_id"], taken["rev"]["owner"]) == ("Anna", ANNA.id, 1)
    named = done(turn(ANNA), "reassign", {"step_id": 20, "owner": " Karin ", "due": "2026-06-01"})
    assert (named["owner"], named["owner_id"], named["due"]) == ("Karin", None, "2026-06-01")
    assert named["reviewed"]["before"]["owner"] == "Henk"
    fac = Turn(session(), ONDERWEG.round("terugblik"), FACILITATOR_PLAYER, AT)
    assert done(fac, "reassign", {"step_id": 21, "due": None})["due"] is None


@pytest.mark.parametrize(
    "payload,code",
    [
        ({"step_id": 20}, "bad_request"),
        ({"step_id": 20, "owner": ""}, "empty"),
        ({"step_id": 20, "owner": "x" * 61}, "too_long"),
        ({"step_id": 20, "due": "morgen"}, "bad_request"),
        ({"step_id": 20, "take": "yes"}, "bad_request"),
    ],
)
def test_a_bad_reassignment_is_refused(payload, code):
    assert refused(turn(), "reassign", payload).code == code


def test_a_done_or_dropped_step_is_not_reassigned_and_the_facilitator_cannot_take_one():
    dropped = step(23, "Weg", status="dropped")
    assert refused(turn(items=[*STEPS, dropped]), "reassign", {"step_id": 23, "owner": "Karin"}).code == "not_allowed"
    fac = Turn(session(), ONDERWEG.round("terugblik"), FACILITATOR_PLAYER, AT)
    assert refused(fac, "reassign", {"step_id": 20, "take": True}).code == "not_allowed"


def test_the_walk_follows_the_action_path_and_the_facilitator_moves_it():
    state = session()
    rnd = state.game.round("terugblik")
    assert summary("terugblik", Viewer(PARTICIPANT), state)["order"] == [21, 22, 20]
    assert summary("terugblik", Viewer(PARTICIPANT), state)["current"] == 21
    moved = apply(state, Action("control", {"action": "review_next"}, AT))
    assert moved.round_states["terugblik"].focus == 22
    assert summary("terugblik", Viewer(PARTICIPANT), moved.state)["current"] == 22
    last = moved.state.with_round_state("terugblik", RoundState(focus=20))
    with pytest.raises(Rejected) as caught:
        apply(last, Action("control", {"action": "review_next"}, AT))
    assert caught.value.code == "invalid_transition"
    back = apply(last, Action("control", {"action": "review_prev"}, AT)).state
    assert back.round_state("terugblik").focus == 22
    with pytest.raises(Rejected) as caught:
        REVIEW.control(rnd, state, "review_prev")
    assert caught.value.code == "invalid_transition"
    with pytest.raises(Rejected):
        REVIEW.control(rnd, session(items=[]), "review_next")
    # a control of the review is refused in another round
    with pytest.raises(Rejected) as caught:
        apply(session(round_id="ideeen"), Action("control", {"action": "review_next"}, AT))
    assert caught.value.code == "invalid_transition"
    # the position survives storing (round states are kept as data)
    assert RoundState.from_data(RoundState(focus=22).as_data()).focus == 22


def test_a_phone_gets_the_later_plan_rounds_steps_during_the_review():
    state = session()
    assert may_see_round(state, "actiepad")
    assert not may_see_round(session(round_id="welkom"), "actiepad")
    shot = snapshot(seq=1, now_ms=AT, session_info={}, session=state, viewer=Viewer(PARTICIPANT, FATIMA))
    assert {i["id"] for i in shot["items"]} == {20, 21, 22}
    assert shot["round"]["items_from"] == ["actiepad"]
    assert shot["summaries"]["terugblik"]["note_max"] == 280
    assert shot["summaries"]["terugblik"]["fields"] == ["what", "owner", "partners", "due", "needs"]


def test_the_review_applies_and_replays_through_the_log():
    state = session()
    applied = apply(
        state,
        Action("review:status", {"round_id": "terugblik", "step_id": 20, "status": "stuck", "note": "Vast"}, AT, HENK),
    )
    assert applied.round_id == "terugblik"
    assert applied.state.item(20).data["status"] == "stuck"
    assert applied.state.item(20).round_id == "actiepad"
    # the event names the review round; an id would name the plan's step and is refused
    with pytest.raises(Rejected) as caught:
        apply(state, Action("review:status", {"id": 20, "status": "done"}, AT, HENK))
    assert caught.value.code == "bad_request"


def test_the_plan_document_shows_old_and_new_status():
    ended = reviewed_session()
    doc = build_document(ended, {"code": "ABC"}, "nl")
    jsonschema.validate(doc, plan_schema())
    block = next(b for s in doc["sections"] if s["id"] == "terugblik" for b in s["blocks"])
    assert block["type"] == "review" and block["steps_from"] == "actiepad"
    by_id = {s["id"]: s for s in block["steps"]}
    assert [s["id"] for s in block["steps"]] == [21, 22, 20]
    assert by_id[20] | {} == {
        **by_id[20],
        "status_before": "not_started",
        "status": "stuck",
        "owner_before": "Henk",
        "owner": "Karin",
        "due_before": None,
        "due": "2026-06-01",
        "notes": ["Wacht op de gemeente"],
        "reviewed": True,
    }
    assert (by_id[21]["status_before"], by_id[21]["status"]) == ("under_way", "done")
    assert by_id[22]["helpers"] == ["Anna"] and by_id[22]["partners"] == ["Piet", "Anna"]
    assert by_id[22]["status"] == by_id[22]["status_before"] == "not_started"
    assert doc["summary"]["reviewed_steps"] == 3 and doc["summary"]["reviewed_done"] == 1
    assert doc["summary"]["reviewed_stuck"] == 1
    # an anonymous plan names roles, not people
    anonymous = build_document(ended, {"code": "ABC"}, "nl", anonymous=True)
    block = next(b for s in anonymous["sections"] if s["id"] == "terugblik" for b in s["blocks"])
    assert next(s for s in block["steps"] if s["id"] == 22)["helpers"] == ["Ondernemer"]


def test_a_record_of_an_earlier_session_does_not_count_as_this_review():
    earlier = {
        "item": 5,
        "round": "terugblik",
        "at": 1,
        "before": {"status": "done", "owner": "", "due": None, "partners": []},
        "helpers": [],
    }
    carried = step(20, "Subsidie", reviewed=earlier)
    data = done(turn(items=[carried]), "status", {"step_id": 20, "status": "under_way"})
    assert data["reviewed"]["item"] == 20 and data["reviewed"]["before"]["status"] == "not_started"


def test_the_facilitator_sees_the_same_walk():
    state = session()
    assert summary("terugblik", Viewer(FACILITATOR), state)["order"] == [21, 22, 20]
