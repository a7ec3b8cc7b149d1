"""Render one export in a separate process: the plan document as JSON on stdin, the file
on stdout. ``python -m samenspel.export.worker pdf``.

The live server uses this for the slow PDF render: under gevent or eventlet a render in the
server process would hold the single hub thread for about a second, and a real thread can
deadlock on the monkey-patched locks the renderer takes. A child process has neither problem,
and the cooperative ``subprocess`` module lets the game go on while it works.
"""

from __future__ import annotations

import json
import subprocess
import sys

from samenspel.export import FORMATS, render


def render_in_subprocess(document: dict, fmt: str, timeout: float = 60) -> bytes:
    completed = subprocess.run(
        [sys.executable, "-m", "samenspel.export.worker", fmt],
        input=json.dumps(document).encode("utf-8"),
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"export worker failed: {completed.stderr.decode(errors='replace')[-2000:]}")
    return completed.stdout


def main() -> int:
    fmt = sys.argv[1] if len(sys.argv) > 1 else ""
    if fmt not in FORMATS:
        print(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}", file=sys.stderr)
        return 2
    sys.stdout.buffer.write(render(json.load(sys.stdin.buffer), fmt))
    return 0


if __name__ == "__main__":
    sys.exit(main())
