"""Group commit on PostgreSQL (services/batches.py): writers of one session queued behind each
other share one transaction and one commit; each returns only once that commit held. What
must stay true: every accepted write is stored and logged, the state kept in the process is
the state a load gives, one member failing after it wrote takes its batch's writes with it
and those members are told ``server_busy`` (never a false "ok"), a member refused before it
wrote leaves the others alone, and a transaction left for a writer that gave up is ended."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import event, func, select

from samenspel.engine.apply import Action
from samenspel.engine.errors import Rejected
from samenspel.services import play, states
from samenspel.services.play import apply_and_save
from samenspel.services.turns import Turns
from samenspel.services.unit import writing
from samenspel.store.clock import now_ms
from samenspel.store.models import ActionRow, GameSession, Item
from samenspel.store.state import load
from tests.support.writers import at_once, cards_round, context

TRIALS = 20


@pytest.fixture
def ctx(postgres_url):
    made = context(postgres_url)
    yield made
    made.database.dispose()


def commits_during(ctx, call):
    counted = []
    listener = lambda _connection: counted.append(1)  # noqa: E731
    event.listen(ctx.database.engine, "commit", listener)
    try:
        return call(), len(counted)
    finally:
        event.remove(ctx.database.engine, "commit", listener)


def kept_equals_load(ctx, session_id: int) -> None:
    with ctx.database.unit_of_work(write=False) as db:
        session = db.get(GameSession, session_id)
        version = db.scalar(select(func.max(ActionRow.id)).where(ActionRow.session_id == session_id))
        kept = ctx.states.get(states.key(session), version)
        assert kept is not None, "the batch's last state is kept under the session's version"
        loaded = load(db, session, kept.game)
    assert kept.items == loaded.items and kept.players == loaded.players


def test_queued_writers_share_commits_and_every_write_is_stored(ctx):
    shared = 0
    for trial in range(TRIALS):
        _f, players = cards_round(ctx, players=8)
        calls = [
            lambda p=p, n=n: play.act(
                ctx,
                p,
                "card:add",
                {"round_id": "droom", "text": f"{n}", "client_id": f"g{trial:03d}-{p.participant_id}-{n}"},
            )
            for p in players
            for n in range(3)
        ]
        results, commits = commits_during(ctx, lambda calls=calls: at_once(calls))
        assert not [r for r in results if isinstance(r, Rejected)], results
        assert commits <= len(calls)
        shared += len(calls) - commits
        seqs = sorted(b.seq for r in results for b in r.broadcasts)
        assert seqs == list(range(seqs[0], seqs[0] + len(seqs))), "one sequence, no gap, no repeat"
        ids = {r.ack["item"]["id"] for r in results}
        with ctx.database.unit_of_work(write=False) as db:
            stored = set(db.scalars(select(Item.id).where(Item.session_id == players[0].session_id)))
        assert stored == ids, "every acknowledged card is stored"
        kept_equals_load(ctx, players[0].session_id)
    assert shared > 0, "writers queued at once never shared a commit"


def _queued(ctx, session_id: int, writers: int) -> None:
    deadline = time.monotonic() + 10
    while (queue := ctx.turns._queues.get(session_id)) is None or queue.writers < writers:
        assert time.monotonic() < deadline, "the writers never queued"
        time.sleep(0.005)


def _card(ctx, unit, player, text: str):
    action = Action("card:add", {"round_id": "droom", "text": text}, now_ms(), unit.state().player(player))
    return apply_and_save(unit, action, client_id=f"client-{text}")


def test_a_member_failing_after_it_wrote_takes_its_batch_with_it(ctx):
    for trial in range(TRIALS // 2):
        _f, (first, second, third) = cards_round(ctx, players=3)
        sid = first.session_id
        inside, go = threading.Event(), threading.Event()
        outcome: dict = {}

        def holder():
            try:
                with writing(ctx, sid) as unit:
                    _card(ctx, unit, first.participant_id, f"a{trial}")
                    inside.set()
                    go.wait(10)
                outcome["a"] = "ok"
            except Rejected as rejected:
                outcome["a"] = rejected.code

        def failing():
            try:
                with writing(ctx, sid) as unit:
                    _card(ctx, unit, third.participant_id, f"c{trial}")
                    raise RuntimeError("fails after writing")
            except RuntimeError:
                outcome["c"] = "raised"

        def plain():
            try:
                made = play.act(
                    ctx, second, "card:add", {"round_id": "droom", "text": "b", "client_id": f"b-{trial:04d}"}
                )
                outcome["b"] = made.ack["item"]["id"]
            except Rejected as rejected:
                outcome["b"] = rejected.code

        threads = [threading.Thread(target=holder)]
        threads[0].start()
        assert inside.wait(10)
        threads += [threading.Thread(target=failing), threading.Thread(target=plain)]
        for thread in threads[1:]:
            thread.start()
        _queued(ctx, sid, 3)
        go.set()
        for thread in threads:
            thread.join(20)
        assert outcome["a"] == "server_busy", "a write rolled back with its batch is never acknowledged"
        assert outcome["c"] == "raised"
        with ctx.database.unit_of_work(write=False) as db:
            texts = {i.data["text"] for i in db.scalars(select(Item).where(Item.session_id == sid))}
        assert f"a{trial}" not in texts and f"c{trial}" not in texts
        assert ("b" in texts) == isinstance(outcome["b"], int), outcome
        assert play.act(ctx, first, "card:add", {"round_id": "droom", "text": "na", "client_id": f"after-{trial:04d}"})
        kept_equals_load(ctx, sid)


def test_a_member_refused_before_writing_leaves_the_others_alone(ctx):
    for trial in range(TRIALS // 2):
        _f, (first, second) = cards_round(ctx, players=2)
        sid = first.session_id
        inside, go = threading.Event(), threading.Event()
        outcome: dict = {}

        def holder():
            with writing(ctx, sid) as unit:
                _card(ctx, unit, first.participant_id, f"a{trial}")
                inside.set()
                go.wait(10)
            outcome["a"] = "ok"

        def refused():
            try:
                play.act(ctx, second, "card:add", {"round_id": "droom", "text": "", "client_id": f"empty-{trial:04d}"})
            except Rejected as rejected:
                outcome["r"] = rejected.code

        threads = [threading.Thread(target=holder)]
        threads[0].start()
        assert inside.wait(10)
        threads.append(threading.Thread(target=refused))
        threads[1].start()
        _queued(ctx, sid, 2)
        go.set()
        for thread in threads:
            thread.join(20)
        assert outcome == {"a": "ok", "r": outcome["r"]} and outcome["r"] != "server_busy", outcome
        with ctx.database.unit_of_work(write=False) as db:
            texts = {i.data["text"] for i in db.scalars(select(Item).where(Item.session_id == sid))}
        assert f"a{trial}" in texts
        kept_equals_load(ctx, sid)


def test_a_transaction_left_for_a_writer_that_gave_up_is_ended():
    class Left:
        finished = False

        def finish(self):
            Left.finished = True

    turns = Turns()
    with turns.turn(7) as queue:
        queue.batch = Left()  # as a member does when it saw someone waiting
    assert Left.finished and len(turns) == 0
