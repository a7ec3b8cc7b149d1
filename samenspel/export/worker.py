"""Render exports in a separate process, kept warm: ``python -m samenspel.export.worker --serve``
reads requests on stdin and writes the files on stdout, one after another, for as long as the
server runs; ``python -m samenspel.export.worker pdf`` renders one (the document as JSON on
stdin, the file on stdout).

The live server uses this for the slow PDF render: under gevent or eventlet a render in the
server process would hold the single hub thread for about a second, and a real thread can
deadlock on the monkey-patched locks the renderer takes. A child process has neither problem,
and the cooperative ``subprocess`` module lets the game go on while it works. A fresh child
per export paid for Python and WeasyPrint's import every time (1.6–2.75 s for the sample plan
with a hall connected); the warm child has them loaded, and renders a page once at start so
the fonts are found before the first real export. One export at a time (a lock); a child that
fails, times out or dies is replaced by a fresh one for the next export.

Frames: a request is 4 bytes of length and the JSON ``{"format", "document"}``; an answer is
1 byte of status (0: the file, 1: an error text) and 4 bytes of length, then the bytes.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import threading

from samenspel.export import FORMATS, render

TIMEOUT_SECONDS = 60
_HEADER = struct.Struct(">BI")
_LENGTH = struct.Struct(">I")


def render_in_subprocess(document: dict, fmt: str, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """One export in the warm child (started on first use, or by ``prewarm``)."""
    return _WORKER.render(document, fmt, timeout)


def prewarm() -> None:
    """Start the child now, so the first export after a server start is warm too."""
    _WORKER.start()


class WarmWorker:
    def __init__(self):
        self.lock = threading.Lock()
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        """Start the child unless one runs (an export under way: it is running)."""
        if self.lock.acquire(blocking=False):
            try:
                self._started()
            finally:
                self.lock.release()

    def _started(self) -> subprocess.Popen:
        if self.process is not None and self.process.poll() is not None:
            self._stop()  # it died: its pipes closed, a fresh one below
        if self.process is None:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "samenspel.export.worker", "--serve"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
        return self.process

    def render(self, document: dict, fmt: str, timeout: float) -> bytes:
        request = json.dumps({"format": fmt, "document": document}).encode("utf-8")
        with self.lock:
            try:
                status, body = self._ask(request, timeout)
            except (OSError, ValueError, struct.error):  # the child had died since: once more
                try:
                    status, body = self._ask(request, timeout)
                except (OSError, ValueError, struct.error) as failed:
                    raise RuntimeError(f"export worker failed: {failed!r}") from None
        if status != 0:
            raise RuntimeError(f"export worker failed: {body.decode(errors='replace')[-2000:]}")
        return body

    def _ask(self, request: bytes, timeout: float) -> tuple[int, bytes]:
        process = self._started()
        watchdog = threading.Timer(timeout, process.kill)  # a stuck render is cut off
        watchdog.start()
        try:
            process.stdin.write(_LENGTH.pack(len(request)) + request)
            process.stdin.flush()
            status, length = _HEADER.unpack(_read(process.stdout, _HEADER.size))
            return status, _read(process.stdout, length)
        except (OSError, ValueError, struct.error):
            self._stop()
            raise
        finally:
            watchdog.cancel()

    def stop(self) -> None:
        with self.lock:
            self._stop()

    def _stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            for pipe in (self.process.stdin, self.process.stdout):
                pipe.close()
            self.process = None


def _read(stream, size: int) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise ValueError("the export worker stopped")
    return data


_WORKER = WarmWorker()


def serve(source=None, sink=None) -> int:
    """The child's loop: one request after another until stdin closes (the server ended)."""
    source = source or sys.stdin.buffer
    if sink is None:  # the frames get the real stdout; anything else printed goes to stderr
        sink = os.fdopen(os.dup(1), "wb")
        os.dup2(2, 1)
    _warm_up()
    while True:
        head = source.read(_LENGTH.size)
        if len(head) < _LENGTH.size:
            return 0
        request = json.loads(_read(source, _LENGTH.unpack(head)[0]))
        try:
            status, body = 0, render(request["document"], request["format"])
        except Exception as failed:  # reported to the server, which answers with an error
            status, body = 1, f"{type(failed).__name__}: {failed}".encode()
        sink.write(_HEADER.pack(status, len(body)) + body)
        sink.flush()


def _warm_up() -> None:
    """Import WeasyPrint and lay out one small page: fonts and caches are ready."""
    import weasyprint

    weasyprint.HTML(string="<p>Samenspel</p>").write_pdf()


def main() -> int:
    fmt = sys.argv[1] if len(sys.argv) > 1 else ""
    if fmt == "--serve":
        return serve()
    if fmt not in FORMATS:
        print(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}", file=sys.stderr)
        return 2
    sys.stdout.buffer.write(render(json.load(sys.stdin.buffer), fmt))
    return 0


if __name__ == "__main__":
    sys.exit(main())
