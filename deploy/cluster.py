"""Samenspel as deployed, on this machine: Debian's nginx with the site file
(deploy/nginx/samenspel.conf, rendered by deploy/render.py) in front of N app processes that
share one PostgreSQL database and one Redis, all children of the caller. For the tests
(tests/deploy/) and the benchmark; it needs nothing from either.

    from deploy.cluster import Cluster

    with Cluster(folder, processes=2, database_url="postgresql+psycopg://postgres@127.0.0.1/db",
                 redis_url="redis://127.0.0.1:6379/0") as cluster:
        cluster.url                 # nginx: where clients connect ("http://127.0.0.1:PORT")
        cluster.apps                # the AppProcess of each app process (.url, .port, .log())
        cluster.upstream_of(route)  # the app port that a client with this route cookie reaches

- ``folder``: a scratch folder (nginx's configuration, logs and temporary files; each app's
  instance folder and log). Created if missing.
- ``database_url``: an empty or migrated PostgreSQL database (the apps migrate it on start,
  under an advisory lock). The caller makes and drops it.
- ``env``: more SAMENSPEL_* variables for every app (e.g. event budgets for a benchmark).
  The cluster sets the database, the Redis queue on a channel of its own, one secret key
  and SAMENSPEL_TRUSTED_PROXIES=1, as deploy/systemd/samenspel.env does.
- ``async_mode``: gevent (as deployed) or eventlet.
- ``program``/``cwd``: how to start an app (default: this interpreter's ``-m samenspel``
  in this checkout), e.g. another checkout's venv for before/after figures.
- ``worker_processes``: nginx's workers (1 is enough for a hall; "auto": one per core).
- ``start_timeout``: seconds each app may take to answer /healthz (a loaded machine is slow).

``start()``/``stop()`` do the same as the ``with`` block; ``python -m deploy.cluster
--database-url URL`` runs it in the foreground (to try it with a browser). nginx's access log
(``cluster.access_log``) has one line per finished request: the route cookie, the route
key used, the app that answered, method, path (with its query) and status.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

from deploy.render import DEBIAN_MODULES, Site, render

ROOT = Path(__file__).resolve().parents[1]
ROUTE_COOKIE = "samenspel_route"


class Route(NamedTuple):
    cookie: str
    key: str
    port: int
    method: str
    path: str
    status: int


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def wait_healthy(url: str, process: subprocess.Popen, timeout: float, exited) -> bool:
    """Wait until ``url`` answers /healthz (True) or ``timeout`` passes (False); raise with
    ``exited()`` as the message when the process ends first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(exited())
        if answers(url):
            return True
        time.sleep(0.1)
    return False


def nginx_binary() -> str | None:
    return shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)


class AppProcess:
    """One ``samenspel serve`` in a subprocess, as a user (or systemd) would start it."""

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

    def start(self, timeout: float = 30) -> "AppProcess":
        self.instance.mkdir(parents=True, exist_ok=True)
        self._log_file = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [*self.program, "serve", "--host", "127.0.0.1", "--port", str(self.port), "--async-mode", self.async_mode],
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


class Nginx:
    """Debian's nginx running the rendered site, in the foreground, with its files in
    ``folder``. The main configuration around the site is what Debian's nginx.conf does
    (modules, MIME types), with logs and temporary files kept in the folder."""

    def __init__(self, folder: Path, site: Site, *, worker_processes: str = "1"):
        self.folder = Path(folder)
        self.site = site
        self.worker_processes = worker_processes
        self.port = int(site.listen.split(":")[-1])
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def access_log(self) -> Path:
        return self.folder / "access.log"

    def main_config(self) -> str:
        folder = self.folder
        modules = f"include {DEBIAN_MODULES}/*.conf;" if DEBIAN_MODULES.is_dir() else ""
        kinds = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        temp = " ".join(f"{kind}_temp_path {folder / kind};" for kind in kinds)
        # workers as the caller (nginx started as root would use "nobody", who may not read a
        # checkout under /root); a caller that is not root runs them as itself anyway
        user = "user root;" if os.geteuid() == 0 else ""
        return f"""daemon off;
{user}
worker_processes {self.worker_processes};
worker_rlimit_nofile 16384;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
{modules}
events {{ worker_connections 8192; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    log_format routes '$cookie_{ROUTE_COOKIE} $samenspel_route $upstream_addr $request_method $request_uri $status';
    access_log {self.access_log} routes;
    {temp}
    include {folder / "samenspel.conf"};
}}
"""

    def _write(self) -> str:
        """Write the configuration into the folder; nginx's path."""
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is missing: apt-get install nginx libnginx-mod-http-brotli-static")
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "samenspel.conf").write_text(render(self.site))
        (self.folder / "nginx.conf").write_text(self.main_config())
        return binary

    def check(self) -> subprocess.CompletedProcess:
        """``nginx -t``: whether nginx accepts the configuration (its answer in ``stdout``)."""
        binary = self._write()
        command = [binary, "-t", "-c", str(self.folder / "nginx.conf"), "-e", str(self.folder / "error.log")]
        return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def start(self, timeout: float = 10) -> "Nginx":
        binary = self._write()
        output = self.folder / "nginx.out"  # what nginx says before its error log is open
        with output.open("wb") as out:
            self.process = subprocess.Popen(
                [binary, "-c", str(self.folder / "nginx.conf"), "-e", str(self.folder / "error.log")],
                stdout=out,
                stderr=subprocess.STDOUT,
            )

        def exited() -> str:
            said = [p.read_text("utf-8", "replace") for p in (output, self.folder / "error.log") if p.exists()]
            return "nginx exited: " + "\n".join(said)

        if wait_healthy(self.url, self.process, timeout, exited):
            return self
        self.stop()
        raise RuntimeError("nginx did not come up")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


class Cluster:
    """nginx in front of ``processes`` app processes on PostgreSQL and Redis (module docstring)."""

    def __init__(
        self,
        folder: Path,
        *,
        processes: int = 2,
        database_url: str,
        redis_url: str = "redis://127.0.0.1:6379/0",
        env: dict | None = None,
        async_mode: str = "gevent",
        program: list[str] | None = None,
        cwd: Path = ROOT,
        worker_processes: str = "1",
        start_timeout: float = 120,
    ):
        self.folder = Path(folder)
        self.start_timeout = start_timeout
        shared = {
            "SAMENSPEL_DATABASE_URL": database_url,
            "SAMENSPEL_MESSAGE_QUEUE": redis_url,
            "SAMENSPEL_MESSAGE_QUEUE_CHANNEL": f"cluster-{uuid.uuid4().hex}",
            "SAMENSPEL_SECRET_KEY": uuid.uuid4().hex,
            "SAMENSPEL_TRUSTED_PROXIES": "1",
            **(env or {}),
        }
        self.apps = [
            AppProcess(self.folder / f"app-{n}", async_mode=async_mode, env=shared, program=program, cwd=cwd)
            for n in range(processes)
        ]
        built = Path(cwd) / "build"  # another checkout's static files, when it has them
        site = Site(
            ports=[app.port for app in self.apps],
            listen=f"127.0.0.1:{free_port()}",
            build_root=built if (built / "static").is_dir() else None,
        )
        self.nginx = Nginx(self.folder / "nginx", site, worker_processes=worker_processes)

    @property
    def url(self) -> str:
        return self.nginx.url

    @property
    def access_log(self) -> Path:
        return self.nginx.access_log

    def start(self) -> "Cluster":
        try:
            with ThreadPoolExecutor(len(self.apps)) as pool:
                list(pool.map(lambda app: app.start(self.start_timeout), self.apps))  # raises the first failure
            self.nginx.start()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        self.nginx.stop()
        with ThreadPoolExecutor(len(self.apps)) as pool:
            list(pool.map(AppProcess.stop, self.apps))

    def __enter__(self) -> "Cluster":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def routes(self) -> list[Route]:
        """From the access log, one per request answered by an app: the route cookie sent
        ("-": none), the route key used, the app's port, method, path and status."""
        lines = self.access_log.read_text().splitlines() if self.access_log.exists() else []
        return [
            Route(cookie, key, int(upstream.rsplit(":", 1)[1]), method, path, int(status))
            for cookie, key, upstream, method, path, status in (
                line.split() for line in lines if len(line.split()) == 6
            )
            if ":" in upstream  # "-": answered by nginx itself
        ]

    def upstream_of(self, route: str) -> int:
        """The app port that requests with this route cookie reach (asks nginx once)."""
        request = urllib.request.Request(self.url + "/healthz", headers={"Cookie": f"{ROUTE_COOKIE}={route}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # nginx logs a request just after answering it
            ports = [r.port for r in self.routes() if r.cookie == route]
            if ports:
                return ports[-1]
            time.sleep(0.01)
        raise RuntimeError(f"nginx logged no request with route {route!r}")

    def routes_for(self, count: int) -> list[str]:
        """``count`` route cookie values spread over the app processes in turn: the ``i``-th
        reaches app ``i % processes`` (``cluster.apps``), found by asking nginx."""
        found: dict[int, list[str]] = {app.port: [] for app in self.apps}
        tries = 64 * len(self.apps)  # a hash that spreads at all misses an app this often by chance never
        chosen = []
        for index in range(count):
            port = self.apps[index % len(self.apps)].port
            while not found[port]:
                tries -= 1
                if tries < 0:
                    raise RuntimeError(f"no route cookie reaches the app on port {port}: is the site sticky by cookie?")
                candidate = f"route-{uuid.uuid4().hex[:12]}"
                found[self.upstream_of(candidate)].append(candidate)
            chosen.append(found[port].pop(0))
        return chosen


def main(argv: list[str] | None = None) -> int:
    """``python -m deploy.cluster --database-url URL``: the set-up in the foreground, to try
    with a browser or a phone on this machine, until Ctrl-C."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m deploy.cluster", description=main.__doc__)
    parser.add_argument("--database-url", required=True, help="postgresql+psycopg://… (an existing database)")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--async-mode", choices=("gevent", "eventlet"), default="gevent")
    parser.add_argument("--folder", type=Path, default=None, help="scratch folder (default: a new temporary one)")
    args = parser.parse_args(argv)
    import tempfile

    folder = args.folder or Path(tempfile.mkdtemp(prefix="samenspel-cluster-"))
    cluster = Cluster(
        folder,
        processes=args.processes,
        database_url=args.database_url,
        redis_url=args.redis_url,
        async_mode=args.async_mode,
    )
    with cluster:
        print(f"nginx: {cluster.url}  apps: {', '.join(a.url for a in cluster.apps)}  files: {folder}", flush=True)
        try:
            while all(a.process.poll() is None for a in cluster.apps) and cluster.nginx.process.poll() is None:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
