"""The cards mechanic decides alone, from plain data: limits, lengths, categories, roles,
ownership, the open round, anonymity, reveal and perspective swap."""

import pytest

from samenspel.engine.errors import Rejected
from samenspel.engine.flow import Status
from samenspel.engine.mechanics import mechanic_for
from samenspel.engine.state import Create, Delete, Update
from samenspel.engine.views import FACILITATOR, PARTICIPANT, VIEWER, Viewer, item_view
from tests.support.factories import FATIMA, HENK, RoundState, card, game_with, session_at, turn_in

CARDS = mechanic_for("cards")
SMALL = game_with("droom", max_per_player=2, max_length=20)


def turn(actor=FATIMA, items=(), game=SMALL, round_id="droom", **kwargs):
    return turn_in(round_id, actor, items=items, game=game, **kwargs)


def test_add_cleans_text_and_creates_a_card():
    change = CARDS.handle(turn(), "add", {"text": "  Samen oogsten\x07 "})
    assert change == Create("card", {"text": "Samen oogsten", "category": None})


@pytest.mark.parametrize(
    "text,code",
    [
        ("", "empty"),
        ("   ", "empty"),
        ("x" * 21, "too_long"),
        (None, "bad_request"),
        (42, "bad_request"),
        (["a"], "bad_request"),
    ],
)
def test_add_rejects_bad_text(text, code):
    with pytest.raises(Rejected) as error:
        CARDS.handle(turn(), "add", {"text": text})
    assert error.value.code == code


def test_limit_per_player_counts_only_own_cards():
    items = [card(1, FATIMA), card(2, FATIMA), card(3, HENK)]
    with pytest.raises(Rejected) as error:
        CARDS.handle(turn(items=items), "add", {"text": "derde"})
    assert error.value.code == "limit_reached"
    assert isinstance(CARDS.handle(turn(HENK, items=items), "add", {"text": "tweede"}), Create)


def test_only_the_current_round_takes_input():
    items = [card(1, FATIMA)]
    for status, round_id in ((Status.RUNNING, "belangen"), (Status.ENDED, "droom"), (Status.LOBBY, "droom")):
        session = session_at(round_id, game=SMALL, items=items, status=status)
        if status is Status.LOBBY:
            session = session.__class__(session.game, session.flow.__class__(), session.players, session.items)
        for verb, payload in (("add", {"text": "a"}), ("edit", {"id": 1, "text": "b"}), ("delete", {"id": 1})):
            with pytest.raises(Rejected) as error:
                CARDS.handle(type(turn())(session, SMALL.round("droom"), FATIMA), verb, payload)
            assert error.value.code == "round_closed"


def test_categories_are_required_and_checked():
    t = turn(round_id="kansen-drempels", game=game_with("kansen-drempels"))
    assert CARDS.handle(t, "add", {"text": "a", "category": "kans"}).data["category"] == "kans"
    for bad in (None, "geld", 3):
        with pytest.raises(Rejected) as error:
            CARDS.handle(t, "add", {"text": "a", "category": bad})
        assert error.value.code == "unknown_category"


def test_role_restriction():
    game = game_with("droom", roles=("ambtenaar",))
    with pytest.raises(Rejected) as error:
        CARDS.handle(turn(game=game), "add", {"text": "a"})
    assert error.value.code == "not_allowed"
    assert isinstance(CARDS.handle(turn(HENK, game=game), "add", {"text": "a"}), Create)


def test_only_the_author_edits_or_deletes():
    items = [card(1, FATIMA, "oud"), card(2, HENK, "van Henk")]
    assert CARDS.handle(turn(items=items), "edit", {"id": 1, "text": "nieuw"}) == Update(
        1, {"text": "nieuw", "category": None}
    )
    assert CARDS.handle(turn(items=items), "delete", {"id": 1}) == Delete(1)
    for verb in ("edit", "delete"):
        for item_id, code in ((2, "not_allowed"), (99, "not_found"), ("1", "bad_request")):
            with pytest.raises(Rejected) as error:
                CARDS.handle(turn(items=items), verb, {"id": item_id, "text": "x"})
            assert error.value.code == code


def test_unknown_verb_is_refused():
    with pytest.raises(Rejected) as error:
        CARDS.handle(turn(), "vote", {})
    assert error.value.code == "not_allowed"


def test_anonymous_cards_never_name_their_author_except_to_the_author():
    game = game_with("droom", anonymous=True)
    session = session_at("droom", game=game, items=[card(1, FATIMA, "geheim")])
    item = session.items[0]
    for viewer in (Viewer(VIEWER), Viewer(FACILITATOR), Viewer(PARTICIPANT, HENK)):
        view = item_view(item, viewer, session)
        assert view["author_id"] is None and view["text"] == "geheim" and "mine" not in view
    assert item_view(item, Viewer(PARTICIPANT, FATIMA), session)["mine"] is True


def test_unrevealed_cards_keep_their_text_on_the_server():
    game = game_with("droom", visibility="reveal")
    items = [card(1, FATIMA, "nog geheim")]
    hidden = session_at("droom", game=game, items=items)
    for viewer in (Viewer(VIEWER), Viewer(PARTICIPANT, HENK)):
        view = item_view(hidden.items[0], viewer, hidden)
        assert view["concealed"] is True and "text" not in view and "author_id" not in view
    assert item_view(hidden.items[0], Viewer(PARTICIPANT, FATIMA), hidden)["text"] == "nog geheim"
    assert item_view(hidden.items[0], Viewer(FACILITATOR), hidden)["text"] == "nog geheim"
    shown = session_at("droom", game=game, items=items, rounds={"droom": RoundState(revealed=True)})
    assert item_view(shown.items[0], Viewer(VIEWER), shown)["text"] == "nog geheim"


def test_perspective_swap_writes_as_the_assigned_role():
    session = session_at("rolwissel")
    rnd = session.game.round("rolwissel")
    opened = CARDS.on_open(rnd, session)
    assert set(opened.perspectives) == {FATIMA.id, HENK.id}
    assert opened.perspectives[FATIMA.id] != "inwoner" and opened.perspectives[HENK.id] != "ambtenaar"
    assert CARDS.on_open(rnd, session.with_round_state("rolwissel", opened)) is None, "stable once assigned"
    t = type(turn())(session.with_round_state("rolwissel", opened), rnd, FATIMA)
    assert CARDS.handle(t, "add", {"text": "als ambtenaar"}).data["as"] == opened.perspectives[FATIMA.id]


def test_cards_never_revealed_show_once_the_round_has_closed():
    game = game_with("droom", visibility="reveal")
    later = session_at("belangen", game=game, items=[card(1, FATIMA, "nu zichtbaar")])
    assert item_view(later.items[0], Viewer(VIEWER), later)["text"] == "nu zichtbaar"
