"""``items:round`` is built once per audience and ``seq`` (services/round_items.py): at a
vote's start every phone asks for the ideas, and the 2nd..Nth phone's answer builds nothing
again — yet each phone's answer is exactly its own view (``views.round_items``, uncached):
its own items marked ``mine``, its own ballot, no other table's items in a table round, and
never another audience's view (the facilitator's hidden ideas). A new ``seq`` (a new idea,
an idea hidden) gives a new answer. The JSON text sent is the answer's (live/packets.py)."""

from __future__ import annotations

import json

import pytest
from socketio import packet

from samenspel.engine import views
from samenspel.engine.views import FACILITATOR, PARTICIPANT, VIEWER, Viewer
from samenspel.live.packets import Packet
from samenspel.services import play, round_items, tables
from samenspel.services.unit import ActorRef, reading
from tests.support.writers import cards_round, context


@pytest.fixture
def ctx(tmp_path):
    made = context(f"sqlite:///{tmp_path / 'items.sqlite3'}")
    yield made
    made.database.dispose()


@pytest.fixture
def builds(monkeypatch):
    """How often an audience's part was built, per round."""
    counted = []
    original = round_items.build

    def build(state, round_id, kind):
        counted.append((round_id, kind))
        return original(state, round_id, kind)

    monkeypatch.setattr(round_items, "build", build)
    return counted


def to_round(ctx, facilitator, round_id):
    while True:
        flow = play.control(ctx, facilitator, {"action": "next"}).ack["flow"]
        with reading(ctx, facilitator.session_id) as unit:
            if unit.state().game.rounds[flow["round_index"]].id == round_id:
                return


def idea(ctx, player, text):
    payload = {"round_id": "ideeen", "text": text, "client_id": f"idea-{text:>8}"}
    return play.act(ctx, player, "card:add", payload).ack["item"]["id"]


def ask(ctx, ref, round_id="ideeen"):
    ack = play.round_items(ctx, ref, {"round_id": round_id}).ack
    assert ack["ok"], ack
    return ack


def expected(ctx, ref, round_id="ideeen"):
    """The answer as built for this viewer alone, without the shared part."""
    with reading(ctx, ref.session_id) as unit:
        state = unit.state()
        viewer = Viewer(ref.kind, state.player(ref.participant_id) if ref.participant_id else None)
        return views.round_items(round_id, viewer, state)


def sent(ack) -> dict:
    """The ack as a socket receives it: encoded by the server's packet, decoded by a client's."""
    encoded = Packet(packet.ACK, namespace="/", id=7, data=[ack]).encode()
    decoded = packet.Packet(encoded_packet=encoded)
    assert decoded.packet_type == packet.ACK and decoded.id == 7
    return decoded.data[0]


def test_every_phone_its_own_view_from_one_build(ctx, builds):
    facilitator, players = cards_round(ctx, players=5)
    to_round(ctx, facilitator, "ideeen")
    ideas = {ref: [idea(ctx, ref, f"{n}-moestuin"), idea(ctx, ref, f"{n}-bankjes")] for n, ref in enumerate(players)}
    hidden = ideas[players[1]][0]
    assert play.moderate(ctx, facilitator, {"action": "hide", "id": hidden}).ack["ok"]
    to_round(ctx, facilitator, "kiezen")
    for ref in players[:3]:  # ballots: each phone sees its own only
        assert play.act(ctx, ref, "ballot:set", {"round_id": "kiezen", "card_id": ideas[players[4]][0], "count": 1})

    console = ask(ctx, facilitator)  # the facilitator's view first: the phones must not get it
    assert {i["id"]: i["hidden"] for i in console["items"]}[hidden] is True
    del builds[:]
    answers = {ref: ask(ctx, ref) for ref in players}
    assert builds == [("ideeen", PARTICIPANT)]  # one build for every phone at this seq
    for ref, ack in answers.items():
        assert ack["items"] == expected(ctx, ref) and sent(ack) == {**ack, "items": expected(ctx, ref)}
        assert {i["id"] for i in ack["items"] if i.get("mine")} == set(ideas[ref]) - {hidden}
        assert hidden not in {i["id"] for i in ack["items"]} and all("hidden" not in i for i in ack["items"])
    assert len({a["seq"] for a in answers.values()}) == 1

    screen = ActorRef(facilitator.session_id, VIEWER)
    assert ask(ctx, screen)["items"] == expected(ctx, screen) and builds[-1] == ("ideeen", VIEWER)
    assert ask(ctx, facilitator)["items"] == expected(ctx, facilitator) == console["items"]

    ballots = {ref: ask(ctx, ref, "kiezen")["items"] for ref in players}
    for ref, seen in ballots.items():
        assert seen == expected(ctx, ref, "kiezen")
        assert len(seen) == (1 if ref in players[:3] else 0) and all(b.get("mine") for b in seen)


def test_a_new_seq_gives_a_new_answer(ctx, builds):
    facilitator, (fatima, henk) = cards_round(ctx, players=2)
    to_round(ctx, facilitator, "ideeen")
    first = idea(ctx, fatima, "moestuin")
    before = ask(ctx, henk)
    assert [i["id"] for i in before["items"]] == [first]
    second = idea(ctx, fatima, "bankjes")  # a new idea: a new seq
    after = ask(ctx, henk)
    assert after["seq"] > before["seq"] and [i["id"] for i in after["items"]] == [first, second]
    assert play.moderate(ctx, facilitator, {"action": "hide", "id": first}).ack["ok"]
    hidden = ask(ctx, henk)
    assert [i["id"] for i in hidden["items"]] == [second] and hidden["items"] == expected(ctx, henk)
    assert [(i["id"], i.get("mine")) for i in ask(ctx, fatima)["items"]] == [(second, True)]
    assert {i["id"]: i["hidden"] for i in ask(ctx, facilitator)["items"]} == {first: True, second: False}
    assert len(ctx.snapshots.entries) <= 4  # one entry per audience and round: the newest seq


def test_a_table_round_leaves_out_the_other_tables_ideas(ctx, builds):
    facilitator, players = cards_round(ctx, players=6)
    set_up = tables.USE_CASES["tables:set"](ctx, facilitator, {"tables": {"count": 2}})
    assert set_up.ack["ok"]
    to_round(ctx, facilitator, "ideeen")
    for n, ref in enumerate(players):
        idea(ctx, ref, f"idee-{n}")
    to_round(ctx, facilitator, "kiezen")  # the vote is played at each table
    del builds[:]
    seen = {ref: ask(ctx, ref)["items"] for ref in players}
    assert builds == [("ideeen", PARTICIPANT)]
    with reading(ctx, facilitator.session_id) as unit:
        state = unit.state()
        table = {ref: state.player(ref.participant_id).table for ref in players}
        by_table = {i.id: i.table for i in state.items_of("ideeen")}
    assert len(set(table.values())) == 2
    for ref, items in seen.items():
        assert items == expected(ctx, ref) and {by_table[i["id"]] for i in items} == {table[ref]}


def test_the_packet_sends_encoded_text_and_plain_data_alike():
    items = round_items.Encoded([{"id": 1, "text": "é\u2028"}], json.dumps([{"id": 1, "text": "é\u2028"}]))
    ack = {"ok": True, "items": items, "summary": None, "n": {"x": [1, 2.5]}}
    assert sent(ack) == {"ok": True, "items": [{"id": 1, "text": "é\u2028"}], "summary": None, "n": {"x": [1, 2.5]}}
    plain = {"ok": True, "items": [{"id": 1}]}
    mine = Packet(packet.EVENT, namespace="/", data=["flow", plain]).encode()
    assert mine == packet.Packet(packet.EVENT, namespace="/", data=["flow", plain]).encode()
    assert Packet(packet.ACK, namespace="/", id=3, data=[FACILITATOR]).encode() == '33["facilitator"]'
