"""A real Samenspel server in a subprocess, as a user would start it (``samenspel serve``)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, timeout: float, exited) -> bool:
    """Wait until ``url`` answers /healthz (True) or ``timeout`` passes (False); raise with
    ``exited()`` as the message when the process ends first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(exited())
        try:
            if requests.get(url + "/healthz", timeout=1).status_code == 200:
                return True
        except requests.RequestException:
            pass
        time.sleep(0.1)
    return False


class ServerProcess:
    def __init__(
        self,
        instance: Path,
        *,
        async_mode: str = "gevent",
        port: int | None = None,
        env: dict | None = None,
        program: list[str] | None = None,
        cwd: Path = ROOT,
    ):
        """``program``: how to start it (default: this interpreter's ``-m samenspel``), run in ``cwd``."""
        self.instance = Path(instance)
        self.program = program or [sys.executable, "-m", "samenspel"]
        self.cwd = cwd
        self.async_mode = async_mode
        self.port = port or free_port()
        self.env = {**os.environ, "SAMENSPEL_INSTANCE_PATH": str(self.instance), **(env or {})}
        self.process: subprocess.Popen | None = None
        self._log_file = None
        self.log_path = self.instance / f"server-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30) -> "ServerProcess":
        self.instance.mkdir(parents=True, exist_ok=True)
        self._log_file = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                *self.program,
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--async-mode",
                self.async_mode,
            ],
            cwd=self.cwd,
            env=self.env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        if wait_healthy(self.url, self.process, timeout, lambda: f"server exited early:\n{self.log()}"):
            return self
        self.stop()
        raise RuntimeError(f"server did not come up in {timeout}s:\n{self.log()}")

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, like a crash or a pulled plug."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)
        self._close_log()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        self._close_log()

    def _close_log(self) -> None:
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        return requests.request(method, self.url + path, timeout=10, **kwargs)
