"""Forgetting reaches every record of one person (services/forgetting.py), on SQLite and on
PostgreSQL: Xandrijntje played the first session and joined the follow-up through her
owner's link, so her record there continues the first. Whether she leaves the follow-up
with "forget my name", the follow-up's facilitator removes her so, or the first session's
facilitator forgets her earlier record: both records are removed and nameless, no item,
logged payload or record of either session holds her name, her link is gone, and each
session's log replays to what is stored."""

from __future__ import annotations

import pytest

from samenspel.engine.errors import Rejected
from samenspel.engine.forget import PLACEHOLDER
from samenspel.services import continuing, owners, people, play
from samenspel.services.unit import ActorRef
from samenspel.store.models import OwnerLink
from tests.support.continued import continued_person, everything, record, replay_problems
from tests.support.retention import database_of, follow_up

NAME = "Xandrijntje"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.scaled)])
def ctx(request, tmp_path):
    with database_of(request.param, tmp_path) as made_ctx:
        yield made_ctx


def forgotten_everywhere(ctx, person, *sessions, names=(NAME,)) -> None:
    for session in sessions or (person.first, person.later):
        text = everything(ctx, session.session_id).lower()
        assert not [n for n in names if n.lower() in text], session.code
        assert replay_problems(ctx, session.session_id) == []
    for ref in (person.before, person.again):
        assert record(ctx, ref) == ("", True)
    with pytest.raises(Rejected) as refused:
        owners.page(ctx, person.token)
    assert refused.value.code == "link_gone"


def test_she_leaves_the_follow_up_and_the_first_session_forgets_her_too(ctx):
    person = continued_person(ctx, NAME)
    assert NAME in everything(ctx, person.first.session_id)
    henk = owners.link(ctx, person.henk).ack["url"].rsplit("/", 1)[1]

    answer = people.leave(ctx, person.again, {"forget_name": True})

    assert answer.ack == {"ok": True}
    forgotten_everywhere(ctx, person)
    steps = {s["what"]: s for s in owners.page(ctx, henk)["path"]}  # anyone's owner page: the whole path
    assert steps["Kas bouwen"]["owner"] == PLACEHOLDER and steps["Zaad kopen"]["partners"] == [PLACEHOLDER]
    with pytest.raises(Rejected) as refused:  # her earlier phone is out as well
        play.sync(ctx, person.before)
    assert refused.value.code == "unknown_participant"
    with ctx.database.unit_of_work(write=False) as db:
        ids = {person.before.participant_id, person.again.participant_id}
        assert all(link.revoked_ms for link in db.query(OwnerLink) if link.participant_id in ids)


def test_the_follow_ups_facilitator_forgets_her_by_the_same_rule(ctx):
    person = continued_person(ctx, NAME)
    facilitator = person.facilitator(person.later)
    people.remove(ctx, facilitator, {"participant_id": person.again.participant_id, "forget_name": True})
    forgotten_everywhere(ctx, person)


def test_forgetting_her_first_record_reaches_the_one_that_continues_it(ctx):
    person = continued_person(ctx, NAME)
    facilitator = person.facilitator(person.first)
    people.remove(ctx, facilitator, {"participant_id": person.before.participant_id, "forget_name": True})
    forgotten_everywhere(ctx, person)
    with pytest.raises(Rejected) as refused:  # her phone in the follow-up is out
        play.act(ctx, person.again, "intro:set", {"round_id": "welkom", "text": "nog eens"})
    assert refused.value.code == "unknown_participant"


def test_a_new_name_in_the_follow_up_goes_too_and_the_log_still_replays(ctx):
    person = continued_person(ctx, NAME, new_name=f"{NAME} de Boer")
    people.leave(ctx, person.before, {"forget_name": True})  # from her earlier phone this time
    forgotten_everywhere(ctx, person, names=(NAME, "de Boer"))


def test_a_third_session_and_a_third_record_all_go(ctx):
    person = continued_person(ctx, NAME)
    last = follow_up(ctx, person.later, game="samenspel-onderweg")
    third = continuing.join(ctx, person.token, {}).ack["participant"]["id"]
    assert NAME in everything(ctx, last.session_id)
    people.leave(ctx, person.again, {"forget_name": True})  # the middle record
    forgotten_everywhere(ctx, person, person.first, person.later, last)
    assert record(ctx, ActorRef(last.session_id, "participant", third)) == ("", True)


def test_without_forgetting_only_the_record_in_that_session_goes(ctx):
    person = continued_person(ctx, NAME)
    people.leave(ctx, person.again, {})
    assert record(ctx, person.again) == (NAME, True)
    assert record(ctx, person.before) == (NAME, False)
    assert NAME in everything(ctx, person.first.session_id)
    for session in (person.first, person.later):
        assert replay_problems(ctx, session.session_id) == []


def test_a_second_forgetting_finds_nothing_left(ctx):
    person = continued_person(ctx, NAME)
    people.leave(ctx, person.again, {"forget_name": True})
    with pytest.raises(Rejected) as refused:
        people.remove(
            ctx,
            person.facilitator(person.first),
            {"participant_id": person.before.participant_id, "forget_name": True},
        )
    assert refused.value.code == "not_found"
    forgotten_everywhere(ctx, person)
