"""Forgetting reaches the initiative's later sessions live: a participant of the start
forgotten by its console, the follow-up's open screens are told ``resync`` (reason
``forgotten``) and their fresh snapshot no longer holds the name; the session of someone
who was never in a later one tells nobody there."""

from tests.support.initiatives import seeded_plan

KEES = 8  # the sample's participant who owns a step and partners another (tests/data)


def _follow_up(client, earlier) -> dict:
    answer = client.post(
        "/api/sessions", json={"game": "samenspel-onderweg", "continues": earlier["code"], "key": earlier["key"]}
    )
    assert answer.status_code == 201, answer.json
    return {**answer.json, "key": answer.json["facilitator_url"].split("key=")[1]}


def test_the_follow_ups_screens_forget_too(app, client, make_session, make_socket):
    earlier, _info = seeded_plan(app, make_session)
    later = _follow_up(client, earlier)
    console, projector = make_socket(code=later["code"], key=later["key"]), make_socket(code=later["code"])
    assert "Kees" in repr(console.emit("sync", {}, callback=True)["snapshot"]["items"])
    console.get_received(), projector.get_received()

    first = make_socket(code=earlier["code"], key=earlier["key"])
    assert first.emit("participant:remove", {"participant_id": KEES, "forget_name": True}, callback=True)["ok"]

    for screen in (console, projector):
        told = [p["args"][0] for p in screen.get_received() if p["name"] == "resync"]
        assert told and told[-1]["reason"] == "forgotten"
        assert "Kees" not in repr(screen.emit("sync", {}, callback=True)["snapshot"])


def test_removing_without_forgetting_tells_the_follow_up_nothing(app, client, make_session, make_socket):
    earlier, _info = seeded_plan(app, make_session)
    later = _follow_up(client, earlier)
    console = make_socket(code=later["code"], key=later["key"])
    console.get_received()
    first = make_socket(code=earlier["code"], key=earlier["key"])
    assert first.emit("participant:remove", {"participant_id": KEES}, callback=True)["ok"]
    assert not [p for p in console.get_received() if p["name"] == "resync"]
    assert "Kees" in repr(console.emit("sync", {}, callback=True)["snapshot"]["items"])
