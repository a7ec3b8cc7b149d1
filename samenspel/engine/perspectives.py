"""Perspective swap (rolwissel): every player writes as a role other than their own, with
the roles spread as evenly as the players allow."""
from __future__ import annotations

from collections import Counter
from typing import Mapping, Sequence

from samenspel.engine.state import Player


def assign(players: Sequence[Player], roles: Sequence[str],
           existing: Mapping[int, str] | None = None) -> dict[int, str]:
    """Keep existing assignments; give each unassigned player the least-used role that is not
    their own (ties: the role after their own in the list, so equal groups rotate).

    Deterministic: the same players and roles always give the same result, so replaying a
    session reproduces it.
    """
    result = dict(existing or {})
    used = Counter(result.values())
    for player in sorted(players, key=lambda p: p.id):
        if player.id in result:
            continue
        others = [r for r in roles if r != player.role]
        if not others:
            continue
        start = (roles.index(player.role) + 1) if player.role in roles else 0
        rotated = [roles[(start + i) % len(roles)] for i in range(len(roles))]
        choice = min((r for r in rotated if r != player.role), key=lambda r: used[r])
        result[player.id] = choice
        used[choice] += 1
    return result
