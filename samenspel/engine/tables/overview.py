"""The tables at a glance, for the console and the projector's grid: per table who sits
there, how much the current round has from that table, who has given input and the latest
item. Ids and counts only (the screens hold the items and the people already), so it costs
little to send often."""

from __future__ import annotations

from samenspel.engine.state import SessionState
from samenspel.engine.tables import seating


def overview(state: SessionState) -> dict | None:
    """``{round_id, tables: [{id, members, written, done, latest}]}`` for a session at
    tables (``round_id`` null and no counts outside a table round); None without tables."""
    if state.tables is None:
        return None
    members: dict[int, list[int]] = {t: [] for t in range(1, state.tables.count + 1)}
    for player in state.players:
        if player.table in members:
            members[player.table].append(player.id)
    at_tables = seating.current_at_tables(state)
    rnd = state.game.rounds[state.flow.round_index] if at_tables else None
    written: dict[int, int] = dict.fromkeys(members, 0)
    done: dict[int, set[int]] = {t: set() for t in members}
    latest: dict[int, tuple[int, int]] = {}
    for item in state.items_of(rnd.id) if rnd else ():
        if item.table not in members or item.hidden:
            continue
        written[item.table] += 1
        if item.author_id is not None:
            done[item.table].add(item.author_id)
        latest[item.table] = max(latest.get(item.table, (0, 0)), (item.updated_ms, item.id))
    return {
        "round_id": rnd.id if rnd else None,
        "tables": [
            {
                "id": table,
                "members": ids,
                "written": written[table],
                "done": sorted(done[table]),
                "latest": latest[table][1] if table in latest else None,
            }
            for table, ids in members.items()
        ],
    }
