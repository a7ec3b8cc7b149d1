"""Calendars of an initiative's steps, read with icalendar: the owner's own steps
(``/o/<token>/steps.ics``, refused like the owner's page) and the initiative's feed
(``/i/<id>/calendar/<token>.ics``), made and replaced or stopped from the initiative page,
that follows the plan: the same UIDs fetch after fetch and across a follow-up session, a
higher SEQUENCE and a new LAST-MODIFIED when a step's status or date changes."""

from __future__ import annotations

import re

import pytest
from icalendar import Calendar

from samenspel.services.context import KEY
from samenspel.store import owner_links
from samenspel.store.clock import now_ms
from samenspel.store.models import Participant
from tests.support.initiatives import seeded_plan, stored_state

#: in the sample plan: Henk's one step, and a step of someone else
HENKS = "Tien plantenbakken op palen bouwen"
OTHER = "Gebruiksovereenkomst opstellen en tekenen"


@pytest.fixture
def initiative(app, make_session) -> dict:
    created, _info = seeded_plan(app, make_session)
    return {"id": created["initiative"], "key": created["key"], "code": created["code"]}


def steps_by_what(client, initiative: dict) -> dict[str, dict]:
    answer = client.get(f"/i/{initiative['id']}/report.json?key={initiative['key']}")
    return {s["what"]: s for s in answer.json["steps"]}


def events(body: bytes) -> dict[str, dict]:
    """The calendar's events by their summary (the step; a done step says so after it)."""
    return {str(e["summary"]).split(" (")[0]: e for e in Calendar.from_ical(body).walk("VEVENT")}


def alarm_triggers(event) -> list[bytes]:
    return [a["trigger"].to_ical() for a in event.walk("VALARM")]


# --- the owner's own steps --------------------------------------------------------------


@pytest.fixture
def henk(app, client, initiative) -> str:
    """Henk's own link (as his phone asks for it at the end of the game): its token."""
    database = app.extensions["samenspel.db"]
    step = stored_state(database, initiative["code"]).item(steps_by_what(client, initiative)[HENKS]["id"])
    with database.unit_of_work() as db:
        participant = db.get(Participant, step.data["owner_id"])
        _link, token = owner_links.link_for(db, participant, initiative["id"], app.config["SECRET_KEY"])
    return token


def test_the_owners_calendar_holds_their_own_steps_with_a_reminder(client, henk):
    answer = client.get(f"/o/{henk}/steps.ics")
    assert answer.status_code == 200 and answer.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert answer.headers["Content-Disposition"] == 'attachment; filename="mijn-stappen-moestuin.ics"'
    assert answer.headers["Referrer-Policy"] == "no-referrer"
    calendar = Calendar.from_ical(answer.data)
    assert str(calendar["x-wr-calname"]) == "Mijn stappen: Moestuin"
    found = events(answer.data)
    assert list(found) == [HENKS]
    event = found[HENKS]
    assert event["dtstart"].dt.isoformat() == "2026-04-15"
    assert alarm_triggers(event) == [b"-P7D"]
    assert "Henk" in str(event["description"])
    english = Calendar.from_ical(client.get(f"/o/{henk}/steps.ics?lang=en").data)
    assert str(english["x-wr-calname"]) == "My steps: Moestuin"


def test_the_owners_page_links_their_calendar(client, henk):
    html = client.get(f"/o/{henk}").get_data(as_text=True)
    assert f'href="/o/{henk}/steps.ics"' in html


def test_a_revoked_or_removed_owners_calendar_is_gone(app, client, initiative, henk):
    with app.extensions["samenspel.db"].unit_of_work() as db:
        link = owner_links.by_token(db, henk)
        link_id, participant_id = link.id, link.participant_id
    with app.test_request_context():
        from samenspel.services import initiatives

        initiatives.revoke_link(app.extensions[KEY], initiative["id"], initiative["key"], link_id)
    assert client.get(f"/o/{henk}/steps.ics").status_code == 410
    with app.extensions["samenspel.db"].unit_of_work() as db:
        db.get(Participant, participant_id).removed_ms = now_ms()
        _link, fresh = owner_links.link_for(db, db.get(Participant, participant_id), initiative["id"], "s")
    assert client.get(f"/o/{fresh}/steps.ics").status_code == 410  # removed since: no new link works


def test_guessing_an_owners_calendar_is_rate_limited(app, client, henk):
    app.config["JOIN_ATTEMPTS_PER_WINDOW"] = 2
    assert [client.get(f"/o/{c * 32}/steps.ics").status_code for c in "AB"] == [404, 404]
    assert client.get(f"/o/{henk}/steps.ics").status_code == 429


# --- the initiative's feed --------------------------------------------------------------


def page(client, initiative: dict) -> str:
    answer = client.get(f"/i/{initiative['id']}?key={initiative['key']}")
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


def feed_action(client, initiative: dict, action: str) -> None:
    answer = client.post(f"/i/{initiative['id']}/calendar/{action}?key={initiative['key']}")
    assert answer.status_code == 303 and answer.headers["Location"].endswith("#calendar")


def feed_path(client, initiative: dict) -> str:
    """The feed's address as the initiative page shows it (https and webcal), as a path."""
    html = page(client, initiative)
    https = re.search(r'id="feed-url"[^>]*value="([^"]+)"', html).group(1)
    webcal = re.search(r'href="(webcal://[^"]+)"', html).group(1)
    assert https.startswith("http") and webcal == "webcal://" + https.split("://", 1)[1]
    path = "/" + https.split("://", 1)[1].split("/", 1)[1]
    assert re.fullmatch(rf"/i/{initiative['id']}/calendar/[\w-]{{32}}\.ics", path), path
    return path


def test_the_feed_is_off_until_made(client, initiative):
    html = page(client, initiative)
    assert "feed-url" not in html and f"/i/{initiative['id']}/calendar/new" in html


def test_the_feed_follows_the_plan(client, initiative):
    feed_action(client, initiative, "new")
    path = feed_path(client, initiative)
    assert feed_path(client, initiative) == path  # the page shows the same address again
    first = client.get(path)
    assert first.status_code == 200 and first.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert first.headers["Cache-Control"] == "no-store"
    calendar = Calendar.from_ical(first.data)
    assert str(calendar["refresh-interval"].to_ical(), "ascii") == "PT1H"
    before = events(first.data)
    assert len(before) == 5 and all(alarm_triggers(e) == [b"-P7D"] for e in before.values())
    assert all(str(e["status"]) == "CONFIRMED" for e in before.values())

    steps = steps_by_what(client, initiative)
    base = f"/i/{initiative['id']}/steps/{{}}?key={initiative['key']}"
    client.post(base.format(steps[HENKS]["id"]), data={"status": "under_way", "due": "2026-04-29"})
    client.post(base.format(steps[OTHER]["id"]), data={"status": "done", "note": "getekend"})
    dropped = "Ouderen persoonlijk uitnodigen"
    client.post(base.format(steps[dropped]["id"]), data={"status": "dropped", "note": "geen adressen"})

    after = events(client.get(path).data)
    assert {w: str(e["uid"]) for w, e in after.items()} == {w: str(e["uid"]) for w, e in before.items()}
    moved = after[HENKS]
    assert moved["dtstart"].dt.isoformat() == "2026-04-29"
    assert moved["sequence"] > before[HENKS]["sequence"]
    assert moved["last-modified"].dt > before[HENKS]["last-modified"].dt
    assert "Bezig" in str(moved["description"])
    assert str(after[OTHER]["summary"]) == f"{OTHER} (Klaar)" and alarm_triggers(after[OTHER]) == []
    assert str(after[dropped]["status"]) == "CANCELLED" and alarm_triggers(after[dropped]) == []
    untouched = "Schooltuinrooster voor groep 5 en 6"
    assert after[untouched]["sequence"] == before[untouched]["sequence"]


def test_the_feed_keeps_its_events_across_a_follow_up(client, initiative):
    feed_action(client, initiative, "new")
    path = feed_path(client, initiative)
    before = {w: str(e["uid"]) for w, e in events(client.get(path).data).items()}
    follow_up = client.post(
        "/api/sessions",
        json={"game": "het-nieuwe-samenspel", "continues": initiative["code"], "key": initiative["key"]},
    )
    assert follow_up.status_code == 201
    steps = steps_by_what(client, initiative)
    assert steps[HENKS]["sessions"] == [initiative["code"], follow_up.json["code"]]  # now the follow-up's steps
    assert {w: str(e["uid"]) for w, e in events(client.get(path).data).items()} == before


def test_a_new_address_or_stopping_ends_the_old_one(client, initiative):
    feed_action(client, initiative, "new")
    old = feed_path(client, initiative)
    feed_action(client, initiative, "new")
    new = feed_path(client, initiative)
    assert new != old
    assert client.get(old).status_code == 404 and client.get(new).status_code == 200
    feed_action(client, initiative, "stop")
    assert client.get(new).status_code == 404
    assert "feed-url" not in page(client, initiative)


def test_the_feed_answers_only_for_its_own_initiative(client, initiative, make_session):
    feed_action(client, initiative, "new")
    path = feed_path(client, initiative)
    other = make_session(title="Straat")
    assert client.get(path.replace(f"/i/{initiative['id']}/", f"/i/{other['initiative']}/")).status_code == 404
    assert client.get(f"/i/{initiative['id']}/calendar/{'A' * 32}.ics").status_code == 404


def test_only_the_key_makes_or_stops_the_feed(client, initiative, make_session):
    other = make_session(title="Straat")
    for action in ("new", "stop"):
        assert client.post(f"/i/{initiative['id']}/calendar/{action}").status_code == 403
        assert client.post(f"/i/{initiative['id']}/calendar/{action}?key={other['key']}").status_code == 403
    assert client.post(f"/i/{initiative['id']}/calendar/other?key={initiative['key']}").status_code == 404
    assert "feed-url" not in page(client, initiative)


def test_guessing_a_feed_is_rate_limited(app, client, initiative):
    feed_action(client, initiative, "new")
    path = feed_path(client, initiative)
    app.config["JOIN_ATTEMPTS_PER_WINDOW"] = 2
    guesses = [client.get(f"/i/{initiative['id']}/calendar/{c * 32}.ics").status_code for c in "AB"]
    assert guesses == [404, 404]
    assert client.get(path).status_code == 429  # even the right one, for a while
