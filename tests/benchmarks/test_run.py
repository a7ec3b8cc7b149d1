"""``benchmarks/run`` at a tiny size against the app and both floors: every scenario kind
runs from the README's command, nothing is lost (every step, card and edit reaches every
phone and the projector it should), every write is acknowledged, a hall does the same
delivery work on the app as on the floors (the action-path round: every phone receives every
step), and the JSON holds every figure and the ratios to both floors; a refused write or join
is a WARNING. Correctness only: no figure is judged by its size."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.conftest import require
from tests.support.browser import ROOT
from tests.support.databases import reachable
from tests.support.nginx import nginx_binary

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_run import combined, schedule, warnings  # noqa: E402
from bench_scenarios import counted  # noqa: E402

FLOORS = ("floor-flask", "floor-node")
HALLS = ("hall-40", "sessions-20x50", "nginx-500")
HALL = (
    "join_wall_s join_cpu_s rss_per_phone_kb rss_marginal_kb gc_join cards_cpu_s gc_cards ack_p50 ack_p99 p50 p95 p99"
).split()
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


def test_a_refused_write_is_lost_receipts_and_a_warning():
    answers = [{"received": {"a": [5.0, 6.0]}, "lost": [], "to_players": 1}]
    acks = [["a", 1.0, True, None], ["b", 1.0, False, "not_allowed"]]
    found = counted(answers, {"a": 0.0, "b": 0.0}, acks, {"a": 2, "b": 2})
    assert (found["delivered"], found["expected"], found["lost"], found["to_players"]) == (2, 4, 2, 1)
    assert found["p50"] == 5.5  # the accepted write's receipts only
    clean = {"delivered": 4, "expected": 4, "refused": {}, "join_refused": 0, "lost_phones": 0}
    app = {**clean, "delivered": 40, "expected": 1600, "refused": {"not_allowed": 3}, "join_refused": 2}
    tables = {**clean, "table_delivered": 3, "table_expected": 3, "table_refused": {"server_busy": 1}}
    assert warnings({"floor-node": clean}) == []
    assert warnings({"app-gevent": app, "floor-node": clean, "tables": tables}) == [
        "app-gevent: delivered 40 != expected 1600; refused not_allowed:3; join_refused 2",
        "tables: table_refused server_busy:1",
    ]


def test_rounds_report_medians_and_their_worst_round_counts():
    """A target run in rounds (nginx-500): latencies are the medians, every round's p99 is
    listed, and a loss in any one round is the combined figures' loss (and a WARNING)."""
    clean = {"p99": 50.0, "p50": 20.0, "delivered": 10, "expected": 10, "lost": 0, "refused": {}, "round": "a"}
    runs = [
        {**clean, "p99": 90.0, "gc_cards": {"0": {"count": 1, "max_ms": 4.0}}},
        {**clean, "p99": 40.0, "delivered": 8, "lost": 2, "refused": {"server_busy": 1}, "gc_cards": {}},
        {**clean, "p99": 60.0, "gc_cards": {"0": {"count": 2, "max_ms": 9.0}}},
    ]
    found = combined(runs)
    assert (found["p99"], found["p50"], found["p99_rounds"], found["rounds"]) == (60.0, 20.0, [90.0, 40.0, 60.0], 3)
    assert (found["delivered"], found["expected"], found["lost"], found["refused"]) == (8, 10, 2, {"server_busy": 1})
    assert found["gc_cards"] == {"0": {"count": 3, "max_ms": 9.0}} and found["round"] == "a"
    assert warnings({"nginx2-gevent": found}) == ["nginx2-gevent: delivered 8 != expected 10; refused server_busy:1"]
    assert combined([clean]) is not None and combined([clean, {"error": "down"}]) == {"error": "down"}

    class Target:
        def __init__(self, name, kind):
            self.name, self.kind = name, kind

    one, two, floor = Target("nginx1", "app"), Target("nginx2", "app"), Target("floor-node", "floor")
    assert [t.name for t in schedule([one, two, floor], 3)] == ["nginx1", "nginx2"] * 3 + ["floor-node"]
    assert [t.name for t in schedule([one, floor], 2, floor_rounds=True)] == ["nginx1", "floor-node"] * 2


@pytest.mark.server
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
        assert figures["lost"] == 0 and figures["written"] == figures["acked"], (name, figures)
        if scenario in HALLS:  # the action-path round: each step reaches every other phone
            assert figures["round"] == "actiepad", (name, figures)
            # every copy but the projector's (one per step; no viewers at this size) on a player's phone
            assert figures["to_players"] == figures["delivered"] - figures["acked"] > 0, (name, figures)
    if scenario in HALLS:  # like for like: the app delivers what the floors deliver
        assert len({found["figures"][name]["expected"] for name in found["figures"]}) == 1, found["figures"]
    if scenario == "hall-40":  # 6 players and the projector: each step to the 6 others
        assert found["figures"][FLOORS[0]]["expected"] == 6 * 6
    compared = "snapshot_kb" if scenario == "snapshot-2000" else "p99"
    for app in apps:
        for floor in FLOORS:
            assert found["ratios"][app][floor].get(compared), (app, floor)
    if scenario == "nginx-500":
        assert apps == ["nginx1-gevent", "nginx2-gevent"]
        for app in apps:  # each in two rounds, alternated (the quick plan)
            assert found["figures"][app]["rounds"] == 2 and len(found["figures"][app]["p99_rounds"]) == 2
        assert found["ratios"]["nginx2-gevent"]["nginx1-gevent"].get("p99")
    assert scenario in done.stdout and "÷flask" in done.stdout and "÷node" in done.stdout
    assert "WARNING" not in done.stdout and not found["warnings"], done.stdout[-4000:]
