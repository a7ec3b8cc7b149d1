"""``benchmarks/run`` at a tiny size against the app and both floors: every scenario kind
runs from the README's command, nothing is lost (every card and edit reaches every phone and
the projector it should), every write is acknowledged, and the JSON holds every figure and
the ratios to both floors. Correctness only: no figure is judged by its size."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import require
from tests.support.browser import ROOT
from tests.support.databases import reachable
from tests.support.nginx import nginx_binary

pytestmark = pytest.mark.server

FLOORS = ("floor-flask", "floor-node")
HALL = "join_wall_s join_cpu_s rss_per_phone_kb gc_join cards_cpu_s gc_cards ack_p50 ack_p99 p50 p95 p99".split()
LOAD = ["generator_load", "generator_lag_ms"]
FIGURES = {
    "hall-40": [*HALL, *LOAD],
    "sessions-20x50": [*HALL, *LOAD, "worst_session_p99"],
    "writes-sqlite": ["acks_per_s", "ack_p50", "ack_p99", "cpu_s", "gc", "p50", "p99", *LOAD],
    "snapshot-2000": "server_ms_per_joiner snapshot_ms_p50 snapshot_kb at_once_p50 at_once_p99 gc".split(),
    "nginx-500": [*HALL, *LOAD],
}
#: (scenario, extra options): a few phones each; eventlet once
RUNS = [
    ("hall-40", ["--phones", "6", "--worker", "gevent", "--worker", "eventlet"]),
    ("sessions-20x50", ["--phones", "8"]),
    ("writes-sqlite", ["--phones", "4"]),
    ("snapshot-2000", []),
    ("nginx-500", ["--phones", "6"]),  # nginx in front of one app process, then two
]


@pytest.mark.parametrize(("scenario", "extra"), RUNS, ids=[name for name, _ in RUNS])
def test_a_tiny_run_loses_nothing_and_reports_every_figure(scenario, extra, tmp_path):
    require(shutil.which("node") is not None and shutil.which("npm") is not None, "Node.js with npm is missing")
    if scenario == "nginx-500":
        require(nginx_binary() is not None, "nginx is missing: apt-get install -y nginx")
        require(reachable(5432) and reachable(6379), "PostgreSQL and Redis on 127.0.0.1 are needed")
    out = tmp_path / "figures.json"
    command = [str(ROOT / "benchmarks" / "run"), "--quick", "--scenario", scenario, "--json", str(out), *extra]
    if "--worker" not in extra and scenario != "nginx-500":
        command += ["--worker", "gevent"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    report = json.loads(out.read_text())
    assert report["before"]["uptime"] and report["after"]["uptime"]
    found = report["scenarios"][scenario]
    apps = [name for name in found["figures"] if name not in FLOORS]
    assert set(found["figures"]) == {*apps, *FLOORS} and apps
    for name, figures in found["figures"].items():
        assert "error" not in figures, (name, figures)
        for key in FIGURES[scenario]:
            if key.startswith("gc") and name == "floor-node":
                continue  # no Python collector there
            assert figures.get(key) is not None, (name, key)
        if scenario == "snapshot-2000":
            assert figures["fill_cards"] == found["plan"]["cards"], (name, figures)
            assert figures["snapshot_failed"] == 0, (name, figures)
            continue
        assert figures["join_refused"] == 0 and figures["connect_failed"] == 0, (name, figures)
        assert figures["delivered"] == figures["expected"] > 0, (name, figures)
        assert figures["lost_phones"] == 0 and not figures["refused"], (name, figures)
    compared = "snapshot_kb" if scenario == "snapshot-2000" else "p99"
    for app in apps:
        for floor in FLOORS:
            assert found["ratios"][app][floor].get(compared), (app, floor)
    if scenario == "nginx-500":
        assert apps == ["nginx1-gevent", "nginx2-gevent"]
        assert found["ratios"]["nginx2-gevent"]["nginx1-gevent"].get("p99")
    assert scenario in done.stdout and "÷flask" in done.stdout and "÷node" in done.stdout
