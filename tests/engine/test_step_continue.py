"""``steps:continue`` (engine/step_events.py): a step owner who joined a follow-up through
their own link takes back the steps carried over with their earlier claim. Their id and
name go on those steps only; the review's ``status_by: owner``, "ik pak dit op" and the
ended snapshot's ``own_steps`` then know them by id, and a player with the same name is
still a stranger to those steps."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

import pytest

from samenspel.engine.apply import Action, apply
from samenspel.engine.errors import Rejected
from samenspel.engine.forget import PLACEHOLDER
from samenspel.engine.mechanics.plan import own_steps
from samenspel.engine.state import FACILITATOR_PLAYER, Player, Update
from samenspel.engine.step_events import CONTINUE
from tests.support.factories import FATIMA, HENK
from tests.support.review import AT, ONDERWEG, STEPS, review_session

#: Henk of the earlier session (step 20's ``owner_id``), now a new participant here
BACK = Player(7, "Henk", "ambtenaar")
OWNER_ONLY = replace(
    ONDERWEG,
    rounds=tuple(
        replace(r, settings=MappingProxyType({**r.settings, "status_by": "owner"})) if r.id == "terugblik" else r
        for r in ONDERWEG.rounds
    ),
)


def continued(player: Player = BACK, earlier: int = 920, **kwargs):
    state = review_session(players=(FATIMA, HENK, player), game=OWNER_ONLY, **kwargs)
    return apply(state, Action(CONTINUE, {"participant_id": earlier}, AT, player))


def test_the_carried_steps_of_the_earlier_participant_become_the_newcomers():
    applied = continued()
    assert [(type(c), i) for c, i in applied.changes] == [(Update, 20)]
    step = applied.state.item(20).data
    assert (step["owner"], step["owner_id"]) == ("Henk", BACK.id)
    assert step["rev"]["owner"] == 0  # the same name: no edit in flight is told "conflict"
    assert {k: v for k, v in step.items() if k not in ("owner_id",)} == {
        k: v for k, v in STEPS[0].data.items() if k not in ("owner_id",)
    }
    for other in (21, 22):  # someone else's, and nobody's
        assert applied.state.item(other) == applied.before.item(other)


def test_a_new_name_goes_on_the_steps_as_a_claim_would():
    applied = continued(Player(7, "Henk de Vries", "ambtenaar"))
    step = applied.state.item(20).data
    assert (step["owner"], step["rev"]["owner"]) == ("Henk de Vries", 1)


def test_then_the_review_and_own_steps_know_them_by_id_and_not_a_namesake():
    state = continued().state
    status = {"round_id": "terugblik", "step_id": 20, "status": "under_way", "note": "Offerte gevraagd"}
    with pytest.raises(Rejected) as caught:
        apply(state, Action("review:status", status, AT, HENK))  # the same name, another person
    assert caught.value.code == "not_allowed"
    reviewed = apply(state, Action("review:status", status, AT, BACK)).state
    assert reviewed.item(20).data["status"] == "under_way"
    assert [s.id for s in own_steps(reviewed, BACK.id)] == [20]
    assert own_steps(reviewed, HENK.id) == [] and own_steps(reviewed, 920) == []
    planning = continued(round_id="actiepad").state  # "ik pak dit op": theirs already, not the namesake's
    assert apply(planning, Action("step:claim", {"id": 20}, AT, BACK)).state.item(20).data["owner_id"] == BACK.id
    with pytest.raises(Rejected) as caught:
        apply(planning, Action("step:claim", {"id": 20}, AT, HENK))
    assert caught.value.code == "conflict"


def test_nothing_carried_with_their_claim_changes_nothing():
    applied = continued(earlier=999)
    assert applied.changes == () and applied.state == applied.before


@pytest.mark.parametrize(
    "payload,player",
    [
        ({}, BACK),
        ({"participant_id": "920"}, BACK),
        ({"participant_id": True}, BACK),
        ({"participant_id": BACK.id}, BACK),  # nobody continues themselves
        ({"participant_id": 920}, FACILITATOR_PLAYER),
        ({"participant_id": 920}, Player(99, "Henk", "ambtenaar")),  # not in this session
    ],
)
def test_a_bad_continue_is_refused(payload, player):
    state = review_session(players=(FATIMA, HENK, BACK))
    with pytest.raises(Rejected) as caught:
        apply(state, Action(CONTINUE, payload, AT, player))
    assert caught.value.code == "bad_request"


def test_the_logged_rename_decides_the_revision_so_a_forgotten_log_replays_the_same():
    """Forgotten, both names read ``…`` in the log (engine/forget.py): the revision follows
    what was logged (``renamed``), not a comparison of scrubbed names."""
    forgotten = Player(7, "", "ambtenaar")  # the record's name gone; the import scrubbed to "…"
    scrubbed = [replace(STEPS[0], data=MappingProxyType({**STEPS[0].data, "owner": PLACEHOLDER})), *STEPS[1:]]
    state = review_session(players=(FATIMA, HENK, forgotten), game=OWNER_ONLY, items=scrubbed)
    for renamed, rev in ((True, 1), (False, 0)):
        payload = {"participant_id": 920, "renamed": renamed}
        step = apply(state, Action(CONTINUE, payload, AT, forgotten)).state.item(20).data
        assert (step["owner"], step["rev"]["owner"]) == (PLACEHOLDER, rev)
    with pytest.raises(Rejected) as caught:
        apply(state, Action(CONTINUE, {"participant_id": 920, "renamed": "yes"}, AT, forgotten))
    assert caught.value.code == "bad_request"
