"""Each audience (phones, screens, facilitators) hears only what it may see, in one copy per
room: phones are not told who joins (N phones joining is not N² frames) but how many play, at
most once a second, nor other players' cards in a cards round; an audience that skips a
broadcast finds the gap closed by `prev`."""

import time

from tests.support.socket_game import add_card, received


def names(socket):
    return [packet["name"] for packet in socket.get_received()]


def wait_for(socket, event, timeout=10.0):
    """The payloads of ``event`` once one arrived (the count is told from a background task)."""
    deadline = time.monotonic() + timeout
    found = []
    while not found and time.monotonic() < deadline:
        found += received(socket, event)
        time.sleep(0.05)
    return found


def test_a_join_is_told_to_screens_and_consoles_not_to_phones(room, make_player):
    for socket in ("console", "projector", "fatima", "henk"):
        room[socket].get_received()
    before = room["console"].emit("sync", {}, callback=True)["snapshot"]["seq"]
    make_player(room["code"], "Sanne", "bestuurder")
    for screen in ("console", "projector"):
        joined = received(room[screen], "participant:joined")
        assert [j["participant"]["name"] for j in joined] == ["Sanne"]
    for phone in ("fatima", "henk"):  # no name, no tick: nothing per join
        assert [n for n in names(room[phone]) if n != "people"] == []
    # nor another player's card in a cards round (it shows a phone the player's own)
    assert add_card(room["fatima"], "Moestuin", "audience-001")["ok"]
    assert received(room["projector"], "item:added")[-1]["item"]["text"] == "Moestuin"
    assert [n for n in names(room["henk"]) if n != "people"] == []
    # the next broadcast phones get names the last one they were sent: no false gap
    assert room["console"].emit("control", {"action": "pause"}, callback=True)["ok"]
    paused = received(room["henk"], "flow")[-1]
    assert paused["seq"] == before + 3 and paused["prev"] == before
    assert "prev" not in received(room["projector"], "flow")[-1]  # it heard every one


def test_phones_are_told_how_many_play(room, make_player):
    assert room["henk"].emit("sync", {}, callback=True)["snapshot"]["people"] == 2
    room["henk"].get_received()
    make_player(room["code"], "Sanne", "bestuurder")
    make_player(room["code"], "Piet", "ambtenaar")
    counts = wait_for(room["henk"], "people")
    while counts[-1]["count"] != 4:  # the second may come a second after the first
        counts += wait_for(room["henk"], "people")
    assert (
        counts[-1]["count"] == 4
        and counts[-1]["at"] == room["console"].emit("sync", {}, callback=True)["snapshot"]["seq"]
    )
    assert len(counts) <= 2
    assert wait_for(room["projector"], "people", timeout=0.2) == []  # screens have the list


def test_only_the_phone_taken_out_is_told(room):
    for socket in ("fatima", "henk", "projector"):
        room[socket].get_received()
    ack = room["console"].emit("participant:remove", {"participant_id": room["ids"]["henk"]}, callback=True)
    assert ack["ok"]
    assert received(room["henk"], "participant:removed")[-1]["participant_id"] == room["ids"]["henk"]
    assert received(room["projector"], "participant:removed")[-1]["participant_id"] == room["ids"]["henk"]
    assert "participant:removed" not in names(room["fatima"])


def test_a_phone_that_missed_a_broadcast_it_was_sent_sees_the_gap(room, make_player):
    """`prev` closes only the gaps of broadcasts this audience was not sent."""
    room["henk"].get_received()
    assert room["console"].emit("control", {"action": "pause"}, callback=True)["ok"]
    first = received(room["henk"], "flow")[-1]
    make_player(room["code"], "Sanne", "bestuurder")
    assert room["console"].emit("control", {"action": "resume"}, callback=True)["ok"]
    second = received(room["henk"], "flow")[-1]
    assert second["prev"] == first["seq"]  # the join between was not theirs
