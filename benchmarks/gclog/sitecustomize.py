"""Loaded by the benchmarks' server processes (``PYTHONPATH=benchmarks/gclog``): times every
garbage collection with ``gc.callbacks`` and writes the counts and the longest pause per
generation to ``$SAMENSPEL_GC_LOG`` (``{pid}`` in it: the process's id) when the process
gets SIGUSR1 (and resets them), so a benchmark can read the collector's pauses per
scenario. Not part of the app."""

from __future__ import annotations

import gc
import json
import os
import signal
import time

_path = os.environ.get("SAMENSPEL_GC_LOG", "").replace("{pid}", str(os.getpid()))  # one file per process
if _path:
    _started = [0.0]
    _stats: dict = {}

    def _reset() -> None:
        _stats.clear()
        _stats.update({str(g): {"count": 0, "max_ms": 0.0, "total_ms": 0.0} for g in range(3)})

    def _callback(phase, info) -> None:
        if phase == "start":
            _started[0] = time.perf_counter()
            return
        ms = (time.perf_counter() - _started[0]) * 1000
        entry = _stats[str(info["generation"])]
        entry["count"] += 1
        entry["total_ms"] += ms
        entry["max_ms"] = max(entry["max_ms"], ms)

    def _dump(*_args) -> None:
        with open(_path, "w") as out:
            json.dump({"stats": _stats, "threshold": gc.get_threshold(), "frozen": gc.get_freeze_count()}, out)
        _reset()

    _reset()
    gc.callbacks.append(_callback)
    signal.signal(signal.SIGUSR1, _dump)
