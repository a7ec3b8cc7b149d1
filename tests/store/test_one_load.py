"""Each use case loads the session's state once: one query for its items and one for its
players, however many broadcasts and acks it shapes from that state (it used to load the
whole session twice per event)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event

from samenspel.services import play
from tests.support.writers import cards_round, context

WHOLE_STATE = {
    "items": re.compile(
        r"^SELECT items\.id, items\.session_id, .*\sFROM items\s+WHERE items\.session_id = \?\s+ORDER", re.S
    ),
    "players": re.compile(
        r"^SELECT participants\.id, .*\sFROM participants\s+WHERE participants\.session_id = \?", re.S
    ),
}


@pytest.fixture
def ctx(tmp_path):
    made = context(f"sqlite:///{tmp_path / 'load.sqlite3'}")
    yield made
    made.database.dispose()


def loads_during(ctx, call) -> dict[str, int]:
    counts = dict.fromkeys(WHOLE_STATE, 0)

    def count(_conn, _cursor, statement, *_args):
        for name, pattern in WHOLE_STATE.items():
            if pattern.match(statement):
                counts[name] += 1

    event.listen(ctx.database.engine, "before_cursor_execute", count)
    try:
        call()
    finally:
        event.remove(ctx.database.engine, "before_cursor_execute", count)
    return counts


def test_an_input_a_control_and_a_moderation_each_load_the_state_once(ctx):
    facilitator, (player,) = cards_round(ctx)
    added = {}

    def add():
        added["ack"] = play.act(
            ctx, player, "card:add", {"round_id": "droom", "text": "kas", "client_id": "once-0001"}
        ).ack

    assert loads_during(ctx, add) == {"items": 1, "players": 1}
    card = added["ack"]["item"]["id"]
    assert loads_during(ctx, lambda: play.act(ctx, player, "card:edit", {"id": card, "text": "kas!"})) == {
        "items": 1,
        "players": 1,
    }
    assert loads_during(ctx, lambda: play.moderate(ctx, facilitator, {"action": "hide", "id": card})) == {
        "items": 1,
        "players": 1,
    }
    assert loads_during(ctx, lambda: play.control(ctx, facilitator, {"action": "next"})) == {"items": 1, "players": 1}
    # a resend answers from one look-up by client_id and the state, loaded once
    assert loads_during(ctx, add) == {"items": 1, "players": 1} and added["ack"]["duplicate"] is True
