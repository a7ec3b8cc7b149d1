"""An initiative played across three sessions on a real server with real Socket.IO clients
(tests/live/test_initiative_lifecycle.py): who is in a room, moving the console to a round,
the sessions made over the HTTP API, and the initiative report read back with real readers
(jsonschema, pypdf, python-docx, icalendar); at last the initiative deleted from its page."""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

import docx
import requests
from icalendar import Calendar
from jsonschema import Draft202012Validator

from samenspel.config import PROJECT_ROOT
from tests.support.clients import LiveClient, close_all
from tests.support.game import join
from tests.support.readers import pdf_text

SCHEMA = json.loads((PROJECT_ROOT / "docs" / "initiative.schema.json").read_text(encoding="utf-8"))


@dataclass
class Room:
    """One session on the server: its code and key, the console and a phone per name."""

    server: object
    code: str
    key: str
    initiative: int
    console: LiveClient | None = None
    phones: dict[str, LiveClient] = field(default_factory=dict)

    def clients(self) -> list[LiveClient]:
        return [self.console, *self.phones.values()]

    def close(self) -> None:
        close_all([c for c in self.clients() if c is not None])


def make_session(server, game: str, **more) -> Room:
    """A session of ``game`` made over the API (``continues`` and ``key`` in ``more``)."""
    answer = server.api("POST", "/api/sessions", json={"game": game, **more})
    assert answer.status_code == 201, answer.text
    created = answer.json()
    return Room(server, created["code"], created["facilitator_url"].split("key=")[1], created["initiative"])


def seat(room: Room, people: dict[str, str]) -> Room:
    """``people`` (name → role) join by phone; the console connects; the game starts."""
    room.console = LiveClient(room.server.url, code=room.code, key=room.key).connect()
    for name, role in people.items():
        joined = join(room.server, room.code, name, role)
        room.phones[name] = LiveClient(room.server.url, code=room.code, token=joined["token"]).connect()
    assert room.console.call("control", {"action": "start"})["ok"]
    return room


def go_to(room: Room, round_id: str) -> None:
    """The console moves on (``next``) until the round ``round_id`` is open."""
    for _ in range(20):
        flow = room.console.call("sync")["snapshot"]
        if (flow.get("round") or {}).get("id") == round_id:
            return
        assert room.console.call("control", {"action": "next"})["ok"]
    raise AssertionError(f"round {round_id} never came")


def end(room: Room) -> None:
    assert room.console.call("control", {"action": "end"})["ok"]


def steps_of(client: LiveClient) -> dict[int, dict]:
    """The steps a fresh snapshot shows (its ``items`` and those of the plan rounds)."""
    snapshot = client.call("sync")["snapshot"]
    return {i["id"]: i for i in snapshot["items"] if i["kind"] == "step"}


def path(url: str) -> str:
    """A link as the server gave it (the address phones reach) as a path on this server."""
    return urlparse(url).path


def valid(document: dict) -> dict:
    errors = [e.message for e in Draft202012Validator(SCHEMA).iter_errors(document)]
    assert not errors, errors[:5]
    return document


def docx_text(body: bytes) -> str:
    document = docx.Document(io.BytesIO(body))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def report_texts(server, initiative: int, key: str) -> dict[str, object]:
    """The initiative report through its routes: the JSON (checked against the schema), and
    the text of the PDF, the Word file and the Markdown."""
    texts: dict[str, object] = {}
    for fmt in ("json", "pdf", "docx", "md"):
        answer = server.api("GET", f"/i/{initiative}/report.{fmt}?key={key}")
        assert answer.status_code == 200, (fmt, answer.text[:300])
        if fmt == "json":
            texts[fmt] = valid(answer.json())
        elif fmt == "pdf":
            texts[fmt] = pdf_text(answer.content)
        elif fmt == "docx":
            texts[fmt] = docx_text(answer.content)
        else:
            texts[fmt] = answer.content.decode("utf-8")
    return texts


def calendar_events(body: bytes) -> dict[str, tuple[str, list[bytes]]]:
    """An iCalendar file read with icalendar: each event's step (its summary before any
    "(…)"), its date and its alarms' triggers."""
    return {
        str(e["summary"]).split(" (")[0]: (
            e["dtstart"].dt.isoformat(),
            [a["trigger"].to_ical() for a in e.walk("VALARM")],
        )
        for e in Calendar.from_ical(body).walk("VEVENT")
    }


def delete_initiative(server, initiative: int, key: str) -> requests.Response:
    """The initiative page's delete form, as a browser sends it: the page first (its CSRF
    token and cookie), then the form with the box ticked."""
    browser = requests.Session()
    page = browser.get(f"{server.url}/i/{initiative}?key={key}", timeout=10)
    assert page.status_code == 200, page.text[:300]
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    form = {"csrf_token": token, "confirm": "yes"}
    origin = {"Origin": server.url, "Referer": page.url}
    return browser.post(f"{server.url}/i/{initiative}/delete?key={key}", data=form, headers=origin, timeout=10)
