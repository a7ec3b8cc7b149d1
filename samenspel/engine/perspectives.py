"""Perspective swap (rolwissel): every player writes as a role other than their own, with
the roles spread as evenly as the players allow. Only a role with a perspective is handed
out: "Anders" (other) is no point of view to write from."""

from __future__ import annotations

from collections import Counter
from typing import Mapping, Sequence

from samenspel.engine.state import Player
from samenspel.rules.model import Role


def swappable(roles: Sequence[Role]) -> list[str]:
    """The ids of the roles a swap may hand out: those with a perspective."""
    return [r.id for r in roles if r.perspective.nl]


def assign(
    players: Sequence[Player], game_roles: Sequence[Role], existing: Mapping[int, str] | None = None
) -> dict[int, str]:
    """Keep existing assignments (to a role a swap may hand out); give each new player the
    least-used such role that is not their own, then even out by moving new players from the
    most- to the least-used role.

    Deterministic: the same players and roles always give the same result, so replaying a
    session reproduces it.
    """
    roles = swappable(game_roles)
    result = {pid: role for pid, role in (existing or {}).items() if role in roles}
    own = {p.id: p.role for p in players}
    used = Counter({r: 0 for r in roles}) + Counter(v for v in result.values() if v in roles)
    new = []
    for player in sorted(players, key=lambda p: p.id):
        if player.id in result or not [r for r in roles if r != player.role]:
            continue
        start = (roles.index(player.role) + 1) if player.role in roles else 0
        rotated = [roles[(start + i) % len(roles)] for i in range(len(roles))]
        choice = min((r for r in rotated if r != player.role), key=lambda r: used[r])
        result[player.id] = choice
        used[choice] += 1
        new.append(player.id)
    while True:
        counts = {r: sum(1 for v in result.values() if v == r) for r in roles}
        high, low = max(roles, key=counts.get), min(roles, key=counts.get)
        if counts[high] - counts[low] <= 1:
            return result
        moves = _moves(new, result, own, roles, high, low)
        if moves is None:
            return result
        result.update(moves)


def _moves(new, result, own, roles, high, low) -> dict[int, str] | None:
    """One new player from ``high`` straight to ``low``, or via a third role whose player
    moves on to ``low``; None when no such move exists."""
    at = {r: [pid for pid in new if result[pid] == r] for r in roles}
    for first in at[high]:
        if own[first] != low:
            return {first: low}
    for first in at[high]:
        for middle in roles:
            if middle in (high, low) or own[first] == middle:
                continue
            second = next((pid for pid in at[middle] if own[pid] != low), None)
            if second is not None:
                return {first: middle, second: low}
    return None
