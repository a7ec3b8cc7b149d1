"""A real server on PostgreSQL whose connection pool runs dry: while sessions' rows are
locked from outside, the server's writers hold every pooled connection waiting for them, and
the events behind them get ``server_busy`` — a clear answer, never ``server_error`` or a
traceback. Once the lock goes, play goes on."""

import json
import time

import psycopg
import pytest

from tests.support.game import join, open_game
from tests.support.raw import RawSocket

pytestmark = [pytest.mark.scaled, pytest.mark.server]


def test_an_exhausted_pool_answers_server_busy(start_server, postgres_url):
    """Writers of one session wait for their turn without a connection (services/turns.py),
    so it takes writers of several sessions, each blocked by its session's lock, to hold
    every pooled connection: three sessions locked from outside, a pool of two."""
    server = start_server(
        SAMENSPEL_DATABASE_URL=postgres_url,
        SAMENSPEL_DB_POOL_SIZE="2",
        SAMENSPEL_DB_POOL_OVERFLOW="0",
        SAMENSPEL_DB_POOL_TIMEOUT="0.5",
    )
    sockets, games = [], []
    for _session in range(3):
        code, key = open_game(server)
        console = RawSocket(server.url)
        sockets.append(console)
        assert console.connect({"code": code, "key": key})[0]
        assert console.call("control", {"action": "start"})["ok"] and console.call("control", {"action": "next"})["ok"]
        phone = RawSocket(server.url)
        sockets.append(phone)
        assert phone.connect({"code": code, "token": join(server, code, "Speler", "inwoner")["token"]})[0]
        games.append((code, phone))
    try:
        with psycopg.connect(postgres_url.replace("+psycopg", "")) as outside:
            for code, _phone in games:
                outside.execute("SELECT id FROM game_sessions WHERE code = %s FOR UPDATE", (code,))
            sent = [
                (
                    phone,
                    phone.emit_raw(
                        json.dumps(
                            ["card:add", {"round_id": "droom", "text": f"kaart {n}", "client_id": f"pool-{n:04d}"}]
                        )
                    ),
                )
                for n, (_code, phone) in enumerate(games)
            ]
            time.sleep(2)
            outside.rollback()  # the locks go
        acks = [phone.ack(ack_id, timeout=30) for phone, ack_id in sent]
        codes = [a["error"]["code"] if not a["ok"] else "ok" for a in acks]
        assert set(codes) <= {"ok", "server_busy"} and "server_busy" in codes, codes
        busy = next(a for a in acks if not a["ok"])
        assert busy["error"]["message"]
        for n, (_code, phone) in enumerate(games):
            assert phone.call("card:add", {"round_id": "droom", "text": "daarna", "client_id": f"pool-after-{n}"})["ok"]
    finally:
        for raw in sockets:
            raw.close()
    assert "Traceback" not in server.log(), server.log()[-4000:]
