"""One topology at a time for the whole race suite: started once, shared by every race test
that asks for it (a fresh session per test or batch keeps trials independent and cheap)."""

import pytest

from tests.conftest import require
from tests.support.databases import reachable
from tests.support.races import topology as start_topology

SCALED = [pytest.mark.scaled, pytest.mark.server]


@pytest.fixture(
    scope="session",
    params=[
        pytest.param("sqlite", marks=pytest.mark.server),
        pytest.param("postgres", marks=SCALED),
        pytest.param("postgres-two-processes", marks=SCALED),
    ],
)
def topo(request, tmp_path_factory):
    if request.param != "sqlite":
        require(reachable(5432), "PostgreSQL is not running on 127.0.0.1:5432")
    if request.param == "postgres-two-processes":
        require(reachable(6379), "Redis is not running on 127.0.0.1:6379")
    with start_topology(request.param, tmp_path_factory.mktemp("race")) as started:
        yield started


@pytest.fixture(autouse=True)
def no_new_tracebacks(topo):
    """Whatever a race does, the servers answer it without a traceback in their logs."""
    before = topo.tracebacks()
    yield
    assert topo.tracebacks() == before, "a race left a traceback in a server log"
