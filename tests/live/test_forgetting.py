"""Forgetting means forgetting, on a real server with its SQLite files: a name erased by
``leave`` or ``participant:remove`` with ``forget_name`` is gone from every item, snapshot,
the plan page, every export, the logged payloads and the database files (main file and
``-wal``) — and the log still replays to the stored state. A deleted session leaves nothing
readable on disk."""

import io
import re
import zipfile

import pytest

from samenspel.engine.replay import replay
from samenspel.store.db import Database
from samenspel.store.models import GameSession
from samenspel.store.participants import players_of
from samenspel.store.rulebook import game_of
from samenspel.store.state import action_log, load
from tests.support.clients import LiveClient, close_all
from tests.support.game import join, open_game
from tests.support.readers import pdf_text
from tests.support.traces import on_disk

pytestmark = pytest.mark.server

NAME = "Xandrijntje"
FORMATS = ("pdf", "docx", "md", "csv", "ics", "json")


def export_text(fmt: str, body: bytes) -> str:
    if fmt == "pdf":
        return pdf_text(body)
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(body)) as docx:
            return re.sub(r"<[^>]+>", "", docx.read("word/document.xml").decode())
    text = body.decode("utf-8")
    return text.replace("\r\n ", "").replace("\n ", "") if fmt == "ics" else text


def everything_visible(server, code, key, console) -> dict[str, str]:
    texts = {
        "snapshot": repr(console.call("sync")["snapshot"]),
        "plan page": server.api("GET", f"/s/{code}/plan").text,
        "plan page (facilitator)": server.api("GET", f"/s/{code}/plan?key={key}").text,
    }
    for fmt in FORMATS:
        answer = server.api("GET", f"/s/{code}/export.{fmt}?key={key}")
        assert answer.status_code == 200, (fmt, answer.text[:200])
        texts[fmt] = export_text(fmt, answer.content)
    return texts


@pytest.fixture
def played(start_server, tmp_path):
    """Xandrijntje and Henk play up to the action plan: an introduction and cards that name
    her, a step whose owner and partners are typed as her name, and a step she claimed."""
    instance = tmp_path / "instance"
    server = start_server(instance=instance)
    code, key = open_game(server)
    her, henk = join(server, code, NAME, "inwoner"), join(server, code, "Henk", "ambtenaar")
    clients = [
        LiveClient(server.url, code=code, key=key).connect(),
        LiveClient(server.url, code=code, token=her["token"]).connect(),
        LiveClient(server.url, code=code, token=henk["token"]).connect(),
    ]
    console, phone, other = clients
    assert console.call("control", {"action": "start"})["ok"]
    assert phone.call("intro:set", {"round_id": "welkom", "text": f"Ik ben {NAME}, ik kweek tomaten"})["ok"]
    assert console.call("control", {"action": "next"})["ok"]
    assert phone.call("card:add", {"round_id": "droom", "text": f"{NAME} wil een kas", "client_id": "forget-01"})["ok"]
    assert other.call(
        "card:add", {"round_id": "droom", "text": f"Samen met {NAME.lower()} oogsten", "client_id": "forget-02"}
    )["ok"]
    while console.call("control", {"action": "next"})["flow"]["round_index"] != 8:  # actiepad, after "inbreng"
        pass
    typed = other.call(
        "step:add",
        {
            "round_id": "actiepad",
            "what": "Kas bouwen",
            "owner": NAME,
            "partners": [NAME, "Buurtteam"],
            "due": "2027-04-15",
            "client_id": "forget-03",
        },
    )
    assert typed["ok"], typed
    step = other.call("step:add", {"round_id": "actiepad", "what": "Zaad kopen", "client_id": "forget-04"})
    assert phone.call("step:claim", {"id": step["item"]["id"]})["item"]["owner"] == NAME
    assert other.call("step:edit", {"id": step["item"]["id"], "what": "Zaad kopen en zaaien", "base": {"what": 0}})[
        "ok"
    ], "a later edit of a claimed step"
    texts = everything_visible(server, code, key, console)
    assert all(NAME.lower() in text.lower() for text in texts.values()), [
        where for where, text in texts.items() if NAME.lower() not in text.lower()
    ]
    yield {
        "server": server,
        "instance": instance,
        "code": code,
        "key": key,
        "console": console,
        "phone": phone,
        "other": other,
        "her": her,
    }
    close_all(clients)


def assert_forgotten(played):
    server, instance = played["server"], played["instance"]
    texts = everything_visible(server, played["code"], played["key"], played["console"])
    leaks = [where for where, text in texts.items() if NAME.lower() in text.lower()]
    assert not leaks, {where: texts[where][:300] for where in leaks}
    assert on_disk(instance, NAME) == [], "the name is gone from the database files, -wal included"
    assert "Tomaten".lower() in texts["md"].lower(), "the rest of what she wrote stays"
    database = Database(f"sqlite:///{instance / 'samenspel.sqlite3'}")
    try:
        with database.unit_of_work() as db:
            session = db.query(GameSession).filter_by(code=played["code"]).one()
            game = game_of(db, session)
            live, log = load(db, session, game), action_log(db, session)
            everyone = players_of(db, session, include_removed=True)
        rebuilt = replay(game, everyone, log)
        assert NAME.lower() not in repr(log).lower(), "the logged payloads do not keep the name"
        assert [(i.id, dict(i.data), i.hidden) for i in rebuilt.items] == [
            (i.id, dict(i.data), i.hidden) for i in live.items
        ], "the log replays to the stored state"
    finally:
        database.dispose()
    assert "Traceback" not in server.log()


def test_leaving_with_forget_name_forgets_it_everywhere(played):
    assert played["phone"].call("leave", {"forget_name": True})["ok"]
    played["console"].wait_for("resync", lambda d: d["reason"] == "forgotten")
    assert_forgotten(played)


def test_the_facilitator_removing_a_name_forgets_it_everywhere(played):
    ack = played["console"].call(
        "participant:remove", {"participant_id": played["her"]["participant"]["id"], "forget_name": True}
    )
    assert ack["ok"], ack
    assert_forgotten(played)


def test_a_deleted_session_leaves_nothing_readable_on_disk(played):
    assert played["console"].call("session:delete", {"code": played["code"]})["ok"]
    assert on_disk(played["instance"], NAME) == [] and on_disk(played["instance"], "Kas bouwen") == []
    wal = played["instance"] / "samenspel.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0, "the WAL was checkpointed and truncated"
