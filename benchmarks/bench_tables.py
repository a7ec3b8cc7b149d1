"""The tables scenario of ``benchmarks/run`` (issue 12): a hall of phones seated at tables,
every phone writing a card at once in a round played at tables, beside the same hall on one
wall in the same run.

1. The single wall: ``bench_scenarios.hall`` with the same phones in one session without
   tables (its figures keep their names, so they are compared with the floors as always).
2. At tables (the app only; the floors have no tables): a session created with
   ``"tables": {"count": N}``; the phones join once the first cards round (``droom``,
   ``scope: table``) is on, so each takes the table where their role is least present (all
   phones are ``inwoner``: the tables' sizes differ by at most one). Each card goes to the
   projector only: a cards round, at tables too, shows a phone only the player's own cards
   (until 2026-12-01 a card also went to its table's phones: ``size - 1 + 1`` times).
   Figures ``table_*``: fan-out p50/p99 (send to receipt on the projector), acks,
   delivered/expected (more than expected would be a card reaching a phone), the server's
   CPU; ``projector_updates`` and ``projector_updates_per_s`` (the ``tables:overview`` the
   projector got while the cards came in, and per second) and ``projector_max_per_s`` (the
   most in any one second: the server throttles to two).
"""

from __future__ import annotations

import dataclasses
import time

from bench_generator import Generators
from bench_scenarios import TIMEOUT_MS, Plan, Run, ack_figures, counted, hall, join, seat
from bench_servers import Server


def sizes(phones: int, tables: int) -> list[int]:
    """How many sit at each table when ``phones`` fill ``tables`` evenly (as the app seats them)."""
    return [phones // tables + (1 if t < phones % tables else 0) for t in range(tables)]


def per_second_max(times: list[float]) -> int:
    """The most receipts within any one second."""
    times, most, first = sorted(times), 0, 0
    for last, at in enumerate(times):
        while at - times[first] >= 1000:
            first += 1
        most = max(most, last - first + 1)
    return most


def tables(server: Server, plan: Plan, procs: int) -> dict:
    # the single wall writes cards, as it always has (a hall's default is a plan step)
    figures = hall(server, dataclasses.replace(plan, kind="hall", tables=0, item="card"), procs)
    if server.kind == "floor":  # a floor re-broadcasts to everyone: it has no tables
        return figures
    figures.update(at_tables(server, plan, procs))
    return figures


def at_tables(server: Server, plan: Plan, procs: int) -> dict:
    run = Run(server, procs)
    try:
        code = run.session(tables={"count": plan.tables}, assign="balanced")
        phones = seat([code], plan.phones)
        projector = phones[-1]["n"]
        with Generators(procs) as gens:
            gens.setup(server.url, "droom", phones)
            joined = join(run, gens, phones)
            figures = {"table_join_refused": joined["join_refused"], "table_connect_failed": joined["connect_failed"]}
            writers = [p for p in phones if p["player"]]
            expected_total = len(writers)  # the projector's copy of each card
            start = time.monotonic() * 1000 + 1000
            schedule: list[list] = [[] for _ in gens.procs]
            for i, phone in enumerate(writers):
                at = start + i * 1000 / plan.rate
                schedule[gens.owner(phone["n"])].append([phone["n"], at, "add", f"t:kaart {phone['n']}"])
            mark, usage = run.phase(), len(gens.usage)
            sent, acks = gens.write(schedule, drain_ms=3000, timeout_ms=TIMEOUT_MS)
            spent = run.since(mark)
            answers = gens.all("received")
            found = counted(answers, sent, acks, dict.fromkeys(sent, 0))
            acked = ack_figures(acks)
            overviews = [t for a in answers for t in a["overviews"].get(str(projector), [])]
            window = [t for t in overviews if t >= start]
            seconds = max(1e-3, (max(window) - start) / 1000) if window else None
            figures.update(
                table_p50=found["p50"],
                table_p99=found["p99"],
                table_ack_p99=acked["ack_p99"],
                table_refused=acked["refused"],
                table_delivered=found["delivered"],
                # every writer's card: the projector (all accepted here)
                table_expected=expected_total if acked["acked"] == len(writers) else None,
                table_lost_phones=found["lost_phones"],
                table_cards_cpu_s=spent["cpu_s"],
                projector_updates=len(window),
                projector_updates_per_s=round(len(window) / seconds, 2) if seconds else 0.0,
                projector_max_per_s=per_second_max(window),
            )
            figures.update({f"table_{k}": v for k, v in gens.saturation(usage).items()})
        return figures
    finally:
        run.close()


__all__ = ["per_second_max", "sizes", "tables"]
