"""An initiative's life in the store, on SQLite and on PostgreSQL: retention counts from the
initiative's last activity (any of its sessions, a step's status changed by an owner's
link), an expired initiative goes whole (sessions, links and its own row, no orphans);
deleting an initiative takes all its sessions; forgetting a participant also forgets them
in the later sessions their steps were carried to, and stops their owner's link."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace

import pytest
from sqlalchemy import select

from samenspel.engine.errors import Rejected
from samenspel.engine.forget import PLACEHOLDER
from samenspel.engine.replay import replay
from samenspel.engine.views import FACILITATOR, PARTICIPANT
from samenspel.services import create, housekeeping, owners, people, steps
from samenspel.services.catalogue import game_for
from samenspel.services.snapshots import SnapshotCache
from samenspel.services.states import StateCache
from samenspel.services.turns import Turns
from samenspel.services.unit import ActorRef
from samenspel.store.models import ActionRow, GameSession, Item, OwnerLink
from samenspel.store.participants import players_of
from samenspel.store.state import action_log, load
from tests.support.retention import age, counts, database_of, follow_up, made, seeded_start
from tests.support.writers import GAME

KEES = 8  # the sample's participant who owns a step and partners another (tests/data)
YUSUF = 11  # a partner only


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.scaled)])
def ctx(request, tmp_path):
    with database_of(request.param, tmp_path) as made_ctx:
        yield made_ctx


def _steps(ctx, session_id) -> list[Item]:
    with ctx.database.unit_of_work(write=False) as db:
        found = db.scalars(select(Item).where(Item.session_id == session_id, Item.kind == "step").order_by(Item.id))
        return [Item(id=i.id, data=dict(i.data)) for i in found]


def _kees_step(ctx, session_id) -> int:
    return next(s.id for s in _steps(ctx, session_id) if s.data.get("owner_id") == KEES)


def _token(ctx, session) -> str:
    return owners.link(ctx, ActorRef(session.session_id, PARTICIPANT, KEES)).ack["url"].rsplit("/", 1)[1]


def test_retention_counts_from_the_initiatives_last_activity_and_takes_it_whole(ctx):
    start = seeded_start(ctx)
    later = follow_up(ctx, start)
    other = made(ctx, create.create(ctx, {"game": GAME, "title": "Straat", "question": "Hoe?"}))
    token = _token(ctx, start)

    # every session is 200 days old, but the owner set a status today: still active
    age(ctx, start.initiative_id, 200)
    owners.update(ctx, token, _kees_step(ctx, later.session_id), {"status": "under_way", "note": "begonnen"})
    assert housekeeping.purge(ctx, older_than_days=90) == []
    assert counts(ctx)["game_sessions"] == 3

    # 200 days without anything: the initiative goes with its sessions, people and links
    age(ctx, start.initiative_id, 200)
    assert sorted(housekeeping.purge(ctx, older_than_days=90)) == sorted([start.code, later.code])
    left = counts(ctx)
    assert (left["initiatives"], left["game_sessions"], left["participants"], left["owner_links"]) == (1, 1, 0, 0)
    with pytest.raises(Rejected) as refused:
        owners.page(ctx, token)
    assert refused.value.code == "unknown_participant"

    # the last session of an initiative deleted by hand: no orphan initiative row stays
    housekeeping.delete_session(ctx, ActorRef(other.session_id, FACILITATOR), {"code": other.code})
    assert set(counts(ctx).values()) == {0}


def test_deleting_an_initiative_takes_every_session(ctx):
    start = seeded_start(ctx)
    later = follow_up(ctx, start)
    _token(ctx, start)
    with pytest.raises(Rejected) as refused:
        housekeeping.delete_initiative(ctx, start.initiative_id, "x" * 43)
    assert refused.value.code == "bad_key"
    assert counts(ctx)["game_sessions"] == 2
    # the key of any of its sessions opens it
    assert housekeeping.delete_initiative(ctx, start.initiative_id, later.key) == [start.code, later.code]
    assert set(counts(ctx).values()) == {0}


def _everything(ctx, session_id) -> str:
    with ctx.database.unit_of_work(write=False) as db:
        items = [i.data for i in db.scalars(select(Item).where(Item.session_id == session_id))]
        logged = [a.payload for a in db.scalars(select(ActionRow).where(ActionRow.session_id == session_id))]
    return json.dumps([items, logged], ensure_ascii=False)


def _stored_equals_replay(ctx, session_id) -> None:
    with ctx.database.unit_of_work(write=False) as db:
        session = db.get(GameSession, session_id)
        game = game_for(db, session)
        stored = load(db, session, game)
        rebuilt = replay(game, players_of(db, session, include_removed=True), action_log(db, session))
    assert rebuilt.items == stored.items


def test_forgetting_a_participant_reaches_the_later_sessions_and_stops_their_link(ctx):
    start = seeded_start(ctx)
    token = _token(ctx, start)
    steps.set_status(ctx, start.session_id, _kees_step(ctx, start.session_id), "stuck", "Kees wacht op de gemeente")
    later = follow_up(ctx, start)
    carried = _kees_step(ctx, later.session_id)
    steps.set_status(ctx, later.session_id, carried, "under_way", "kees heeft hulp van Henk")
    typed = next(s.id for s in _steps(ctx, later.session_id) if s.data.get("owner_id") != KEES)
    steps.edit(ctx, later.session_id, typed, {"owner": "Kees"})  # a name typed, no claim
    last = follow_up(ctx, later)
    assert all("Kees" in _everything(ctx, s.session_id) for s in (start, later, last))

    people.remove(ctx, ActorRef(start.session_id, FACILITATOR), {"participant_id": KEES, "forget_name": True})

    for session in (start, later, last):
        assert "kees" not in _everything(ctx, session.session_id).lower(), session.code
    for session in (later, last):
        step = next(s for s in _steps(ctx, session.session_id) if s.data.get("owner_id") == KEES)
        assert step.data["owner"] == PLACEHOLDER
        assert [(h["status"], h["note"]) for h in step.data["history"]] == [
            ("stuck", f"{PLACEHOLDER} wacht op de gemeente"),
            ("under_way", f"{PLACEHOLDER} heeft hulp van Henk"),
        ]
        _stored_equals_replay(ctx, session.session_id)  # the log says it all: the replay agrees
    with pytest.raises(Rejected) as refused:
        owners.page(ctx, token)
    assert refused.value.code == "link_gone"
    with ctx.database.unit_of_work(write=False) as db:
        assert all(link.revoked_ms for link in db.scalars(select(OwnerLink)))


def test_a_participant_of_a_later_session_is_forgotten_onwards_not_backwards(ctx):
    start = seeded_start(ctx)
    later = follow_up(ctx, start)
    joined = people.join(ctx, later.code, {"name": "Wubbo", "role": "inwoner"}, "127.0.0.1")
    wubbo = joined.ack["participant"]["id"]
    step = _steps(ctx, later.session_id)[0].id
    steps.edit(ctx, later.session_id, step, {"owner": "Wubbo"})
    last = follow_up(ctx, later)
    assert "Wubbo" in _everything(ctx, last.session_id)
    people.leave(ctx, ActorRef(later.session_id, PARTICIPANT, wubbo), {"forget_name": True})
    assert "Wubbo" not in _everything(ctx, later.session_id) + _everything(ctx, last.session_id)
    _stored_equals_replay(ctx, last.session_id)


def test_the_purge_command_deletes_what_retention_says(ctx, tmp_path):
    start = seeded_start(ctx)
    kept = made(ctx, create.create(ctx, {"game": GAME, "title": "Straat", "question": "Hoe?"}))
    age(ctx, start.initiative_id, 91)
    env = {
        **os.environ,
        "SAMENSPEL_DATABASE_URL": ctx.database.engine.url.render_as_string(hide_password=False),
        "SAMENSPEL_INSTANCE_PATH": str(tmp_path / "instance"),
    }
    command = [sys.executable, "-m", "samenspel", "purge", "--days", "90"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=True)
    assert f"deleted 1 session(s) of initiatives without activity for 90 days: {start.code}" in done.stdout
    with ctx.database.unit_of_work(write=False) as db:
        assert list(db.scalars(select(GameSession.code))) == [kept.code]


def test_another_process_never_writes_a_forgotten_name_back(ctx):
    """Yusuf is only a partner on a carried step (no claim): the later session still takes
    a new version, so a process that kept its state reloads it before its next write."""
    other_process = replace(ctx, states=StateCache(), snapshots=SnapshotCache(), turns=Turns(), codes={})
    start = seeded_start(ctx)
    later = follow_up(ctx, start)
    partnered = next(s.id for s in _steps(ctx, later.session_id) if "Yusuf" in s.data["partners"])
    steps.set_status(other_process, later.session_id, partnered, "under_way")  # it keeps the state
    people.remove(ctx, ActorRef(start.session_id, FACILITATOR), {"participant_id": YUSUF, "forget_name": True})
    steps.set_status(other_process, later.session_id, partnered, "done", "klaar")
    assert "yusuf" not in _everything(ctx, later.session_id).lower()
    _stored_equals_replay(ctx, later.session_id)
