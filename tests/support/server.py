"""A real Samenspel server in a subprocess, as a user would start it (``samenspel serve``)."""

from __future__ import annotations

import requests

from deploy.cluster import ROOT, AppProcess, free_port, wait_healthy

__all__ = ["ROOT", "ServerProcess", "free_port", "wait_healthy"]


class ServerProcess(AppProcess):
    """One app process (deploy/cluster.py), with a shortcut to its HTTP API."""

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        return requests.request(method, self.url + path, timeout=10, **kwargs)
