"""A step owner joins the initiative's follow-up through their own link (``POST
/o/<token>/join``, services/continuing.py), on SQLite: they join as the same person — a new
participant who continues the earlier one, their carried steps theirs by id (a logged
``steps:continue``, so the replay equals what is stored), the link moved to them and still
the only one. Someone who joins by the code with the same name is not changed by it. Every
refusal leaves the follow-up as it was."""

from __future__ import annotations

import pytest

from samenspel.engine.replay import replay
from samenspel.services.catalogue import game_for
from samenspel.store import owner_links
from samenspel.store.clock import now_ms
from samenspel.store.models import GameSession, OwnerLink, Participant
from samenspel.store.participants import players_of
from samenspel.store.state import action_log, load
from tests.support.initiatives import seeded_plan, stored_state


def owner_with_link(app, make_session) -> dict:
    """An ended session with the sample's plan, and the link of one owner of steps there."""
    earlier, _info = seeded_plan(app, make_session)
    database = app.extensions["samenspel.db"]
    state = stored_state(database, earlier["code"])
    owner_id = next(i.data["owner_id"] for i in state.items if i.kind == "step" and i.data.get("owner_id"))
    with database.unit_of_work() as db:
        owner = db.get(Participant, owner_id)
        _link, token = owner_links.link_for(db, owner, earlier["initiative"], app.config["SECRET_KEY"])
        name, role = owner.name, owner.role
    mine = sorted(i.data["what"] for i in state.items if i.kind == "step" and i.data.get("owner_id") == owner_id)
    assert mine, "the sample has an owner with steps"
    found = {"earlier": earlier, "token": token, "owner_id": owner_id, "name": name, "role": role, "mine": mine}
    return {**found, "db": database}


@pytest.fixture
def follow_up(app, client, make_session):
    """An owner's link, and a follow-up (the onderweg game, in its lobby) that carried the
    steps over."""
    found = owner_with_link(app, make_session)
    earlier = found["earlier"]
    made = client.post(
        "/api/sessions", json={"game": "samenspel-onderweg", "continues": earlier["code"], "key": earlier["key"]}
    )
    assert made.status_code == 201, made.json
    return {**found, "later": {**made.json, "key": made.json["facilitator_url"].split("key=")[1]}}


def steps_by_owner(database, code: str) -> dict[str, int | None]:
    return {i.data["what"]: i.data.get("owner_id") for i in stored_state(database, code).items if i.kind == "step"}


def stored_and_replayed(database, code: str):
    with database.unit_of_work() as db:
        row = db.query(GameSession).filter_by(code=code).one()
        game = game_for(db, row)
        return load(db, row, game), replay(game, players_of(db, row, include_removed=True), action_log(db, row))


def people(database, code: str) -> list[tuple[int, str, int | None]]:
    with database.unit_of_work() as db:
        row = db.query(GameSession).filter_by(code=code).one()
        found = db.query(Participant).filter_by(session_id=row.id).order_by(Participant.id)
        return [(p.id, p.name, p.continues_id) for p in found]


def test_the_owner_joins_the_follow_up_as_the_same_person(app, client, follow_up, make_player, make_socket):
    f, later = follow_up, follow_up["later"]
    page = client.get(f"/o/{f['token']}").get_data(as_text=True)
    assert "Doe mee met de bijeenkomst van" in page
    assert f'value="{f["name"]}"' in page and f'value="{f["role"]}" checked' in page
    before = steps_by_owner(f["db"], later["code"])
    assert {w for w, o in before.items() if o == f["owner_id"]} == set(f["mine"])  # carried with the old id

    # a namesake joins by the code first: a new person, nothing of the steps changes
    namesake = make_player(later["code"], f["name"], f["role"])
    assert steps_by_owner(f["db"], later["code"]) == before

    joined = client.post(f"/o/{f['token']}/join", json={})
    assert joined.status_code == 201, joined.json
    ack = joined.json
    assert (ack["participant"]["name"], ack["participant"]["role"], ack["code"]) == (
        f["name"],
        f["role"],
        later["code"],
    )
    assert ack["url"].endswith(f"/j/{later['code']}")
    new_id = ack["participant"]["id"]
    assert new_id not in (f["owner_id"], namesake["participant"]["id"])
    after = steps_by_owner(f["db"], later["code"])
    assert {w for w, o in after.items() if o == new_id} == set(f["mine"])
    assert f["owner_id"] not in after.values()
    assert {w: o for w, o in after.items() if w not in f["mine"]} == {
        w: o for w, o in before.items() if w not in f["mine"]
    }
    assert people(f["db"], later["code"])[-1] == (new_id, f["name"], f["owner_id"])  # continues the earlier one

    stored, replayed = stored_and_replayed(f["db"], later["code"])
    assert replayed.items == stored.items and replayed.players == stored.players
    log = [(a.event, a.participant_id, a.payload) for a in action_log_of(f["db"], later["code"])]
    assert ("steps:continue", new_id, {"participant_id": f["owner_id"], "renamed": False}) in log

    # the link moved to them: it still works, reaches their steps there, and is the only one
    with f["db"].unit_of_work() as db:
        links = db.query(OwnerLink).filter_by(initiative_id=f["earlier"]["initiative"]).all()
        assert [(link.participant_id, link.revoked_ms) for link in links] == [(new_id, None)]
        earlier_participant = db.get(Participant, f["owner_id"])
        _link, again = owner_links.link_for(db, earlier_participant, links[0].initiative_id, app.config["SECRET_KEY"])
    assert again == f["token"]  # the earlier phone asking owner:link gets this same link
    page = client.get(f"/o/{f['token']}").get_data(as_text=True)
    assert "Je doet mee met de bijeenkomst van" in page and all(what in page for what in f["mine"])
    moved = next(i for i in stored.items if i.kind == "step" and i.data.get("owner_id") == new_id)
    answer = client.post(f"/o/{f['token']}/steps/{moved.id}", json={"status": "under_way"})
    assert answer.status_code == 200, answer.json  # between meetings too: theirs by id

    # their phone is in; the namesake's phone holds none of those steps
    phone = make_socket(code=later["code"], token=ack["token"])
    assert phone.is_connected()
    assert phone.emit("sync", {}, callback=True)["snapshot"]["me"]["id"] == new_id


def action_log_of(database, code: str):
    with database.unit_of_work() as db:
        return action_log(db, db.query(GameSession).filter_by(code=code).one())


def test_joining_again_is_the_same_participant_with_a_new_token(client, follow_up, make_socket):
    f = follow_up
    first = client.post(f"/o/{f['token']}/join", json={"name": "Henk de Vries"}).json
    assert first["participant"]["name"] == "Henk de Vries"
    assert set(steps_by_owner(f["db"], f["later"]["code"]).values()) >= {first["participant"]["id"]}
    count = len(people(f["db"], f["later"]["code"]))
    second = client.post(f"/o/{f['token']}/join", json={})
    assert second.status_code == 201, second.json
    assert second.json["participant"] == first["participant"] and second.json["token"] != first["token"]
    assert len(people(f["db"], f["later"]["code"])) == count  # no second participant
    assert make_socket(code=f["later"]["code"], token=second.json["token"]).is_connected()
    assert not make_socket(code=f["later"]["code"], token=first["token"]).is_connected()  # the phone before


def test_a_form_goes_on_to_the_phone_with_the_token_in_the_fragment(client, follow_up, make_socket):
    f = follow_up
    answer = client.post(f"/o/{f['token']}/join", data={"name": f["name"], "role": "inwoner"})
    assert answer.status_code == 303 and answer.headers["Cache-Control"] == "no-store"
    path, fragment = answer.headers["Location"].split("#")
    assert path.endswith(f"/j/{f['later']['code']}") and fragment.startswith("joined=")
    assert make_socket(code=f["later"]["code"], token=fragment.removeprefix("joined=")).is_connected()
    assert people(f["db"], f["later"]["code"])[-1][1:] == (f["name"], f["owner_id"])


def _revoke(app, client, f):
    with f["db"].unit_of_work() as db:
        db.query(OwnerLink).one().revoked_ms = now_ms()


def _remove(app, client, f):
    with f["db"].unit_of_work() as db:
        db.get(Participant, f["owner_id"]).removed_ms = now_ms()


def _control(make_socket, f, *actions):
    console = make_socket(code=f["later"]["code"], key=f["later"]["key"])
    for action in actions:
        assert console.emit("control", {"action": action}, callback=True)["ok"]


@pytest.mark.parametrize(
    "make_it,payload,status,code",
    [
        (_revoke, {}, 410, "link_gone"),
        (_remove, {}, 410, "link_gone"),
        ("ended", {}, 409, "session_ended"),
        ("locked", {}, 409, "session_locked"),
        ("full", {}, 409, "session_full"),
        (None, {"name": "x" * 41}, 400, "invalid_name"),
        (None, {"role": "koning"}, 400, "invalid_role"),
        (None, ["a list"], 400, "bad_request"),
    ],
)
def test_refusals_leave_everything_as_it_was(app, client, follow_up, make_socket, make_it, payload, status, code):
    f = follow_up
    if make_it == "ended":
        _control(make_socket, f, "start", "end")
    elif make_it == "locked":
        console = make_socket(code=f["later"]["code"], key=f["later"]["key"])
        assert console.emit("session:lock", {"locked": True}, callback=True)["ok"]
    elif make_it == "full":
        app.config["MAX_PARTICIPANTS"] = 0
    elif make_it is not None:
        make_it(app, client, f)
    steps, seated = steps_by_owner(f["db"], f["later"]["code"]), people(f["db"], f["later"]["code"])
    with f["db"].unit_of_work() as db:
        link = db.query(OwnerLink).one()
        held = (link.participant_id, link.revoked_ms)
    answer = client.post(f"/o/{f['token']}/join", json=payload)
    assert (answer.status_code, answer.json["error"]["code"]) == (status, code), answer.json
    assert steps_by_owner(f["db"], f["later"]["code"]) == steps
    assert people(f["db"], f["later"]["code"]) == seated
    with f["db"].unit_of_work() as db:
        link = db.query(OwnerLink).one()
        assert (link.participant_id, link.revoked_ms) == held


def test_a_refused_form_comes_back_to_the_page_in_words(client, follow_up):
    f = follow_up
    answer = client.post(f"/o/{f['token']}/join", data={"name": f["name"], "role": "koning"})
    assert answer.status_code == 303 and "joining=invalid_role" in answer.headers["Location"]
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Kies een rol." in page and "<details open>" in page


def test_the_page_says_when_the_follow_up_takes_nobody_new(client, follow_up, make_socket):
    f = follow_up
    console = make_socket(code=f["later"]["code"], key=f["later"]["key"])
    assert console.emit("session:lock", {"locked": True}, callback=True)["ok"]
    page = client.get(f"/o/{f['token']}?lang=en").get_data(as_text=True)
    assert "There is a new meeting" in page and "closed to new players" in page
    assert f"/o/{f['token']}/join" not in page


def test_without_an_open_session_nothing_is_offered(app, client, make_session):
    token = owner_with_link(app, make_session)["token"]
    page = client.get(f"/o/{token}").get_data(as_text=True)
    assert "bijeenkomst" not in page
    answer = client.post(f"/o/{token}/join", json={})
    assert (answer.status_code, answer.json["error"]["code"]) == (409, "session_ended")
    assert client.post(f"/o/{'A' * 32}/join", json={}).status_code == 404  # a guess counts like a code
