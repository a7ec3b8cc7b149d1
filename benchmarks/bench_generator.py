"""The phones of ``benchmarks/run``: several Node processes (``benchmarks/node/generator.js``,
socket.io-client), each holding a share of the phones, driven with one JSON command per
line. The same generator drives the app and both floors.

Every answer carries the process's CPU-seconds and wall seconds since its previous answer and
its event loop's delay; ``saturation`` tells whether the generator, not the server, may have
set the pace.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

NODE_DIR = Path(__file__).resolve().parent / "node"


class Generators:
    def __init__(self, procs: int):
        self.procs = [
            subprocess.Popen(
                ["node", str(NODE_DIR / "generator.js")],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=sys.stderr,
                text=True,
                bufsize=1,
            )
            for _ in range(max(1, procs))
        ]
        self.phones: list[list[int]] = [[] for _ in self.procs]
        self.usage: list[dict] = []

    def __enter__(self) -> "Generators":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def setup(self, url: str, round_id: str, phones: list[dict]) -> None:
        """``phones``: ``{n, code, player, name}``; spread over the processes round-robin."""
        shares = [[] for _ in self.procs]
        for index, phone in enumerate(phones):
            shares[index % len(self.procs)].append(phone)
        self.phones = [[phone["n"] for phone in share] for share in shares]
        self.each([{"cmd": "setup", "url": url, "round_id": round_id, "phones": share} for share in shares])

    def owner(self, n: int) -> int:
        return next(index for index, share in enumerate(self.phones) if n in share)

    def all(self, cmd: str, **fields) -> list[dict]:
        return self.each([{"cmd": cmd, **fields} for _ in self.procs])

    def each(self, commands: list[dict]) -> list[dict]:
        """One command per process (sent to all first), their answers in order."""
        for proc, command in zip(self.procs, commands):
            proc.stdin.write(json.dumps(command) + "\n")
            proc.stdin.flush()
        answers = []
        for proc in self.procs:
            line = proc.stdout.readline()
            if not line:
                raise RuntimeError(f"a generator ended (exit {proc.wait()})")
            answer = json.loads(line)
            if not answer.get("ok"):
                raise RuntimeError(f"a generator failed: {answer.get('error')}")
            answers.append(answer)
        self.usage.append({"cmd": commands[0]["cmd"], "procs": [a["usage"] for a in answers]})
        return answers

    def only(self, cmd: str, phones: list[int], **fields) -> list[dict]:
        """``cmd`` for the given phones, each process for its own."""
        return self.each([{"cmd": cmd, "only": [n for n in phones if n in share], **fields} for share in self.phones])

    def write(self, schedules: list[list], drain_ms: float, timeout_ms: float) -> tuple[dict, list[list]]:
        """Each process its schedule (``[n, at_ms, "add"|"edit", text]``): the send times by
        text and the acks ``[text, ms, ok, error code]``."""
        commands = [{"cmd": "write", "schedule": s, "drain_ms": drain_ms, "timeout_ms": timeout_ms} for s in schedules]
        return sent_and_acks(self.each(commands))

    def connect(self, phones: list[int], timeout_ms: float, sequential: bool = False) -> list[dict]:
        """Connect these phones: per phone its snapshot's wait and bytes, or an error."""
        answers = self.only("connect", phones, sequential=sequential, timeout_ms=timeout_ms)
        return [c for answer in answers for c in answer["connects"]]

    def saturation(self, since: int = 0) -> dict:
        """Over the commands since ``since``: the busiest process's CPU-seconds per wall second
        (``generator_load``) and the longest its event loop was late (``generator_lag_ms``: a
        timer's delay, p99 per command; large when the generator is busy or starved of CPU, and
        then its receipts are stamped late)."""
        busiest, lag = 0.0, 0.0
        for index in range(len(self.procs)):
            mine = [u["procs"][index] for u in self.usage[since:]]
            cpu, wall = sum(u["cpu_s"] for u in mine), sum(u["wall_s"] for u in mine)
            busiest = max(busiest, cpu / wall if wall else 0.0)
            lag = max([lag, *(u.get("loop_p99_ms", 0.0) for u in mine)])
        return {"generator_load": round(busiest, 2), "generator_lag_ms": round(lag, 1)}

    def close(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                try:
                    proc.stdin.write(json.dumps({"cmd": "quit"}) + "\n")
                    proc.stdin.close()
                    proc.wait(10)
                except (OSError, subprocess.TimeoutExpired):
                    proc.kill()
                    proc.wait(5)


def sent_and_acks(answers: list[dict]) -> tuple[dict, list[list]]:
    sent, acks = {}, []
    for answer in answers:
        sent.update(answer["sent"])
        acks += answer["acks"]
    return sent, acks
