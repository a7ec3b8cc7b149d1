"""Who sits at which table: pure functions from players (id and role) to a seating
(player id -> table id, tables numbered 1…count). Deterministic: randomness comes from a
``seed`` the caller logs with the action, so replaying the log seats everyone the same.

- ``balanced``: for each role, the numbers per table differ by at most one, and so do
  the table sizes. Players are dealt round the tables role by role with one running
  pointer: any run of consecutive seats in a cycle of ``count`` tables gives each table
  the same number of seats, give or take one.
- ``random``: shuffled, then dealt (sizes differ by at most one).
- ``place``: a late joiner goes to the table where their role is least present, then the
  smallest table, then the lowest number: adding to a minimum keeps each role within one.
- ``reshuffle``: new tables, as balanced (or random) as a fresh deal, chosen among several
  deals as the one where fewest people sit again with someone from their old table.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Iterable, Mapping, Protocol, Sequence

#: how many deals a reshuffle compares (more mixes better, costs a little more)
TRIALS = 24


class Seated(Protocol):
    id: int
    role: str


Seating = dict[int, int]


class Shuffler:
    """A small seeded generator (splitmix64): the same seed deals the same tables on every
    machine and Python version (the engine imports no ``random``: its results are data)."""

    MASK = (1 << 64) - 1

    def __init__(self, seed: int):
        self.state = seed & self.MASK

    def next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        return z ^ (z >> 31)

    def randrange(self, n: int) -> int:
        return self.next() % n

    def shuffle(self, values: list) -> None:
        for i in range(len(values) - 1, 0, -1):
            j = self.randrange(i + 1)
            values[i], values[j] = values[j], values[i]


def _deal(order: Iterable[int], count: int, start: int = 0) -> Seating:
    return {pid: (start + position) % count + 1 for position, pid in enumerate(order)}


def _by_role(players: Sequence[Seated], role_order: Sequence[str]) -> dict[str, list[int]]:
    rank = {role: i for i, role in enumerate(role_order)}
    groups: dict[str, list[int]] = {}
    for player in sorted(players, key=lambda p: (rank.get(p.role, len(rank)), p.role, p.id)):
        groups.setdefault(player.role, []).append(player.id)
    return groups


def balanced(players: Sequence[Seated], count: int, role_order: Sequence[str] = (), *, seed: int = 0) -> Seating:
    """A role-balanced seating; with ``seed`` 0 in the game's role order and by id, else
    shuffled by the seed (still balanced)."""
    groups = _by_role(players, role_order)
    if not seed:
        return _deal((pid for ids in groups.values() for pid in ids), count)
    rng = Shuffler(seed)
    roles = list(groups)
    rng.shuffle(roles)
    order = []
    for role in roles:
        ids = list(groups[role])
        rng.shuffle(ids)
        order += ids
    return _deal(order, count, rng.randrange(count))


def shuffled(players: Sequence[Seated], count: int, *, seed: int = 0) -> Seating:
    ids = sorted(p.id for p in players)
    Shuffler(seed).shuffle(ids)
    return _deal(ids, count)


def place(seating: Mapping[int, int], roles: Mapping[int, str], role: str, count: int) -> int:
    """The table for a newcomer of ``role``: where that role is least present, then the
    smallest table, then the lowest number. ``roles`` maps the seated players to their role."""
    of_role = Counter(table for pid, table in seating.items() if roles.get(pid) == role)
    sizes = Counter(seating.values())
    return min(range(1, count + 1), key=lambda t: (of_role[t], sizes[t], t))


def smallest(seating: Mapping[int, int], count: int) -> int:
    sizes = Counter(seating.values())
    return min(range(1, count + 1), key=lambda t: (sizes[t], t))


def repeats(new: Mapping[int, int], old: Mapping[int, int]) -> int:
    """Pairs of people who sit together again (at the same new table, and had shared an old one)."""
    tables: dict[int, list[int]] = {}
    for pid, table in new.items():
        tables.setdefault(table, []).append(pid)
    return sum(
        1
        for members in tables.values()
        for a, b in combinations(members, 2)
        if a in old and b in old and old[a] == old[b]
    )


def reshuffle(
    players: Sequence[Seated],
    count: int,
    old: Mapping[int, int],
    role_order: Sequence[str] = (),
    *,
    seed: int = 0,
    balance: bool = True,
) -> Seating:
    """New tables that keep the balance (``balance``; else a random deal) and mix people:
    of ``TRIALS`` deals, the one with the fewest ``repeats``. The first candidate deals
    each role ordered by old table, which sends old tablemates to different tables."""
    groups = _by_role(players, role_order)
    spread = [pid for ids in groups.values() for pid in sorted(ids, key=lambda p: (old.get(p, 0), p))]
    if not balance:
        spread = sorted((p.id for p in players), key=lambda p: (old.get(p, 0), p))
    candidates = [_deal(spread, count)]
    for trial in range(1, TRIALS):
        trial_seed = seed * TRIALS + trial
        deal = (
            balanced(players, count, role_order, seed=trial_seed)
            if balance
            else shuffled(players, count, seed=trial_seed)
        )
        candidates.append(deal)
    return min(candidates, key=lambda deal: repeats(deal, old))
