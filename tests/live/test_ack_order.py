"""Ack before broadcast, and the author's own view, with real python-socketio clients against
a real server (gevent, and two processes behind one Redis): a player sends 200 inputs back
to back from one socket while their second socket and another player watch.

On the sending socket no broadcast about its own input ever arrives (the ack carries it, so
nothing about an input can overtake its ack), and the sequence it sees — broadcasts plus the
``seq`` of its acks' events — has no gap. The author's other socket gets every broadcast of
their items in their own view (``mine: true``, the text of a card still concealed from the
room); a screen gets the room's view (concealed, no ``mine``), another player's phone none
of them (a cards round shows a phone the player's own cards)."""

from __future__ import annotations

import pytest

from tests.support.ack_order import FAST, check, hidden_round_game, play_back_to_back

pytestmark = pytest.mark.server


@pytest.mark.parametrize("async_mode", ["gevent", "eventlet"])
def test_the_ack_comes_first_and_the_author_sees_their_own_view(start_server, tmp_path, async_mode):
    server = start_server(async_mode, SAMENSPEL_GAME_RULES=str(hidden_round_game(tmp_path / "rules")), **FAST)
    check(*play_back_to_back(server))
