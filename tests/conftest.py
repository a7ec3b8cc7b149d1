"""Shared fixtures: the app factory with a fresh SQLite database per test (flaskr style),
factories for sessions, players and socket clients, and a real server in a subprocess."""

from __future__ import annotations

import itertools
import os
import shutil

import pytest

from samenspel.app import create_app
from samenspel.live import socketio
from tests.support.server import ServerProcess

DEFAULT_GAME = "het-nieuwe-samenspel"
IN_CI = os.environ.get("CI") == "true"


def require(condition: bool, reason: str) -> None:
    """Skip on a developer's machine that lacks something; fail in CI, where it is required."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture
def app(tmp_path):
    app = create_app(
        {
            "INSTANCE_PATH": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'test.sqlite3'}",
            "ASYNC_MODE": "threading",
            "SECRET_KEY": "test-secret",
            "WTF_CSRF_ENABLED": False,
            "TESTING": True,
        }
    )
    yield app
    app.extensions["samenspel.db"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_session(client):
    """Create a session through the API; returns its JSON plus the facilitator key."""

    def make(
        game: str = DEFAULT_GAME, title: str = "Moestuin", question: str = "Hoe beginnen we?", place: str = "Terneuzen"
    ) -> dict:
        response = client.post(
            "/api/sessions", json={"game": game, "title": title, "question": question, "place": place}
        )
        assert response.status_code == 201, response.json
        created = response.json
        created["key"] = created["facilitator_url"].split("key=")[1]
        return created

    return make


@pytest.fixture
def make_player(client):
    """Join a session through the API; returns {token, participant}."""
    names = (f"Speler{i}" for i in itertools.count(1))

    def make(code: str, name: str | None = None, role: str = "inwoner") -> dict:
        response = client.post(f"/api/sessions/{code}/participants", json={"name": name or next(names), "role": role})
        assert response.status_code == 201, response.json
        return response.json

    return make


@pytest.fixture
def make_socket(app):
    """A Flask-SocketIO test client with the given auth (participant, facilitator, viewer)."""
    clients = []

    def make(**auth):
        test_client = socketio.test_client(app, auth=auth)
        clients.append(test_client)
        return test_client

    yield make
    for test_client in clients:
        if test_client.is_connected():
            test_client.disconnect()


@pytest.fixture
def start_server(tmp_path_factory):
    """Factory for real servers in subprocesses; all are stopped after the test."""
    servers: list[ServerProcess] = []

    def start(async_mode: str = "gevent", instance=None, **env) -> ServerProcess:
        instance = instance or tmp_path_factory.mktemp("instance")
        server = ServerProcess(instance, async_mode=async_mode, env=env).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def live_server(start_server):
    return start_server()


def chromium_path() -> str | None:
    return shutil.which("chromium") or (os.path.exists("/usr/bin/chromium") and "/usr/bin/chromium") or None


def pytest_sessionfinish(session, exitstatus):
    """In CI every test is required: a skipped test fails the run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if IN_CI and skipped and exitstatus == 0:
        reporter.write_line(f"CI: {len(skipped)} test(s) skipped; every test is required in CI", red=True)
        session.exitstatus = 1
