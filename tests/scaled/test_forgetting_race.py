"""Two forgetters of one person at the same moment, on SQLite and on PostgreSQL, many times
(services/forgetting.py): Xandrijntje's earlier record is forgotten in the first session
(her old phone leaves, or that session's facilitator removes her) while her record in the
follow-up, which continues it, is forgotten there (she leaves, or its facilitator removes
her). Whoever comes second finds nothing left to do; nobody waits on the other for ever
(no deadlock, no ``server_busy``), both records end nameless and removed, neither session
holds her name, and each log replays to what is stored. And the same while her link joins
a third session: that record is refused or forgotten too, never left with her name."""

from __future__ import annotations

import pytest

from samenspel.engine.errors import Rejected
from samenspel.engine.views import PARTICIPANT
from samenspel.services import continuing, people
from samenspel.services.unit import ActorRef
from tests.support.continued import continued_person, everything, record, replay_problems
from tests.support.retention import database_of, follow_up
from tests.support.writers import at_once

TRIALS = 30
NAME = "Xandrijntje"
#: what the second forgetter is told: the person is gone already
ALREADY_GONE = {"unknown_participant", "not_found"}


@pytest.fixture(params=["sqlite", "postgresql"])
def ctx(request, tmp_path):
    with database_of(request.param, tmp_path) as made:
        yield made


def _earlier(ctx, person, trial: int):
    """Her first record forgotten: by her old phone, or by the first session's facilitator."""
    if trial % 2:
        return lambda: people.leave(ctx, person.before, {"forget_name": True})
    forget = {"participant_id": person.before.participant_id, "forget_name": True}
    return lambda: people.remove(ctx, person.facilitator(person.first), forget)


def _later(ctx, person, trial: int):
    """Her follow-up record forgotten: by her phone there, or by its facilitator."""
    if (trial // 2) % 2:
        return lambda: people.leave(ctx, person.again, {"forget_name": True})
    forget = {"participant_id": person.again.participant_id, "forget_name": True}
    return lambda: people.remove(ctx, person.facilitator(person.later), forget)


def _problems(ctx, person, results, *sessions) -> list[str]:
    problems = []
    refused = [r for r in results if isinstance(r, Rejected)]
    if len(refused) == len(results):
        problems.append(f"nobody forgot her: {[r.code for r in refused]}")
    problems += [f"refused {r.code}" for r in refused if r.code not in ALREADY_GONE]
    for ref in (person.before, person.again):
        if record(ctx, ref) != ("", True):
            problems.append(f"record {ref.participant_id} is {record(ctx, ref)}")
    for session in sessions or (person.first, person.later):
        if NAME.lower() in everything(ctx, session.session_id).lower():
            problems.append(f"{session.code} still holds her name")
        problems += replay_problems(ctx, session.session_id)
    return problems


def test_two_forgetters_of_one_person_at_once(ctx):
    failures = []
    for trial in range(TRIALS):
        person = continued_person(ctx, NAME)
        results = at_once([_earlier(ctx, person, trial), _later(ctx, person, trial)][:: 1 if trial % 3 else -1])
        failures += [f"trial {trial}: {p}" for p in _problems(ctx, person, results)]
    assert not failures, f"{len(failures)} problems in {TRIALS} trials:\n" + "\n".join(failures[:10])


def test_forgetting_while_her_link_joins_a_third_session(ctx):
    failures = []
    for trial in range(TRIALS):
        person = continued_person(ctx, NAME)
        last = follow_up(ctx, person.later, game="samenspel-onderweg")
        results = at_once([_earlier(ctx, person, trial), lambda: continuing.join(ctx, person.token, {})])
        joined, problems = results[1], []
        if isinstance(joined, Rejected):
            problems += [] if joined.code == "link_gone" else [f"the join was refused {joined.code}"]
            results = results[:1]
        else:
            third = joined.ack["participant"]["id"]
            found = record(ctx, ActorRef(last.session_id, PARTICIPANT, third))
            problems += [] if found == ("", True) else [f"the joined record is {found}"]
        problems += _problems(ctx, person, results, person.first, person.later, last)
        failures += [f"trial {trial}: {p}" for p in problems]
    assert not failures, f"{len(failures)} problems in {TRIALS} trials:\n" + "\n".join(failures[:10])
