"""Fixtures of the live tests: a session in its first cards round with everyone connected."""

import pytest

from tests.support.socket_game import go_to_cards_round


@pytest.fixture
def room(make_session, make_player, make_socket):
    """A console, a projector and two phones (Fatima, Henk) in the first cards round."""
    created = make_session()
    code = created["code"]
    fatima, henk = make_player(code, "Fatima"), make_player(code, "Henk", "ambtenaar")
    console = make_socket(code=code, key=created["key"])
    go_to_cards_round(console)
    return {
        "code": code,
        "console": console,
        "projector": make_socket(code=code),
        "fatima": make_socket(code=code, token=fatima["token"]),
        "henk": make_socket(code=code, token=henk["token"]),
        "ids": {"fatima": fatima["participant"]["id"], "henk": henk["participant"]["id"]},
    }
