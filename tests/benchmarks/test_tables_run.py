"""``benchmarks/run --scenario tables-200`` at a tiny size: the single wall and the tables in
one run, nothing lost and nothing leaking (each card reaches exactly its tablemates and the
projector), the projector's overviews counted and throttled. Correctness only: no figure is
judged by its size."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.conftest import require
from tests.support.browser import ROOT

pytestmark = pytest.mark.server

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_tables import per_second_max, sizes  # noqa: E402


def test_tables_are_filled_evenly_and_a_second_is_counted_whole():
    assert sizes(200, 25) == [8] * 25
    assert sizes(10, 3) == [4, 3, 3]
    assert per_second_max([0, 400, 999, 1000, 2500]) == 3
    assert per_second_max([]) == 0


def test_a_tiny_tables_run_loses_nothing_leaks_nothing_and_reports_both_halls(tmp_path):
    require(shutil.which("node") is not None and shutil.which("npm") is not None, "Node.js with npm is missing")
    out = tmp_path / "figures.json"
    command = [str(ROOT / "benchmarks" / "run"), "--quick", "--scenario", "tables-200", "--json", str(out)]
    done = subprocess.run(
        [*command, "--phones", "9", "--worker", "gevent"], cwd=ROOT, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    found = json.loads(out.read_text())["scenarios"]["tables-200"]
    app, floors = found["figures"]["app-gevent"], ("floor-flask", "floor-node")
    for figures in found["figures"].values():  # the single wall, against the app and both floors
        assert "error" not in figures, figures
        assert figures["delivered"] == figures["expected"] > 0, figures
    assert app["table_join_refused"] == 0 and app["table_connect_failed"] == 0, app
    assert app["table_delivered"] == app["table_expected"] > 0, app  # more would be a leak
    assert app["table_lost_phones"] == 0 and not app["table_refused"], app
    assert app["table_p99"] is not None and app["projector_updates"] > 0, app
    assert app["projector_max_per_s"] <= 3, app  # two a second, give or take a boundary
    assert not any("table_p99" in found["figures"][f] for f in floors)
    assert all(found["ratios"]["app-gevent"][f].get("p99") for f in floors)
    assert "table_p99" in done.stdout and "projector_updates_per_s" in done.stdout
