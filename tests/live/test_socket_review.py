"""The review over the wire (issue 13): a follow-up session made with ``continues`` carries
the earlier plan's steps into its plan round; in the review round a phone sees them, sets a
status, offers help; the console moves the projector from step to step; refusals come back
as error acks."""

from __future__ import annotations

import pytest

from tests.support.initiatives import seeded_plan


@pytest.fixture
def review(app, client, make_session, make_player, make_socket):
    earlier, _info = seeded_plan(app, make_session)
    created = client.post(
        "/api/sessions", json={"game": "samenspel-onderweg", "continues": earlier["code"], "key": earlier["key"]}
    )
    assert created.status_code == 201, created.json
    code = created.json["code"]
    anna, karel = make_player(code, "Anna", "ondernemer"), make_player(code, "Karel")
    room = {
        "console": make_socket(code=code, key=created.json["facilitator_url"].split("key=")[1]),
        "projector": make_socket(code=code),
        "anna": make_socket(code=code, token=anna["token"]),
        "karel": make_socket(code=code, token=karel["token"]),
    }
    console = room["console"]
    assert console.emit("control", {"action": "start"}, callback=True)["ok"]
    flow = console.emit("control", {"action": "next"}, callback=True)
    assert flow["ok"] and flow["flow"]["round_index"] == 1  # terugblik
    for socket in room.values():
        socket.get_received()
    return room


def test_a_phone_reviews_the_carried_over_steps(review):
    phone = review["anna"]
    snapshot = phone.emit("sync", {}, callback=True)["snapshot"]
    assert snapshot["round"]["mechanic"] == "review" and snapshot["round"]["items_from"] == ["actiepad"]
    steps = {i["id"]: i for i in snapshot["items"] if i["kind"] == "step"}
    walk = snapshot["summaries"]["terugblik"]
    assert steps and sorted(walk["order"]) == sorted(steps) and walk["current"] == walk["order"][0]
    assert all("origin" in s and "status" in s for s in steps.values())
    later = phone.emit("items:round", {"round_id": "actiepad"}, callback=True)
    assert later["ok"] and {i["id"] for i in later["items"]} == set(steps)

    first = walk["order"][0]
    ack = phone.emit(
        "review:status",
        {"round_id": "terugblik", "step_id": first, "status": "stuck", "note": "Wacht op de vergunning"},
        callback=True,
    )
    assert ack["ok"], ack
    assert ack["item"]["status"] == "stuck" and ack["item"]["history"][-1]["note"] == "Wacht op de vergunning"
    packets = review["projector"].get_received()
    told = [p["args"][0] for p in packets if p["name"] == "item:updated"]
    assert told and told[-1]["item"]["id"] == first and told[-1]["item"]["status"] == "stuck"
    summaries = [p["args"][0] for p in packets if p["name"] == "summary"]
    assert summaries and first in summaries[-1]["summary"]["reviewed"]

    helped = review["karel"].emit("review:help", {"round_id": "terugblik", "step_id": first}, callback=True)
    assert helped["ok"] and "Karel" in helped["item"]["partners"]

    refused = phone.emit(
        "review:status", {"round_id": "terugblik", "step_id": first, "status": "dropped"}, callback=True
    )
    assert not refused["ok"] and refused["error"]["code"] == "empty"
    refused = phone.emit("review:status", {"round_id": "terugblik", "step_id": first, "status": "klaar"}, callback=True)
    assert not refused["ok"] and refused["error"]["code"] == "bad_request"
    refused = phone.emit("review:status", {"round_id": "terugblik", "step_id": 10**9, "status": "done"}, callback=True)
    assert not refused["ok"] and refused["error"]["code"] == "not_found"


def test_the_console_moves_the_projector_from_step_to_step(review):
    console, projector = review["console"], review["projector"]
    order = console.emit("sync", {}, callback=True)["snapshot"]["summaries"]["terugblik"]["order"]
    assert len(order) >= 2
    ack = console.emit("control", {"action": "review_next"}, callback=True)
    assert ack["ok"], ack
    packets = projector.get_received()
    told = [p["args"][0] for p in packets if p["name"] == "summary"]
    assert told[-1]["round_id"] == "terugblik" and told[-1]["summary"]["current"] == order[1]
    assert not [p for p in packets if p["name"] == "resync"]  # the walk changes the summary only
    assert console.emit("control", {"action": "review_prev"}, callback=True)["ok"]
    again = console.emit("control", {"action": "review_prev"}, callback=True)
    assert not again["ok"] and again["error"]["code"] == "invalid_transition"
    phone = review["anna"].emit("control", {"action": "review_next"}, callback=True)
    assert not phone["ok"]  # only the facilitator moves the walk
