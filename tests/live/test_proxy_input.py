"""Someone without a phone takes part in every decision: over real WebSockets to a real
server, the console does for a participant it added everything a phone does — an intro, a
card, dots, offers, plan steps and claims, a rating with a word — under the same limits as a
phone. Only the facilitator speaks for someone, and only for a participant they added to the
same session: a phone never speaks for anyone, and nobody speaks for a phone player.

The console also hides an introduction and a rating's word from the wall (moderation): they
leave the projector, the phones and the plan; the rating's scores still count."""

from __future__ import annotations

import pytest

from tests.support.clients import LiveClient, close_all
from tests.support.game import join, open_game
from tests.support.server import ServerProcess

pytestmark = pytest.mark.server

ROUNDS = ["welkom", "droom", "belangen", "rolwissel", "kansen-drempels", "ideeen", "kiezen", "inbreng", "actiepad"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    # a console that types for several people sends more than one phone: room in the budget
    budget = {"SAMENSPEL_SOCKET_EVENTS_PER_SECOND": "200", "SAMENSPEL_SOCKET_EVENT_BURST": "400"}
    process = ServerProcess(tmp_path_factory.mktemp("proxy-instance"), env=budget).start()
    yield process
    process.stop()


@pytest.fixture
def hall(server):
    """A new session: console, projector, Fatima's phone, and Gerrit added without a phone."""
    opened = []

    def connect(**auth):
        client = LiveClient(server.url, **auth).connect()
        opened.append(client)
        return client

    code, key = open_game(server)
    fatima = join(server, code, "Fatima", "inwoner")
    console = connect(code=code, key=key)
    added = console.call("participant:add", {"name": "Gerrit", "role": "inwoner"})
    assert added["ok"] and added["participant"]["proxy"] is True
    yield {
        "server": server,
        "code": code,
        "key": key,
        "console": console,
        "projector": connect(code=code),
        "fatima": connect(code=code, token=fatima["token"]),
        "ids": {"fatima": fatima["participant"]["id"], "gerrit": added["participant"]["id"]},
        "connect": connect,
    }
    close_all(opened)


def to_round(hall, round_id):
    console = hall["console"]
    flow = console.call("sync")["snapshot"]["flow"]
    if flow["status"] == "lobby":
        assert console.call("control", {"action": "start"})["ok"]
    while console.call("sync")["snapshot"]["round"]["id"] != round_id:
        assert console.call("control", {"action": "next"})["ok"]


def for_gerrit(hall, event, payload):
    return hall["console"].call(event, {**payload, "on_behalf_of": hall["ids"]["gerrit"]})


def summary(client, round_id):
    return client.call("sync")["snapshot"]["summaries"].get(round_id, {})


def test_the_console_does_for_someone_without_a_phone_everything_a_phone_does(hall):
    gerrit, fatima = hall["ids"]["gerrit"], hall["fatima"]
    to_round(hall, "welkom")
    intro = for_gerrit(hall, "intro:set", {"round_id": "welkom", "text": "Ik heb een schuur vol gereedschap"})
    assert intro["ok"] and intro["item"]["author_id"] == gerrit and intro["item"]["mine"] is True
    on_wall = hall["projector"].wait_for("item:added", lambda d: d["item"]["kind"] == "intro")["item"]
    assert (on_wall["author_id"], on_wall["text"]) == (gerrit, "Ik heb een schuur vol gereedschap")

    # ideas: two of Fatima's, one of Gerrit's
    to_round(hall, "ideeen")
    ideas = [
        fatima.call("card:add", {"round_id": "ideeen", "text": text, "client_id": f"idea-{n:04d}"})["item"]["id"]
        for n, text in enumerate(("Moestuin", "Bankje"))
    ]
    card = for_gerrit(hall, "card:add", {"round_id": "ideeen", "text": "Kas", "client_id": "gerrit-card-1"})
    assert card["ok"] and card["item"]["author_id"] == gerrit
    ideas.append(card["item"]["id"])

    # dots: the same budget (3 in all) and cap (2 on one idea) as a phone
    to_round(hall, "kiezen")
    ballot = for_gerrit(hall, "ballot:set", {"round_id": "kiezen", "card_id": ideas[0], "count": 2})
    assert ballot["ok"] and ballot["item"]["author_id"] == gerrit and ballot["item"]["votes"] == {str(ideas[0]): 2}
    assert for_gerrit(hall, "ballot:set", {"round_id": "kiezen", "card_id": ideas[2], "count": 1})["ok"]
    over = for_gerrit(hall, "ballot:set", {"round_id": "kiezen", "card_id": ideas[1], "count": 1})
    assert over["error"]["code"] == "limit_reached" and over["error"]["max"] == 3
    assert for_gerrit(hall, "ballot:set", {"round_id": "kiezen", "card_id": ideas[2], "count": 3})["error"]["code"] == (
        "bad_request"
    )
    phone_over = fatima.call("ballot:set", {"round_id": "kiezen", "card_id": ideas[1], "count": 3})
    assert phone_over["error"]["code"] == "bad_request"  # the phone is held to the same cap
    assert fatima.call("ballot:set", {"round_id": "kiezen", "card_id": ideas[1], "count": 1})["ok"]
    assert summary(hall["console"], "kiezen")["voters"] == 2
    assert summary(hall["console"], "kiezen")["tally"] == {str(ideas[0]): 2, str(ideas[1]): 1, str(ideas[2]): 1}

    # offers: add, change, take back; at most 3, as on a phone
    to_round(hall, "inbreng")
    offers = []
    for n in range(3):
        ack = for_gerrit(
            hall,
            "pledge:add",
            {"round_id": "inbreng", "idea": ideas[0], "resource": "time", "text": "Timmeren", "hours": 2 + n,
             "client_id": f"gerrit-offer-{n}"},
        )  # fmt: skip
        assert ack["ok"] and ack["item"]["author_id"] == gerrit
        offers.append(ack["item"]["id"])
    fourth = for_gerrit(
        hall,
        "pledge:add",
        {
            "round_id": "inbreng",
            "idea": ideas[0],
            "resource": "materials",
            "text": "Hout",
            "client_id": "gerrit-offer-9",
        },
    )
    assert fourth["error"]["code"] == "limit_reached"
    assert for_gerrit(hall, "pledge:edit", {"id": offers[0], "text": "Timmeren en zagen"})["item"]["text"] == (
        "Timmeren en zagen"
    )
    assert for_gerrit(hall, "pledge:delete", {"id": offers[1]})["ok"]
    assert summary(hall["projector"], "inbreng")["totals"][str(ideas[0])] == {"pledges": 2, "hours": 6, "amount": 0}

    # the action path: add, change, claim a phone's step ("ik pak dit op"), delete only his own
    to_round(hall, "actiepad")
    own = for_gerrit(hall, "step:add", {"round_id": "actiepad", "what": "Kas bouwen", "client_id": "gerrit-step-1"})
    assert own["ok"] and own["item"]["author_id"] == gerrit
    edited = for_gerrit(hall, "step:edit", {"id": own["item"]["id"], "needs": "Glas", "base": {"needs": 0}})
    assert edited["ok"] and edited["item"]["needs"] == "Glas"
    theirs = fatima.call("step:add", {"round_id": "actiepad", "what": "Zaad kopen", "client_id": "fatima-step1"})
    claimed = for_gerrit(hall, "step:claim", {"id": theirs["item"]["id"]})
    assert claimed["ok"] and (claimed["item"]["owner"], claimed["item"]["owner_id"]) == ("Gerrit", gerrit)
    row = hall["projector"].wait_for("item:updated", lambda d: d["item"]["id"] == theirs["item"]["id"])["item"]
    assert row["owner"] == "Gerrit"
    assert fatima.call("step:claim", {"id": theirs["item"]["id"]})["error"]["code"] == "conflict"
    assert for_gerrit(hall, "step:delete", {"id": theirs["item"]["id"]})["error"]["code"] == "not_allowed"
    assert for_gerrit(hall, "step:delete", {"id": own["item"]["id"]})["ok"]

    # the reflection: scores and a word
    to_round(hall, "samenspel")
    rating = for_gerrit(hall, "rating:set", {"round_id": "samenspel", "scores": {"luisteren": 4}, "word": "Gezellig"})
    assert rating["ok"] and rating["item"]["author_id"] == gerrit
    assert fatima.call("rating:set", {"round_id": "samenspel", "scores": {"luisteren": 2}})["ok"]
    room = summary(hall["projector"], "samenspel")
    assert room["averages"]["luisteren"] == {"average": 3.0, "count": 2} and room["words"] == ["Gezellig"]
    too_high = for_gerrit(hall, "rating:set", {"round_id": "samenspel", "scores": {"luisteren": 6}})
    assert too_high["error"]["code"] == "bad_request"

    # none of it is Fatima's: her phone sees Gerrit's items as someone else's
    mine = [i for i in fatima.call("sync")["snapshot"]["items"] if i.get("mine")]
    assert {i["author_id"] for i in mine} == {hall["ids"]["fatima"]}


def test_a_phone_speaks_for_nobody_but_itself(hall):
    to_round(hall, "droom")
    fatima = hall["fatima"]
    before = hall["projector"].call("sync")["snapshot"]["seq"]
    for someone in (hall["ids"]["gerrit"], hall["ids"]["fatima"], None):
        refused = fatima.call(
            "card:add",
            {"round_id": "droom", "text": "Namens een ander", "client_id": "namens-001", "on_behalf_of": someone},
        )
        assert refused["error"]["code"] == "not_allowed", someone
    for event, payload in (
        ("participant:add", {"name": "Kees", "role": "inwoner"}),
        ("intro:set", {"round_id": "welkom", "text": "x", "on_behalf_of": hall["ids"]["gerrit"]}),
    ):
        assert fatima.call(event, payload)["error"]["code"] in ("not_allowed", "round_closed"), event
    assert hall["projector"].call("sync")["snapshot"]["seq"] == before  # nothing stored, nothing told
    assert fatima.call("card:add", {"round_id": "droom", "text": "Van mij", "client_id": "eigen-0001"})["ok"]


def test_the_console_speaks_only_for_people_it_added_to_this_session(hall, server):
    to_round(hall, "droom")
    console = hall["console"]

    def card(on_behalf_of, client_id):
        return console.call(
            "card:add", {"round_id": "droom", "text": "Kaart", "client_id": client_id, "on_behalf_of": on_behalf_of}
        )

    # not for a phone player
    assert card(hall["ids"]["fatima"], "phone-player")["error"]["code"] == "not_allowed"
    # not for someone added in another session
    other_code, other_key = open_game(server)
    other_console = hall["connect"](code=other_code, key=other_key)
    stranger = other_console.call("participant:add", {"name": "Truus", "role": "inwoner"})["participant"]["id"]
    assert card(stranger, "other-session")["error"]["code"] == "not_allowed"
    # not for someone taken out of the game
    kees = console.call("participant:add", {"name": "Kees", "role": "inwoner"})["participant"]["id"]
    assert card(kees, "kees-before")["ok"]
    assert console.call("participant:remove", {"participant_id": kees})["ok"]
    assert card(kees, "kees-after1")["error"]["code"] == "not_allowed"
    # the projector speaks for no one
    projector = hall["projector"].call(
        "card:add",
        {"round_id": "droom", "text": "x", "client_id": "projector-1", "on_behalf_of": hall["ids"]["gerrit"]},
    )
    assert projector["error"]["code"] == "not_allowed"
    # a proxy's card limit is a phone's: 3 in this round
    for n in range(3):
        assert card(hall["ids"]["gerrit"], f"gerrit-limit-{n}")["ok"]
    full = card(hall["ids"]["gerrit"], "gerrit-limit-9")
    assert full["error"]["code"] == "limit_reached" and full["error"]["max"] == 3


def plan_json(hall):
    response = hall["server"].api("GET", f"/s/{hall['code']}/export.json", params={"key": hall["key"]})
    assert response.status_code == 200
    return {b["round"]["id"]: b for section in response.json()["sections"] for b in section["blocks"]}


def test_the_console_hides_an_introduction_from_the_wall_and_the_plan(hall):
    to_round(hall, "welkom")
    fatima, projector, console = hall["fatima"], hall["projector"], hall["console"]
    intro = fatima.call("intro:set", {"round_id": "welkom", "text": "Iets onaardigs"})["item"]
    for_gerrit(hall, "intro:set", {"round_id": "welkom", "text": "Ik breng soep mee"})
    assert fatima.call("moderate", {"action": "hide", "id": intro["id"]})["error"]["code"] == "not_allowed"

    hidden = console.call("moderate", {"action": "hide", "id": intro["id"]})
    assert hidden["ok"] and hidden["item"]["hidden"] is True and hidden["item"]["text"] == "Iets onaardigs"
    removed = projector.wait_for("item:removed", lambda d: d["id"] == intro["id"])
    assert removed["round_id"] == "welkom"
    for items in (  # a phone's snapshot holds its own line only: the round's lines on request
        projector.call("sync")["snapshot"]["items"],
        fatima.call("items:round", {"round_id": "welkom"})["items"],
    ):
        texts = [i.get("text") for i in items]
        assert "Iets onaardigs" not in texts and "Ik breng soep mee" in texts
    on_console = next(i for i in console.call("sync")["snapshot"]["items"] if i["id"] == intro["id"])
    assert on_console["hidden"] is True and on_console["text"] == "Iets onaardigs"
    entries = plan_json(hall)["welkom"]["entries"]
    assert [e["text"] for e in entries] == ["Ik breng soep mee"]

    # a new line from the author stays hidden until the console shows it again
    assert fatima.call("intro:set", {"round_id": "welkom", "text": "Nog steeds onaardig"})["ok"]
    assert "Nog steeds onaardig" not in [i.get("text") for i in projector.call("sync")["snapshot"]["items"]]
    shown = console.call("moderate", {"action": "show", "id": intro["id"]})
    assert shown["ok"] and shown["item"]["hidden"] is False
    back = projector.wait_for("item:updated", lambda d: d["item"]["id"] == intro["id"])["item"]
    assert back["text"] == "Nog steeds onaardig" and "hidden" not in back
    assert len(plan_json(hall)["welkom"]["entries"]) == 2
    assert console.call("moderate", {"action": "edit", "id": intro["id"], "text": "x"})["error"]["code"] == (
        "bad_request"
    )


def test_the_console_hides_a_word_while_the_scores_still_count(hall):
    to_round(hall, "samenspel")
    fatima, projector, console = hall["fatima"], hall["projector"], hall["console"]
    rating = fatima.call("rating:set", {"round_id": "samenspel", "scores": {"luisteren": 1}, "word": "Saai"})["item"]
    for_gerrit(hall, "rating:set", {"round_id": "samenspel", "scores": {"luisteren": 5}, "word": "Fijn"})
    assert summary(projector, "samenspel")["words"] == ["Fijn", "Saai"]

    hidden = console.call("moderate", {"action": "hide", "id": rating["id"]})
    assert hidden["ok"] and hidden["item"]["word"] == "Saai" and hidden["item"]["word_hidden"] is True
    told = projector.wait_for("summary", lambda d: d["round_id"] == "samenspel" and d["summary"]["words"] == ["Fijn"])
    assert told["summary"]["averages"]["luisteren"] == {"average": 3.0, "count": 2}
    assert told["summary"]["respondents"] == 2
    own = next(i for i in fatima.call("sync")["snapshot"]["items"] if i["id"] == rating["id"])
    assert own["word"] == "" and "word_hidden" not in own and own["scores"] == {"luisteren": 1}
    assert "Saai" not in str(fatima.call("sync")["snapshot"]) and "Saai" not in str(projector.call("sync")["snapshot"])
    block = plan_json(hall)["samenspel"]
    assert block["words"] == ["Fijn"] and block["respondents"] == 2
    assert next(i for i in block["items"] if i["id"] == "luisteren")["average"] == 3.0

    # a changed score keeps the word hidden; "show" brings it back
    assert fatima.call("rating:set", {"round_id": "samenspel", "scores": {"luisteren": 3}})["ok"]
    assert summary(projector, "samenspel")["words"] == ["Fijn"]
    shown = console.call("moderate", {"action": "show", "id": rating["id"]})
    assert shown["ok"] and "word_hidden" not in shown["item"]
    assert summary(projector, "samenspel")["words"] == ["Fijn", "Saai"]
    assert plan_json(hall)["samenspel"]["words"] == ["Fijn", "Saai"]
