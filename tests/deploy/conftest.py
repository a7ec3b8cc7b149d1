"""The deployed set-up on this machine (deploy/cluster.py): Debian's nginx with the site
file in front of two app processes on a fresh PostgreSQL database and Redis, shared by the
tests of a module (each opens sessions of its own)."""

import pytest

from deploy.cluster import Cluster, nginx_binary
from tests.conftest import require
from tests.support.databases import REDIS_URL, postgres_database, reachable


@pytest.fixture(scope="module", params=["gevent", "eventlet"])
def cluster(request, tmp_path_factory):
    """Under gevent (as deployed) and eventlet (supported)."""
    require(nginx_binary() is not None, "nginx is missing: apt-get install -y nginx")
    require(reachable(5432), "PostgreSQL is not running on 127.0.0.1:5432")
    require(reachable(6379), "Redis is not running on 127.0.0.1:6379")
    with (
        postgres_database() as url,
        Cluster(
            tmp_path_factory.mktemp("cluster"), database_url=url, redis_url=REDIS_URL, async_mode=request.param
        ) as started,
    ):
        yield started
        for app in started.apps:
            assert "Traceback" not in app.log(), app.log()
