"""A round's summary is told again only when the change can have changed it
(services/tell.py, ``Mechanic.summary_reads``): a plan's step leaves the chosen ideas as they
were, a card leaves a cards round's state as it was; a ballot changes the vote's count."""

from __future__ import annotations

import pytest

from samenspel.engine.views import FACILITATORS
from samenspel.services import play
from tests.support.writers import cards_round, context


@pytest.fixture
def ctx(tmp_path):
    made = context(f"sqlite:///{tmp_path / 'told.sqlite3'}")
    yield made
    made.database.dispose()


def told(outcome) -> list[str]:
    return [event for b in outcome.broadcasts for event, _payload in [b.copy_for(FACILITATORS) or ("-", None)]]


def move_to(ctx, facilitator, round_id: str) -> None:
    for _ in range(20):
        snapshot = play.sync(ctx, facilitator).ack["snapshot"]
        if snapshot["round"]["id"] == round_id:
            return
        assert play.control(ctx, facilitator, {"action": "next"}).ack["ok"]
    raise AssertionError(f"never reached {round_id}")


def test_a_step_or_a_card_is_told_without_the_summary_a_ballot_with_it(ctx):
    facilitator, (player,) = cards_round(ctx)
    card = play.act(ctx, player, "card:add", {"round_id": "droom", "text": "bankje", "client_id": "told-card-1"})
    assert told(card) == ["item:added"]
    move_to(ctx, facilitator, "ideeen")
    idea = play.act(ctx, player, "card:add", {"round_id": "ideeen", "text": "moestuin", "client_id": "told-idea-1"})
    move_to(ctx, facilitator, "kiezen")
    ballot = play.act(ctx, player, "ballot:set", {"round_id": "kiezen", "card_id": idea.ack["item"]["id"], "count": 2})
    assert told(ballot) == ["item:added", "summary"], "a ballot changes the count"
    move_to(ctx, facilitator, "actiepad")
    step = play.act(
        ctx, player, "step:add", {"round_id": "actiepad", "what": "Grond vragen", "client_id": "told-step-1"}
    )
    assert told(step) == ["item:added"], "a step leaves the chosen ideas as they were"
    edit = play.act(
        ctx, player, "step:edit", {"id": step.ack["item"]["id"], "what": "Grond huren", "base": {"what": 0}}
    )
    assert told(edit) == ["item:updated"]
