"""Dot voting over an earlier round's cards: a budget of dots per player, a cap per card,
tallies live or only once voting is over, and the top N carried forward: the chosen ideas
later rounds work on (``chosen``, ``chosen_ideas``).

Voting is over when the facilitator closes it (``vote_close``, "Stemmen sluiten en uitslag
tonen") or the game moves past the round. Closing keeps the round current, so the room sees
the outcome on the projector — the evening's choice happens on screen, not after it — while
ballots are refused; ``vote_open`` undoes a close pressed by mistake. Both are kept in the
round's state (``RoundState.closed``), so a replay rebuilds them, and both are idempotent
by intent: closing a closed vote changes nothing."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from samenspel.engine.document_context import DocumentContext, clean
from samenspel.engine.errors import Rejected
from samenspel.engine.mechanics.base import FACILITATOR, Mechanic, private_view, register, require_int, single_own
from samenspel.engine.state import Create, Item, RoundState, SessionState, Turn, Update
from samenspel.engine.tables import seating
from samenspel.rules.model import Round

#: the facilitator's controls of a vote round: close it and show the result, open it again
CLOSE, OPEN = "vote_close", "vote_open"


@register
class Vote(Mechanic):
    key = "vote"
    item_kind = "ballot"
    verbs = ("set",)
    controls = (CLOSE, OPEN)
    figures = {"ideas": "Ideas on the ballot.", "chosen": "Ideas chosen in the vote.", "votes": "Votes cast."}
    block_schema = {
        "required": ["from_round", "votes_per_player", "voters", "votes_cast", "chosen", "ideas"],
        "properties": {
            "from_round": {"type": "string"},
            "votes_per_player": {"type": ["integer", "null"]},
            "voters": {"type": "integer", "minimum": 0},
            "votes_cast": {"type": "integer", "minimum": 0},
            "chosen": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "rank", "text", "votes"],
                    "properties": {
                        "id": {"$ref": "#/$defs/id"},
                        "rank": {"type": "integer", "minimum": 1},
                        "text": {"type": "string"},
                        "votes": {"type": "integer", "minimum": 1},
                        "table": {"$ref": "#/$defs/tableRef"},
                    },
                },
            },
            "ideas": {
                "type": "array",
                "description": "Every idea on the ballot, most votes first.",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "text", "votes", "chosen", "author"],
                    "properties": {
                        "id": {"$ref": "#/$defs/id"},
                        "text": {"type": "string"},
                        "votes": {"type": "integer", "minimum": 0},
                        "chosen": {"type": "boolean"},
                        "author": {"$ref": "#/$defs/author"},
                        "table": {"$ref": "#/$defs/tableRef"},
                    },
                },
            },
        },
    }

    def set(self, turn: Turn, payload: dict):
        """Put ``count`` dots on one card (0 takes them back); idempotent, so a resend is harmless."""
        settings = turn.round.settings
        if turn.session.round_state(turn.round.id).closed:
            raise Rejected("voting_closed", f"voting in round {turn.round.id!r} is closed")
        card_id = require_int(payload, "card_id", 1, 2**62)
        count = require_int(payload, "count", 0, settings["max_per_card"])
        ballot = single_own(turn, "ballot")
        votes = {int(k): v for k, v in (ballot.data.get("votes", {}) if ballot else {}).items()}
        taking_back = count == 0 and card_id in votes  # also from a card merged away since
        offered = candidates(turn.session, turn.round, table_of_voter(turn))
        if not taking_back and card_id not in {c.id for c in offered}:
            raise Rejected("not_found", f"card {card_id} is not on the ballot")
        votes[card_id] = count
        votes = {k: v for k, v in votes.items() if v}
        if sum(votes.values()) > settings["votes_per_player"]:
            raise Rejected(
                "limit_reached", f"{settings['votes_per_player']} votes in all", max=settings["votes_per_player"]
            )
        data = {"votes": {str(k): v for k, v in sorted(votes.items())}}
        return Update(ballot.id, data) if ballot else Create("ballot", data)

    def view(self, item: Item, viewer, session: SessionState) -> dict | None:
        return private_view(item, viewer)

    def phone_rounds(self, rnd: Round) -> tuple[str, ...]:
        """The ideas on the ballot: the source round's cards, and with ``ideas_from`` the
        earlier vote whose chosen ideas these are (its summary; ballots are private anyway)."""
        earlier = rnd.settings.get("ideas_from")
        return (rnd.settings["from_round"], *((earlier,) if earlier else ()))

    def summary_reads(self, rnd: Round, game) -> tuple[str, ...]:
        """Its ballots, and the cards voted on: a card merged into another moves its dots."""
        return (rnd.id, rnd.settings["from_round"])

    def summary(self, rnd: Round, session: SessionState, viewer) -> dict | None:
        """``closed``: voting is over (closed by the facilitator, or the game moved on); from
        then on everyone sees the tally and the chosen ideas — the same ``chosen`` the rounds
        after it work on."""
        closed = is_over(session, rnd)
        visible = rnd.settings["show_tally"] == "live" or closed or viewer.kind == FACILITATOR
        summary = {"voters": len(session.items_of(rnd.id, "ballot")), "closed": closed}
        if visible:
            summary["tally"] = {str(k): v for k, v in tally(session, rnd).items()}
        if closed:
            summary["chosen"] = chosen(session, rnd)
            if seating.at_tables(session, rnd):
                summary["chosen_by_table"] = {str(t): ids for t, ids in chosen_by_table(session, rnd).items()}
        return summary

    def control(self, rnd: Round, session: SessionState, action: str) -> RoundState:
        """``vote_close``: no more ballots, the result on every screen; ``vote_open``: voting
        again. Already so, the state comes back equal and nothing is stored or told."""
        return replace(session.round_state(rnd.id), closed=action == CLOSE)

    def block(self, rnd: Round, doc: DocumentContext) -> dict[str, Any]:
        source = doc.game.round(rnd.settings["from_round"])
        counts = tally(doc.session, rnd)
        top = chosen(doc.session, rnd)
        ideas = sorted(candidates(doc.session, rnd), key=lambda c: (-counts[c.id], c.id))
        return {
            "from_round": rnd.settings["from_round"],
            "votes_per_player": rnd.settings.get("votes_per_player"),
            "voters": len(doc.visible(rnd, "ballot")),
            "votes_cast": sum(counts[c.id] for c in ideas),
            "chosen": [
                doc.with_table(
                    {"id": c.id, "rank": top.index(c.id) + 1, "text": clean(c.data.get("text")), "votes": counts[c.id]},
                    c.table,
                )
                for c in ideas
                if c.id in top
            ],
            "ideas": [
                doc.with_table(
                    {
                        "id": c.id,
                        "text": clean(c.data.get("text")),
                        "votes": counts[c.id],
                        "chosen": c.id in top,
                        "author": doc.author(c, source),
                    },
                    c.table,
                )
                for c in ideas
            ],
        }

    def count(self, block: dict[str, Any]) -> dict[str, int]:
        return {"ideas": len(block["ideas"]), "chosen": len(block["chosen"]), "votes": block["votes_cast"]}


def is_over(session: SessionState, rnd: Round) -> bool:
    """Whether voting in ``rnd`` is over: the facilitator closed it, or the game moved past it."""
    return session.round_state(rnd.id).closed or session.is_closed(rnd.id)


def candidates(session: SessionState, rnd: Round, table: int | None = None) -> list[Item]:
    """The cards on the ballot: the source round's cards that are not hidden or merged away
    (with ``table``: that table's cards only)."""
    cards = [c for c in session.items_of(rnd.settings["from_round"], "card") if not c.hidden]
    earlier = session.game.round(rnd.settings.get("ideas_from") or "")
    if earlier is not None:  # the hall votes on what an earlier vote chose (the harvest)
        kept = set(chosen(session, earlier))
        cards = [c for c in cards if c.id in kept]
    return cards if table is None else [c for c in cards if c.table == table]


def table_of_voter(turn: Turn) -> int | None:
    """In a vote played at tables, a player votes on their own table's cards."""
    return turn.actor.table if seating.at_tables(turn.session, turn.round) else None


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


def _top(cards: list[Item], counts: Counter, n: int) -> list[int]:
    ranked = sorted((c for c in cards if counts[c.id] > 0), key=lambda c: (-counts[c.id], c.id))
    return [c.id for c in ranked[:n]]


def chosen_by_table(session: SessionState, rnd: Round) -> dict[int, list[int]]:
    """A vote played at tables: each table's own top N, by table."""
    counts, top = tally(session, rnd), {}
    for card in candidates(session, rnd):
        top.setdefault(card.table, []).append(card)
    return {t: _top(cards, counts, rnd.settings["carry_forward"]) for t, cards in sorted(top.items(), key=_by_table)}


def _by_table(entry) -> tuple:
    return (entry[0] is None, entry[0] or 0)


def chosen(session: SessionState, rnd: Round) -> list[int]:
    """The top N cards by dots (ties: the earlier card first); cards with no dots never go.
    A vote played at tables chooses each table's top N: the harvest, table by table."""
    if seating.at_tables(session, rnd):
        return [card_id for ids in chosen_by_table(session, rnd).values() for card_id in ids]
    return _top(candidates(session, rnd), tally(session, rnd), rnd.settings["carry_forward"])


def chosen_ideas(session: SessionState, vote_round: Round | None) -> list[dict[str, Any]]:
    """The chosen ideas of a vote round, best first: ``{id, text, votes}`` each (the text
    as typed; clean it for the plan document). Empty without a vote round."""
    if vote_round is None or vote_round.mechanic != Vote.key:
        return []
    counts = tally(session, vote_round)
    cards = {c.id: c for c in session.items_of(vote_round.settings["from_round"], "card")}
    return [
        {
            "id": card_id,
            "text": cards[card_id].data.get("text", ""),
            "votes": counts[card_id],
            "table": cards[card_id].table,
        }
        for card_id in chosen(session, vote_round)
    ]
