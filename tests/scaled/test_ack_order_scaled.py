"""Ack before broadcast and the author's own view across two processes behind one Redis and
one PostgreSQL: the sender on one process, their second socket and another player on the
other (tests/support/ack_order.py)."""

from __future__ import annotations

import uuid

import pytest

from tests.support.ack_order import FAST, check, hidden_round_game, play_back_to_back

pytestmark = [pytest.mark.scaled, pytest.mark.server]


def test_the_ack_comes_first_across_two_processes(start_server, postgres_url, redis_url, tmp_path):
    env = {
        "SAMENSPEL_DATABASE_URL": postgres_url,
        "SAMENSPEL_MESSAGE_QUEUE": redis_url,
        "SAMENSPEL_MESSAGE_QUEUE_CHANNEL": f"test-{uuid.uuid4().hex}",
        "SAMENSPEL_SECRET_KEY": "shared-between-processes",
        "SAMENSPEL_GAME_RULES": str(hidden_round_game(tmp_path / "rules")),
        **FAST,
    }
    first, second = start_server("gevent", **env), start_server("gevent", **env)
    check(*play_back_to_back(first, second))
