""" "Begin hiermee" (issue 14): a new session starts from a library entry, its chosen ideas
as starting cards in the round where ideas are written (the round a vote chooses from),
so a neighbourhood elsewhere builds on them.

A logged action like any other (``library:seed``), applied through ``engine.apply`` in the
transaction that creates the session, so a replay of the session rebuilds its starting
cards. The cards have no author (like the facilitator's); no socket event reaches it (its
name is no ``<item kind>:<verb>``)."""

from __future__ import annotations

from typing import Any, Mapping

from samenspel.engine.errors import Rejected
from samenspel.engine.state import Change, Create, SessionState
from samenspel.engine.text import clean_text
from samenspel.rules.model import Round

EVENT = "library:seed"
#: at most this many starting cards
MAX_CARDS = 20


def ideas_round(state: SessionState) -> Round | None:
    """The round a vote chooses from, else the first card round of an ideas section."""
    game = state.game
    for rnd in game.rounds:
        source = rnd.settings.get("from_round") if rnd.mechanic == "vote" else None
        if source and game.round(source) is not None and game.round(source).mechanic == "cards":
            return game.round(source)
    return next((r for r in game.rounds if r.mechanic == "cards" and r.plan_section in ("ideeen", "ideas")), None)


def decide(state: SessionState, payload: Any) -> tuple[str, list[Change]]:
    """``{"entry": id, "ideas": [text, …]}``: one card per idea in the ideas round."""
    rnd = ideas_round(state)
    ideas = payload.get("ideas") if isinstance(payload, Mapping) else None
    if rnd is None or not isinstance(ideas, list) or not ideas:
        raise Rejected("bad_request", "no ideas, or no round to put them in")
    limit = rnd.settings.get("max_length", 280)
    changes: list[Change] = [
        Create("card", {"text": clean_text(text.strip()[:limit], max_length=limit), "category": None, "seeded": True})
        for text in ideas[:MAX_CARDS]
        if isinstance(text, str) and text.strip()
    ]
    return rnd.id, changes
