"""Dot voting over an earlier round's cards: a budget of dots per player, a cap per card,
tallies live or only after the round closes, and the top N carried forward."""
from __future__ import annotations

from collections import Counter

from samenspel.engine.errors import Rejected
from samenspel.engine.mechanics.base import FACILITATOR, Mechanic, private_view, register, require_int, single_own
from samenspel.engine.state import Create, Item, SessionState, Turn, Update
from samenspel.rules.model import Round


@register
class Vote(Mechanic):
    key = "vote"
    item_kind = "ballot"
    verbs = ("set",)

    def set(self, turn: Turn, payload: dict):
        """Put ``count`` dots on one card (0 takes them back); idempotent, so a resend is harmless."""
        settings = turn.round.settings
        card_id = require_int(payload, "card_id", 1, 2**62)
        count = require_int(payload, "count", 0, settings["max_per_card"])
        ballot = single_own(turn, "ballot")
        votes = {int(k): v for k, v in (ballot.data.get("votes", {}) if ballot else {}).items()}
        taking_back = count == 0 and card_id in votes  # also from a card merged away since
        if not taking_back and card_id not in {c.id for c in candidates(turn.session, turn.round)}:
            raise Rejected("not_found", f"card {card_id} is not on the ballot")
        votes[card_id] = count
        votes = {k: v for k, v in votes.items() if v}
        if sum(votes.values()) > settings["votes_per_player"]:
            raise Rejected("limit_reached", f"{settings['votes_per_player']} votes in all",
                           max=settings["votes_per_player"])
        data = {"votes": {str(k): v for k, v in sorted(votes.items())}}
        return Update(ballot.id, data) if ballot else Create("ballot", data)

    def view(self, item: Item, viewer, session: SessionState) -> dict | None:
        return private_view(item, viewer)

    def summary(self, rnd: Round, session: SessionState, viewer) -> dict | None:
        closed = session.is_closed(rnd.id)
        visible = rnd.settings["show_tally"] == "live" or closed or viewer.kind == FACILITATOR
        summary = {"voters": len(session.items_of(rnd.id, "ballot")), "closed": closed}
        if visible:
            summary["tally"] = {str(k): v for k, v in tally(session, rnd).items()}
        if closed:
            summary["chosen"] = chosen(session, rnd)
        return summary


def candidates(session: SessionState, rnd: Round) -> list[Item]:
    """The cards on the ballot: the source round's cards that are not hidden or merged away."""
    return [c for c in session.items_of(rnd.settings["from_round"], "card") if not c.hidden]


def tally(session: SessionState, rnd: Round) -> Counter:
    """Dots per card; dots on a card merged into another count for the one it joined."""
    cards = {c.id: c for c in session.items_of(rnd.settings["from_round"], "card")}
    counts: Counter = Counter()
    for ballot in session.items_of(rnd.id, "ballot"):
        for card_id, count in ballot.data.get("votes", {}).items():
            card = cards.get(int(card_id))
            if card is None:
                continue
            target = card.data.get("merged_into") or card.id
            counts[target] += count
    return counts


def chosen(session: SessionState, rnd: Round) -> list[int]:
    """The top N cards by dots (ties: the earlier card first); cards with no dots never go."""
    counts = tally(session, rnd)
    ranked = sorted((c for c in candidates(session, rnd) if counts[c.id] > 0),
                    key=lambda c: (-counts[c.id], c.id))
    return [c.id for c in ranked[: rnd.settings["carry_forward"]]]
