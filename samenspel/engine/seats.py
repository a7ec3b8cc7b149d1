"""Who may still join a session: the game's own player cap, each role's maximum (both from
the rules file) and the instance's cap (``SAMENSPEL_MAX_PARTICIPANTS``), whichever is lower.

Pure: the store counts the players under the session's lock; this decides.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from samenspel.engine.errors import Rejected
from samenspel.rules.model import Game, Role


def player_cap(game: Game, max_participants: int) -> int:
    """The most players the session takes: the game's ``players.max`` below the instance's cap."""
    return min(game.players_max, max_participants)


def check_seat(game: Game, roles_taken: Iterable[str], role, max_participants: int) -> Role:
    """The role a newcomer may take, or a rejection that says why not.

    ``roles_taken`` holds the role of every active participant (with or without a phone).
    """
    chosen = game.role(role) if isinstance(role, str) else None
    if chosen is None:
        raise Rejected("invalid_role", f"unknown role {role!r}")
    taken = Counter(roles_taken)
    cap = player_cap(game, max_participants)
    if sum(taken.values()) >= cap:
        raise Rejected("session_full", f"at most {cap} participants", max=cap)
    if chosen.max_players is not None and taken[chosen.id] >= chosen.max_players:
        raise Rejected(
            "role_full",
            f"role {chosen.id!r} takes at most {chosen.max_players} players",
            role=chosen.id,
            max=chosen.max_players,
        )
    return chosen


def roles_with_room(game: Game, roles_taken: Iterable[str], max_participants: int) -> tuple[Role, ...]:
    """The roles a newcomer can still choose (none when the session is full)."""
    taken = Counter(roles_taken)
    if sum(taken.values()) >= player_cap(game, max_participants):
        return ()
    return tuple(r for r in game.roles if r.max_players is None or taken[r.id] < r.max_players)
