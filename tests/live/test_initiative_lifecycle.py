"""An initiative's whole life against the running server, with real Socket.IO clients, on
SQLite and on PostgreSQL (issue 13):

1. the start (het-nieuwe-samenspel) is played to an action plan with owners;
2. between meetings an owner sets a status through their own link (``POST /o/<token>/...``),
   whose calendar (icalendar) reminds them a week before;
3. a follow-up (samenspel-onderweg) made with ``continues`` carries the steps over with their
   status and history; its review round sets statuses (help, a new owner, a step dropped
   with its reason) and new steps are planned;
4. the closing session (samenspel-afronding), again with ``continues``, harvests lessons;
5. the initiative report, read back through its routes with real readers: JSON against
   docs/initiative.schema.json, the PDF with pypdf, the Word file with python-docx;
6. the initiative deleted from its page: every session goes, the owner's link with it."""

from __future__ import annotations

import psycopg
import pytest

from tests.conftest import require
from tests.support.databases import postgres_database, reachable
from tests.support.lifecycle import (
    calendar_events,
    delete_initiative,
    end,
    go_to,
    make_session,
    path,
    report_texts,
    seat,
    steps_of,
)

pytestmark = pytest.mark.server


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.scaled)])
def server(request, start_server):
    if request.param == "sqlite":
        yield start_server()
        return
    require(reachable(5432), "PostgreSQL is not running on 127.0.0.1:5432")
    with postgres_database() as url:
        yield start_server(SAMENSPEL_DATABASE_URL=url)
        with psycopg.connect(url.replace("+psycopg", "")) as conn:  # PostgreSQL held the three sessions
            assert conn.execute("SELECT last_value FROM game_sessions_id_seq").fetchone()[0] == 3


def _by_what(steps: dict[int, dict]) -> dict[str, dict]:
    return {s["what"]: s for s in steps.values()}


def test_start_follow_up_and_closing_make_one_initiative_with_its_report(server):
    rooms = []
    try:
        # 1. the start: a plan with owners (two claimed, one named)
        start = seat(
            make_session(server, "het-nieuwe-samenspel", title="Moestuin", question="Hoe beginnen we?"),
            {
                "Fatima": "inwoner",
                "Henk": "ambtenaar",
            },
        )
        rooms.append(start)
        go_to(start, "actiepad")
        fatima, henk = start.phones["Fatima"], start.phones["Henk"]
        made = {}
        for n, (who, what) in enumerate([(fatima, "Kas bouwen"), (henk, "Vergunning aanvragen"), (henk, "Zaad kopen")]):
            ack = who.call(
                "step:add", {"round_id": "actiepad", "what": what, "due": "2027-04-15", "client_id": f"lifecycle-0{n}"}
            )
            assert ack["ok"], ack
            assert (ack["item"]["status"], ack["item"]["history"]) == ("not_started", [])
            made[what] = ack["item"]["id"]
        assert fatima.call("step:claim", {"id": made["Kas bouwen"]})["item"]["owner"] == "Fatima"
        assert henk.call("step:claim", {"id": made["Vergunning aanvragen"]})["item"]["owner"] == "Henk"
        assert henk.call("step:edit", {"id": made["Zaad kopen"], "owner": "Buurtteam", "base": {"owner": 0}})["ok"]
        end(start)
        link = fatima.call("owner:link")
        assert link["ok"] and fatima.call("owner:link")["url"] == link["url"]  # the same link again

        # 2. between meetings: Fatima's own link, her step only
        mine = server.api(
            "POST",
            f"{path(link['url'])}/steps/{made['Kas bouwen']}",
            json={"status": "under_way", "note": "Offerte <gevraagd>"},
        )
        assert mine.status_code == 200, mine.text
        assert mine.json()["step"]["history"][-1] == {**mine.json()["step"]["history"][-1], "status": "under_way"}
        other = server.api("POST", f"{path(link['url'])}/steps/{made['Zaad kopen']}", json={"status": "done"})
        assert other.status_code == 403
        assert "Offerte &lt;gevraagd&gt;" in server.api("GET", path(link["url"])).text  # escaped on her page
        mine_ics = server.api("GET", f"{path(link['url'])}/steps.ics")
        assert calendar_events(mine_ics.content) == {"Kas bouwen": ("2027-04-15", [b"-P7D"])}  # a week's notice

        # 3. the follow-up: steps carried over with status and history, then reviewed
        onderweg = make_session(server, "samenspel-onderweg", continues=start.code, key=start.key)
        assert onderweg.initiative == start.initiative
        seat(onderweg, {"Fatima": "inwoner", "Karel": "inwoner", "Anna": "ondernemer"})
        rooms.append(onderweg)
        go_to(onderweg, "terugblik")
        carried = _by_what(steps_of(onderweg.console))
        assert set(carried) == set(made)
        kas = carried["Kas bouwen"]
        assert (kas["status"], kas["owner"]) == ("under_way", "Fatima")
        assert [(h["status"], h["note"]) for h in kas["history"]] == [("under_way", "Offerte <gevraagd>")]
        assert carried["Vergunning aanvragen"]["status"] == "not_started"
        review = {"round_id": "terugblik"}
        phone, karel, anna = (onderweg.phones[n] for n in ("Fatima", "Karel", "Anna"))
        assert phone.call("review:status", {**review, "step_id": kas["id"], "status": "done", "note": "Kas staat"})[
            "ok"
        ]
        permit = carried["Vergunning aanvragen"]["id"]
        stuck = {**review, "step_id": permit, "status": "stuck", "note": "Wacht op de gemeente"}
        assert anna.call("review:status", stuck)["ok"]
        assert "Karel" in karel.call("review:help", {**review, "step_id": permit})["item"]["partners"]
        moved = onderweg.console.call(
            "review:reassign", {**review, "step_id": permit, "owner": "Anna", "due": "2027-06-01"}
        )
        assert moved["ok"] and moved["item"]["owner"] == "Anna", moved
        seeds = carried["Zaad kopen"]["id"]
        refused = anna.call("review:status", {**review, "step_id": seeds, "status": "dropped"})
        assert refused["error"]["code"] == "empty"  # a dropped step needs its reason
        assert anna.call("review:status", {**review, "step_id": seeds, "status": "dropped", "note": "Geen budget"})[
            "ok"
        ]
        assert onderweg.console.call("control", {"action": "review_next"})["ok"]
        go_to(onderweg, "actiepad")
        new = karel.call(
            "step:add", {"round_id": "actiepad", "what": "Oogstfeest", "owner": "Karel", "client_id": "lifecycle-10"}
        )
        assert new["ok"], new
        end(onderweg)

        # 4. the closing session: the path once more, and the lessons
        afronding = make_session(server, "samenspel-afronding", continues=onderweg.code, key=onderweg.key)
        seat(afronding, {"Anna": "ondernemer", "Karel": "inwoner"})
        rooms.append(afronding)
        go_to(afronding, "terugblik")
        last = _by_what(steps_of(afronding.console))
        assert {w: s["status"] for w, s in last.items()} == {
            "Kas bouwen": "done",
            "Vergunning aanvragen": "stuck",
            "Zaad kopen": "dropped",
            "Oogstfeest": "not_started",
        }
        assert [h["status"] for h in last["Kas bouwen"]["history"]] == ["under_way", "done"]
        assert last["Vergunning aanvragen"]["owner"] == "Anna"
        karel = afronding.phones["Karel"]
        feast = {"round_id": "terugblik", "step_id": last["Oogstfeest"]["id"], "status": "done", "note": "Gevierd"}
        assert karel.call("review:status", feast)["ok"]
        lessons = {"wat-werkte": "Samen klussen op zaterdag", "anders-doen": "Eerder de gemeente bellen"}
        for n, (round_id, text) in enumerate(lessons.items()):
            go_to(afronding, round_id)
            assert karel.call("card:add", {"round_id": round_id, "text": text, "client_id": f"lifecycle-2{n}"})["ok"]
        end(afronding)

        # 5. the report: every session, each step's history, progress and the lessons
        texts = report_texts(server, start.initiative, afronding.key)
        document = texts["json"]
        assert [s["code"] for s in document["sessions"]] == [start.code, onderweg.code, afronding.code]
        steps = {s["what"]: s for s in document["steps"]}
        assert {w: s["status"] for w, s in steps.items()} == {
            "Kas bouwen": "done",
            "Vergunning aanvragen": "stuck",
            "Zaad kopen": "dropped",
            "Oogstfeest": "done",
        }
        assert [(h["status"], h["note"]) for h in steps["Kas bouwen"]["history"]] == [
            ("under_way", "Offerte <gevraagd>"),
            ("done", "Kas staat"),
        ]
        assert steps["Kas bouwen"]["sessions"] == [start.code, onderweg.code, afronding.code]
        assert steps["Zaad kopen"]["history"][-1]["note"] == "Geen budget"
        assert document["progress"]["done"] == 2 and document["progress"]["total"] == 3  # dropped does not count
        harvested = [c["text"] for lesson in document["lessons"] for g in lesson["groups"] for c in g["cards"]]
        assert set(lessons.values()) <= set(harvested)
        for fmt in ("pdf", "docx", "md"):
            for text in ("Kas bouwen", "Wacht op de gemeente", "Geen budget", *lessons.values()):
                assert text in " ".join(texts[fmt].split()), (fmt, text)

        # 6. the end of its life: deleted from its page, every session goes
        assert delete_initiative(server, start.initiative, onderweg.key).status_code == 200
        for room in rooms:
            room.console.wait_for("session:deleted")
            assert server.api("GET", f"/j/{room.code}").status_code == 404
        assert (
            server.api("POST", f"{path(link['url'])}/steps/{made['Kas bouwen']}", json={"status": "done"}).status_code
            == 404
        )
    finally:
        for room in rooms:
            room.close()
