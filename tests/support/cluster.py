"""Screens on the deployed set-up (deploy/cluster.py): real Socket.IO clients through nginx,
each pinned to a chosen app process by its route cookie, counting what they are told."""

from __future__ import annotations

from collections import Counter

import requests

from deploy.cluster import ROUTE_COOKIE, Cluster
from tests.support.clients import LiveClient

GAME = "het-nieuwe-samenspel"


def open_game(cluster: Cluster) -> tuple[str, str]:
    created = requests.post(
        cluster.url + "/api/sessions", json={"game": GAME, "title": "Buurtkas", "question": "Hoe?"}, timeout=10
    ).json()
    return created["code"], created["facilitator_url"].split("key=")[1]


def join(cluster: Cluster, code: str, name: str, role: str = "inwoner") -> str:
    response = requests.post(
        f"{cluster.url}/api/sessions/{code}/participants", json={"name": name, "role": role}, timeout=10
    )
    assert response.status_code == 201, response.text
    return response.json()["token"]


class Screen(LiveClient):
    """A phone, projector or console behind nginx with a route cookie (as a browser has it
    from the page). It keeps the ``seq`` of every broadcast it received and of every event
    its own acks carried (the server tells a sender in the ack, not by broadcast)."""

    def __init__(self, cluster: Cluster, route: str, *, transports=("websocket",), **auth):
        super().__init__(cluster.url, transports=transports, headers={"Cookie": f"{ROUTE_COOKIE}={route}"}, **auth)
        self.route = route
        self.acked: list[int] = []
        #: who it is to the server, hence which broadcasts it is sent (docs/protocol.md,
        #: "Audiences"): a phone is not sent the items of a round phones do not show
        self.audience = "facilitator" if "key" in auth else "phone" if "token" in auth else "screen"

    def send(self, event: str, payload=None) -> dict:
        ack = self.call(event, payload)
        assert ack["ok"], (event, ack)
        self.acked += [seq for e in ack.get("events", ()) for seq in _covered(e["data"])]
        return ack

    def first_seq(self) -> int:
        return self.received("snapshot")[0]["seq"]

    def broadcast_seqs(self) -> list[int]:
        with self._lock:
            return [d["seq"] for name, d in self.events if name != "snapshot" and isinstance(d, dict) and "seq" in d]

    def told(self) -> set[int]:
        """Every ``seq`` this screen knows of: each copy it was sent, and the seqs its
        audience skipped before a copy (``prev``: what it may not see, docs/protocol.md)."""
        with self._lock:
            copies = [d for name, d in self.events if name != "snapshot" and isinstance(d, dict) and "seq" in d]
        return {seq for d in copies for seq in _covered(d)} | set(self.acked)

    def heard(self) -> int:
        """The last ``seq`` a broadcast copy to this screen accounts for (its own acks aside:
        a phone's own card is in its ack though phones are not sent the others')."""
        with self._lock:
            copies = [d for name, d in self.events if name != "snapshot" and isinstance(d, dict) and "seq" in d]
        return max((d["seq"] for d in copies), default=0)

    def told_twice(self) -> list[int]:
        return [seq for seq, n in Counter(self.broadcast_seqs()).items() if n > 1]


def _covered(copy: dict) -> range:
    """The seqs a copy accounts for: its own, and those its audience was not sent since ``prev``."""
    seq = copy["seq"]
    return range(copy.get("prev", seq - 1) + 1, seq + 1)
