"""Forgetting one person with several records (engine/forget.py): the claims of each record
lose the copied name, every name of theirs is scrubbed — the longest first, so a longer
name goes whole — and other people's claims and names stay. Pure: no database."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

from samenspel.engine.apply import Action, apply
from samenspel.engine.forget import EVENT, PLACEHOLDER, forget, scrub
from tests.support.factories import FATIMA, HENK
from tests.support.review import AT, STEPS, review_session, step

#: Henk de Vries's earlier record claimed step 20 (``owner_id`` 920); he continues as 7
NOTES = step(23, "Kas bouwen", owner="Henk de Vries", partners=["Henk", "Piet"], needs="Henk de Vries belt")
AGAIN = 7


def test_each_record_loses_its_claims_and_every_name_goes():
    claimed = step(24, "Zaad kopen", owner="Henk de Vries")
    claimed = replace(claimed, data=MappingProxyType({**claimed.data, "owner_id": AGAIN}))
    state = review_session(items=(*STEPS, NOTES, claimed), players=(FATIMA, HENK))
    changes = {c.item_id: c.data for c in forget(state, [920, AGAIN], ["Henk", "Henk de Vries"])}
    assert changes[20]["owner"] == PLACEHOLDER  # the earlier record's claim
    assert changes[24]["owner"] == PLACEHOLDER  # the later record's claim
    assert (changes[23]["owner"], changes[23]["partners"], changes[23]["needs"]) == (
        PLACEHOLDER,
        [PLACEHOLDER, "Piet"],
        f"{PLACEHOLDER} belt",  # "Henk de Vries" went whole, not "… de Vries"
    )
    assert 21 not in changes and 22 not in changes  # Fatima's, and Piet's partnership


def test_scrub_takes_one_name_or_several_and_leaves_the_rest():
    payload = {"text": "Henk de Vries en henk en Henkie", "round_id": "Henk"}
    assert scrub(payload, "Henk")["text"] == "… de Vries en … en Henkie"
    assert scrub(payload, ["Henk", "Henk de Vries"]) == {"text": "… en … en Henkie", "round_id": "Henk"}
    assert scrub(payload, ["x", ""]) is payload  # no name long enough: the same object


def test_a_logged_steps_forget_replays_one_records_claims():
    state = review_session()
    after = apply(state, Action(EVENT, {"participant_id": 920}, AT)).state
    assert after.item(20).data["owner"] == PLACEHOLDER
    assert after.item(21) == state.item(21)
