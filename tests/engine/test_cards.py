"""The cards mechanic decides alone, from plain data: limits, lengths, categories, roles,
ownership and the open round."""
from types import MappingProxyType

import pytest

from samenspel.engine.errors import Rejected
from samenspel.engine.mechanics import mechanic_for
from samenspel.engine.state import Create, Delete, Item, Player, Turn, Update
from samenspel.rules.model import Round, Text

CARDS = mechanic_for("cards")
FATIMA = Player(1, "Fatima", "inwoner")
HENK = Player(2, "Henk", "ambtenaar")


def make_round(**settings) -> Round:
    base = {"max_per_player": 2, "max_length": 20, "categories": [], "roles": []}
    return Round("droom", Text("Droom", "Dream"), Text("?", "?"), Text("", ""), 10, "cards",
                 MappingProxyType({**base, **settings}))


def card(item_id, author, text="x", category=None):
    return Item(item_id, "droom", "card", author.id, {"text": text, "category": category})


def turn(rnd=None, actor=FATIMA, items=(), open=True):
    return Turn(rnd or make_round(), open, actor, tuple(items))


def test_add_cleans_text_and_creates_a_card():
    change = CARDS.handle(turn(), "add", {"text": "  Samen oogsten\x07 "})
    assert change == Create("card", {"text": "Samen oogsten", "category": None})


@pytest.mark.parametrize("text,code", [("", "empty"), ("   ", "empty"), ("x" * 21, "too_long"),
                                       (None, "bad_request"), (42, "bad_request"), (["a"], "bad_request")])
def test_add_rejects_bad_text(text, code):
    with pytest.raises(Rejected) as error:
        CARDS.handle(turn(), "add", {"text": text})
    assert error.value.code == code


def test_limit_per_player_counts_only_own_cards():
    items = [card(1, FATIMA), card(2, FATIMA), card(3, HENK)]
    with pytest.raises(Rejected) as error:
        CARDS.handle(turn(items=items), "add", {"text": "derde"})
    assert error.value.code == "limit_reached"
    assert isinstance(CARDS.handle(turn(actor=HENK, items=items), "add", {"text": "tweede"}), Create)


def test_closed_round_takes_nothing():
    for verb, payload in (("add", {"text": "a"}), ("edit", {"id": 1, "text": "b"}), ("delete", {"id": 1})):
        with pytest.raises(Rejected) as error:
            CARDS.handle(turn(items=[card(1, FATIMA)], open=False), verb, payload)
        assert error.value.code == "round_closed"


def test_categories_are_required_and_checked():
    rnd = make_round(categories=[{"id": "kans", "name": {"nl": "Kans", "en": "Chance"}},
                                 {"id": "drempel", "name": {"nl": "Drempel", "en": "Obstacle"}}])
    assert CARDS.handle(turn(rnd), "add", {"text": "a", "category": "kans"}).data["category"] == "kans"
    for bad in (None, "geld", 3):
        with pytest.raises(Rejected) as error:
            CARDS.handle(turn(rnd), "add", {"text": "a", "category": bad})
        assert error.value.code == "unknown_category"


def test_role_restriction():
    rnd = make_round(roles=["ambtenaar"])
    with pytest.raises(Rejected) as error:
        CARDS.handle(turn(rnd), "add", {"text": "a"})
    assert error.value.code == "not_allowed"
    assert isinstance(CARDS.handle(turn(rnd, actor=HENK), "add", {"text": "a"}), Create)


def test_only_the_author_edits_or_deletes():
    items = [card(1, FATIMA, "oud"), card(2, HENK, "van Henk")]
    assert CARDS.handle(turn(items=items), "edit", {"id": 1, "text": "nieuw"}) == \
        Update(1, {"text": "nieuw", "category": None})
    assert CARDS.handle(turn(items=items), "delete", {"id": 1}) == Delete(1)
    for verb in ("edit", "delete"):
        with pytest.raises(Rejected) as error:
            CARDS.handle(turn(items=items), verb, {"id": 2, "text": "overgenomen"})
        assert error.value.code == "not_allowed"
        with pytest.raises(Rejected) as error:
            CARDS.handle(turn(items=items), verb, {"id": 99, "text": "x"})
        assert error.value.code == "not_found"
        with pytest.raises(Rejected) as error:
            CARDS.handle(turn(items=items), verb, {"id": "1"})
        assert error.value.code == "bad_request"


def test_unknown_verb_is_refused():
    with pytest.raises(Rejected) as error:
        CARDS.handle(turn(), "vote", {})
    assert error.value.code == "not_allowed"
