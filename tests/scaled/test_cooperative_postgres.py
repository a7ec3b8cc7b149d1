"""Under eventlet and gevent a query waiting for PostgreSQL lets the other greenlets run (a
hall's other phones are served meanwhile). psycopg's C wait is not cooperative and psycopg
only detects gevent's patching, so `samenspel serve --async-mode eventlet` chooses its
select() wait (samenspel/cli). Checked in a fresh process patched as the server patches."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import sys
from samenspel.cli import _patch
_patch(sys.argv[1])
import psycopg
import threading, time
ticks = []
def tick():
    for _ in range(100):
        ticks.append(1)
        time.sleep(0.01)
worker = threading.Thread(target=tick)
worker.start()
with psycopg.connect(sys.argv[2]) as conn:
    before = len(ticks)
    conn.execute("SELECT pg_sleep(0.5)")
    during = len(ticks) - before
worker.join()
print(during)
"""


@pytest.mark.parametrize("mode", ["gevent", "eventlet"])
def test_a_query_waiting_for_postgresql_lets_other_greenlets_run(mode, postgres_url):
    url = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    done = subprocess.run([sys.executable, "-c", PROBE, mode, url], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) >= 10, f"{mode}: other greenlets stood still during a 0.5 s query"
