"""Pledge ("Wat breng ik in?"): offers toward a chosen idea, decided by the engine from the
round's settings: limits, only your own offers, only while the round is open, and every bad
payload refused with a clear code."""

from __future__ import annotations

import math
from types import MappingProxyType

import pytest

from samenspel.engine import actions
from samenspel.engine.document import build_document
from samenspel.engine.errors import Rejected
from samenspel.engine.flow import Status
from samenspel.engine.mechanics import mechanic_for
from samenspel.engine.state import Create, Delete, Item, Turn, Update
from samenspel.engine.views import FACILITATOR, PARTICIPANT, VIEWER, Viewer, item_view, summary
from tests.support.factories import FATIMA, HENK, card, default_game, game_with, session_at

PLEDGE = mechanic_for("pledge")
IDEAS = [card(i, FATIMA if i % 2 else HENK, f"idee {i}", round_id="ideeen") for i in range(1, 6)]
# Ideas 2, 1 and 3 get dots (in that order); 4 and 5 none: the chosen three are 2, 1, 3.
BALLOTS = [
    Item(10, "kiezen", "ballot", FATIMA.id, MappingProxyType({"votes": {"1": 1, "2": 2}})),
    Item(11, "kiezen", "ballot", HENK.id, MappingProxyType({"votes": {"2": 1, "3": 1, "1": 1}})),
]


def pledge(item_id: int, author, idea: int = 2, resource: str = "time", text: str = "Helpen bouwen", **data) -> Item:
    values = {
        "idea": idea,
        "resource": resource,
        "text": text,
        "hours": 4 if resource == "time" else None,
        "amount": None,
        **data,
    }
    return Item(item_id, "inbreng", "pledge", author.id, MappingProxyType(values), False, item_id, item_id)


def turn(actor=FATIMA, pledges=(), game=None, status=Status.RUNNING, round_id="inbreng") -> Turn:
    session = session_at(round_id, game=game, items=[*IDEAS, *BALLOTS, *pledges], status=status)
    return Turn(session, session.game.round("inbreng"), actor)


def refused(t: Turn, verb: str, payload: dict) -> Rejected:
    with pytest.raises(Rejected) as caught:
        PLEDGE.handle(t, verb, payload)
    return caught.value


def offer(**overrides) -> dict:
    return {"idea": 2, "resource": "time", "text": "Helpen bouwen", "hours": 4, **overrides}


def test_an_offer_of_each_kind_toward_a_chosen_idea():
    made = PLEDGE.handle(turn(), "add", offer(hours=2.5))
    assert isinstance(made, Create) and made.kind == "pledge"
    assert dict(made.data) == {"idea": 2, "resource": "time", "text": "Helpen bouwen", "hours": 2.5, "amount": None}
    money = PLEDGE.handle(turn(), "add", {"idea": 3, "resource": "money", "text": "Voor zaden", "amount": 250})
    assert (money.data["amount"], money.data["hours"]) == (250, None)
    no_amount = PLEDGE.handle(turn(), "add", {"idea": 3, "resource": "money", "text": "Een bijdrage"})
    assert no_amount.data["amount"] is None
    for resource in ("materials", "network", "expertise"):
        made = PLEDGE.handle(turn(), "add", {"idea": 1, "resource": resource, "text": "  Iets\u200b  "})
        assert (made.data["resource"], made.data["text"], made.data["hours"]) == (resource, "Iets", None)
    assert PLEDGE.handle(turn(), "add", offer(hours=3.0)).data["hours"] == 3  # a whole number stays whole


def test_the_chosen_ideas_come_from_the_vote():
    assert [i["id"] for i in summary("inbreng", Viewer(VIEWER), turn().session)["ideas"]] == [2, 1, 3]
    error = refused(turn(), "add", offer(idea=4))  # on the ballot, but not chosen
    assert (error.code, error.params["field"]) == ("not_found", "idea")
    for bad in (None, "2", 2.0, True, [2]):
        assert refused(turn(), "add", offer(idea=bad)).code == "bad_request", bad


@pytest.mark.parametrize(
    "payload,code,field",
    [
        (offer(resource="tijd"), "bad_request", "resource"),
        (offer(resource=None), "bad_request", "resource"),
        (offer(text=""), "empty", None),
        (offer(text="   "), "empty", None),
        (offer(text=42), "bad_request", None),
        (offer(text="x" * 141), "too_long", None),
        (offer(hours=None), "bad_request", "hours"),
        (offer(hours=0), "bad_request", "hours"),
        (offer(hours=-2), "bad_request", "hours"),
        (offer(hours=0.3), "bad_request", "hours"),
        (offer(hours=201), "bad_request", "hours"),
        (offer(hours=math.nan), "bad_request", "hours"),
        (offer(hours=math.inf), "bad_request", "hours"),
        (offer(hours=True), "bad_request", "hours"),
        (offer(hours="4"), "bad_request", "hours"),
        (offer(resource="materials", hours=4), "bad_request", "hours"),
        (offer(amount=100), "bad_request", "amount"),
        ({"idea": 2, "resource": "money", "text": "Geld", "amount": 0}, "bad_request", "amount"),
        ({"idea": 2, "resource": "money", "text": "Geld", "amount": 12.5}, "bad_request", "amount"),
        ({"idea": 2, "resource": "money", "text": "Geld", "amount": 100001}, "bad_request", "amount"),
        ({"idea": 2, "resource": "money", "text": "Geld", "amount": "100"}, "bad_request", "amount"),
    ],
)
def test_bad_offers_are_refused_with_a_code(payload, code, field):
    error = refused(turn(), "add", payload)
    assert error.code == code
    assert error.params.get("field") == field


def test_limits_come_from_the_round():
    game = game_with(
        "inbreng", max_per_player=2, max_length=20, max_hours=8, max_amount=50, resources=("time", "money")
    )
    two = [pledge(20, FATIMA), pledge(21, FATIMA)]
    full = refused(turn(pledges=two, game=game), "add", offer())
    assert (full.code, full.params["max"]) == ("limit_reached", 2)
    assert isinstance(PLEDGE.handle(turn(actor=HENK, pledges=two, game=game), "add", offer()), Create)  # his own count
    assert refused(turn(game=game), "add", offer(text="x" * 21)).params["max"] == 20
    assert refused(turn(game=game), "add", offer(hours=8.5)).params["max"] == 8
    assert (
        refused(turn(game=game), "add", {"idea": 2, "resource": "money", "text": "x", "amount": 51}).params["max"] == 50
    )
    assert refused(turn(game=game), "add", offer(resource="expertise", hours=None)).params["field"] == "resource"


def test_only_your_own_offers_change_or_go():
    t = turn(pledges=[pledge(20, FATIMA), pledge(21, HENK)])
    assert refused(t, "edit", {"id": 21, "text": "Van mij"}).code == "not_allowed"
    assert refused(t, "delete", {"id": 21}).code == "not_allowed"
    assert refused(t, "edit", {"id": 99, "text": "x"}).code == "not_found"
    assert refused(t, "delete", {"id": "20"}).code == "bad_request"
    assert PLEDGE.handle(t, "delete", {"id": 20}) == Delete(20)
    edited = PLEDGE.handle(t, "edit", {"id": 20, "text": "Twee middagen"})
    assert isinstance(edited, Update) and dict(edited.data) == {
        "idea": 2,
        "resource": "time",
        "text": "Twee middagen",
        "hours": 4,
        "amount": None,
    }
    to_money = PLEDGE.handle(t, "edit", {"id": 20, "resource": "money", "amount": 20, "idea": 3})
    assert (to_money.data["resource"], to_money.data["hours"], to_money.data["amount"], to_money.data["idea"]) == (
        "money",
        None,
        20,
        3,
    )
    assert refused(t, "edit", {"id": 20, "hours": 0}).params["field"] == "hours"


def test_time_needs_hours_when_an_offer_becomes_time():
    t = turn(pledges=[pledge(20, FATIMA, resource="materials")])
    assert refused(t, "edit", {"id": 20, "resource": "time"}).params["field"] == "hours"
    assert PLEDGE.handle(t, "edit", {"id": 20, "resource": "time", "hours": 1}).data["hours"] == 1


@pytest.mark.parametrize(
    "status,round_id",
    [(Status.LOBBY, "inbreng"), (Status.ENDED, "inbreng"), (Status.RUNNING, "actiepad"), (Status.RUNNING, "kiezen")],
)
def test_only_the_open_round_takes_offers(status, round_id):
    t = turn(pledges=[pledge(20, FATIMA)], status=status, round_id=round_id)
    for verb, payload in (("add", offer()), ("edit", {"id": 20, "text": "x"}), ("delete", {"id": 20})):
        assert refused(t, verb, payload).code == "round_closed"
    assert refused(turn(), "claim", {"id": 20}).code == "not_allowed"


def test_events_reach_the_pledge_round_only():
    session = turn().session
    rnd, changes = actions.decide(session, FATIMA, "pledge:add", {"round_id": "inbreng", **offer()})
    assert rnd.id == "inbreng" and isinstance(changes[0], Create)
    for round_id in ("kiezen", "actiepad", None, 7):
        with pytest.raises(Rejected) as caught:
            actions.decide(session, FATIMA, "pledge:add", {"round_id": round_id, **offer()})
        assert caught.value.code == "bad_request"
    with pytest.raises(Rejected) as caught:
        actions.decide(session, FATIMA, "pledge:add", ["not", "a", "dict"])
    assert caught.value.code == "bad_request"
    with pytest.raises(Rejected) as facilitator:
        actions.decide(session, actions.FACILITATOR_PLAYER, "pledge:add", {"round_id": "inbreng", **offer()})
    assert facilitator.value.code == "not_allowed"


def test_everyone_sees_every_offer_and_the_author_knows_it_is_theirs():
    session = turn(pledges=[pledge(20, FATIMA)]).session
    item = session.items[-1]
    mine = item_view(item, Viewer(PARTICIPANT, FATIMA), session)
    theirs = item_view(item, Viewer(PARTICIPANT, HENK), session)
    wall = item_view(item, Viewer(VIEWER), session)
    assert mine["mine"] is True and "mine" not in theirs and "mine" not in wall
    assert theirs["author_id"] == FATIMA.id and theirs["text"] == "Helpen bouwen" and theirs["hours"] == 4
    assert item_view(item, Viewer(FACILITATOR), session)["hidden"] is False


def test_the_summary_adds_up_per_idea():
    pledges = [
        pledge(20, FATIMA, hours=2.5),
        pledge(21, HENK, hours=4),
        pledge(22, HENK, idea=3, resource="money", amount=250),
        pledge(23, FATIMA, idea=1, resource="network"),
    ]
    found = summary("inbreng", Viewer(VIEWER), turn(pledges=pledges).session)
    assert found["totals"] == {
        "2": {"pledges": 2, "hours": 6.5, "amount": 0},
        "3": {"pledges": 1, "hours": 0, "amount": 250},
        "1": {"pledges": 1, "hours": 0, "amount": 0},
    }
    assert found["pledgers"] == 2


def test_the_plan_lists_what_the_hall_brings_under_each_chosen_idea():
    pledges = [
        pledge(20, FATIMA, hours=2.5),
        pledge(21, HENK, hours=4),
        pledge(22, HENK, idea=3, resource="money", amount=250),
        pledge(23, FATIMA, idea=5, resource="expertise"),
    ]
    session = turn(pledges=pledges, status=Status.ENDED).session
    document = build_document(session, {"code": "ABC234", "title": "Moestuin"}, "nl")
    block = next(b for s in document["sections"] for b in s["blocks"] if b["type"] == "pledge")
    assert next(s["id"] for s in document["sections"] if block in s["blocks"]) == "inbreng"
    assert [(i["id"], i["chosen"], len(i["pledges"])) for i in block["ideas"]] == [
        (2, True, 2),
        (1, True, 0),
        (3, True, 1),
        (5, False, 1),
    ]  # 5 was never chosen: listed last
    assert block["ideas"][0]["hours"] == 6.5 and block["ideas"][2]["amount"] == 250
    assert block["ideas"][0]["pledges"][0] == {
        "id": 20,
        "resource": "time",
        "text": "Helpen bouwen",
        "hours": 2.5,
        "amount": None,
        "author": {"name": "Fatima", "role": "inwoner", "role_name": "Inwoner"},
    }
    assert (block["pledges"], block["hours"], block["amount"]) == (4, 6.5, 250)
    assert (document["summary"]["pledges"], document["summary"]["pledged_hours"]) == (4, 6.5)
    anonymous = build_document(session, {"code": "ABC234", "title": "Moestuin"}, "nl", anonymous=True)
    first = next(b for s in anonymous["sections"] for b in s["blocks"] if b["type"] == "pledge")["ideas"][0]
    assert first["pledges"][0]["author"] == {"name": None, "role": "inwoner", "role_name": "Inwoner"}


def test_a_game_without_pledges_still_counts_them_as_zero():
    document = build_document(session_at("welkom", game=default_game()), {"code": "X"}, "en")
    assert (document["summary"]["pledges"], document["summary"]["pledged_hours"]) == (0, 0)
