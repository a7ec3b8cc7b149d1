"""The step owner's own link: only their own steps on their initiative's current path; a
revoked link, a removed participant and a guessed token are refused (guessing is
rate-limited like room codes); ``owner:link`` gives a participant their link."""

import pytest

from samenspel.services.context import KEY
from samenspel.store import owner_links
from samenspel.store.clock import now_ms
from samenspel.store.models import GameSession, Participant
from tests.support.initiatives import seeded_plan, stored_state


@pytest.fixture
def plan(app, make_session):
    created, _info = seeded_plan(app, make_session)
    database = app.extensions["samenspel.db"]
    state = stored_state(database, created["code"])
    owned = [i for i in state.items if i.kind == "step" and i.data.get("owner_id")]
    mine = owned[0]
    other = next(i for i in state.items if i.kind == "step" and i.data.get("owner_id") != mine.data["owner_id"])
    with database.unit_of_work() as db:
        row = db.query(GameSession).filter_by(code=created["code"]).one()
        participant = db.get(Participant, mine.data["owner_id"])
        link, token = owner_links.link_for(db, participant, row.initiative_id, app.config["SECRET_KEY"])
        link_id = link.id
    return {"created": created, "mine": mine, "other": other, "token": token, "link": link_id, "db": database}


def test_the_owner_sees_and_updates_their_own_step(client, plan):
    page = client.get(f"/o/{plan['token']}?lang=en")
    assert page.status_code == 200 and page.headers["Referrer-Policy"] == "same-origin"
    assert plan["mine"].data["what"] in page.get_data(as_text=True)
    url = f"/o/{plan['token']}/steps/{plan['mine'].id}"
    answer = client.post(url, json={"status": "under_way", "note": "<b>ja</b>"})
    assert answer.status_code == 200, answer.json
    assert answer.json["step"]["status"] == "under_way"
    assert answer.json["step"]["history"][-1]["note"] == "<b>ja</b>"
    again = client.post(f"/o/{plan['token']}/steps/{plan['mine'].id}", json={"status": "under_way"})
    assert again.status_code == 200 and again.json["unchanged"] is True
    page = client.get(f"/o/{plan['token']}").get_data(as_text=True)
    assert "&lt;b&gt;ja&lt;/b&gt;" in page and "<b>ja</b>" not in page  # notes are plain text, escaped
    stored = stored_state(plan["db"], plan["created"]["code"])
    assert stored.item(plan["mine"].id).data["status"] == "under_way"
    bad = client.post(f"/o/{plan['token']}/steps/{plan['mine'].id}", json={"status": "klaar"})
    assert bad.status_code == 400


def test_a_plain_form_post_works_without_scripts(client, plan):
    answer = client.post(f"/o/{plan['token']}/steps/{plan['mine'].id}", data={"status": "done", "note": ""})
    assert answer.status_code == 303
    stored = stored_state(plan["db"], plan["created"]["code"])
    assert stored.item(plan["mine"].id).data["status"] == "done"


def test_another_persons_step_or_another_initiatives_is_forbidden(client, plan, make_session):
    answer = client.post(f"/o/{plan['token']}/steps/{plan['other'].id}", json={"status": "done"})
    assert answer.status_code == 403
    elsewhere = make_session()  # another initiative: its ids are never on this path
    assert elsewhere["initiative"] != plan["created"]["initiative"]
    assert client.post(f"/o/{plan['token']}/steps/999999", json={"status": "done"}).status_code == 403


def test_a_revoked_link_stops_working(app, client, plan):
    from samenspel.services import initiatives

    with app.test_request_context():
        created = plan["created"]
        initiatives.revoke_link(app.extensions[KEY], created["initiative"], created["key"], plan["link"])
    assert client.get(f"/o/{plan['token']}").status_code == 410
    assert client.post(f"/o/{plan['token']}/steps/{plan['mine'].id}", json={"status": "done"}).status_code == 410


def test_a_removed_participants_link_stops_working(client, plan):
    with plan["db"].unit_of_work() as db:
        db.get(Participant, plan["mine"].data["owner_id"]).removed_ms = now_ms()
    assert client.get(f"/o/{plan['token']}").status_code == 410


def test_a_guessed_token_is_refused_and_rate_limited(app, client, plan):
    app.config["JOIN_ATTEMPTS_PER_WINDOW"] = 3
    guesses = [client.get(f"/o/{'A' * 31}{c}").status_code for c in "BCD"]
    assert guesses == [404, 404, 404]
    assert client.get(f"/o/{plan['token']}").status_code == 429  # even the right one, for a while
    assert client.post(f"/o/{'B' * 32}/steps/1", json={"status": "done"}).status_code == 429


def test_owner_link_over_the_socket(client, make_session, make_player, make_socket):
    created = make_session()
    player = make_player(created["code"], "Fatima")
    phone = make_socket(code=created["code"], token=player["token"])
    ack = phone.emit("owner:link", {}, callback=True)
    assert ack["ok"] and "/o/" in ack["url"]
    assert phone.emit("owner:link", {}, callback=True)["url"] == ack["url"]  # the same link after a reload
    path = "/o/" + ack["url"].split("/o/")[1]
    page = client.get(path + "?lang=en")
    assert page.status_code == 200 and "no steps" in page.get_data(as_text=True)
    console = make_socket(code=created["code"], key=created["key"])
    assert console.emit("owner:link", {}, callback=True)["ok"] is False
