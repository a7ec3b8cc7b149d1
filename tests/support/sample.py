"""The sample session (../shared/samples/moestuin-noordpolder.json) as an engine SessionState,
without a server or a database: for export tests, benchmarks and demos.

Players get ids 1..12 in the file's order; items get ids from 1 in round order; the sample's
idea ids ("i1".."i7") map to the integer ids of those cards. The game has ended on its last
round, so the plan is final. A session played at tables (``"tables"`` in the data, see
``table_sample.py``) seats the players with the engine's balanced deal; items of rounds
played at tables carry their author's table.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from samenspel.config import PROJECT_ROOT
from samenspel.engine.document import TIMEZONE
from samenspel.engine.flow import Flow, Status
from samenspel.engine.state import Item, Player, RoundState, SessionState
from samenspel.engine.tables import assign
from samenspel.engine.tables.setup import Tables, parse
from samenspel.rules.loader import load_game
from samenspel.rules.model import Game

SAMPLE_CODE = "NPQ7K3"
SAMPLE_FILE = PROJECT_ROOT / "tests" / "data" / "moestuin-noordpolder.json"

#: the moment the export tests render at (a fixed clock)
NOW = dt.datetime(2026, 3, 12, 21, 5, tzinfo=dt.timezone.utc)


def sample_path() -> Path:
    """The sample session kept with the tests (a copy of ../shared/samples/);
    SAMENSPEL_SAMPLE overrides where it lives."""
    override = os.environ.get("SAMENSPEL_SAMPLE")
    return Path(override) if override else SAMPLE_FILE


@lru_cache(maxsize=None)
def sample_data() -> dict:
    return json.loads(sample_path().read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _game(game_id: str) -> Game:
    return load_game(PROJECT_ROOT / "game_rules" / f"{game_id}.yaml")


def _ms(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1000)


def sample_session_state(
    data: dict | None = None,
    *,
    status: Status = Status.ENDED,
    round_id: str | None = None,
    game: Game | None = None,
) -> tuple[SessionState, dict]:
    """The sample as (SessionState, info); ``info`` has the session row's fields plus
    ``card_ids`` (sample idea id -> item id) and ``players`` (name -> player id).

    ``status``/``round_id`` put the flow elsewhere (e.g. RUNNING in the plan round for a
    draft); by default the game has ended on its last round. ``game`` plays another game
    than the file names (e.g. a variant of it).
    """
    data = data or sample_data()
    game = game or _game(data["game"])
    session = data["session"]
    day = dt.date.fromisoformat(session["date"])
    start = dt.datetime.combine(day, dt.time(19, 0), TIMEZONE)
    clock = iter(range(10**6))

    def at() -> int:
        return _ms(start) + 60_000 + next(clock) * 7_000

    players = tuple(Player(n, p["name"], p["role"]) for n, p in enumerate(data["players"], 1))
    tables = None
    if data.get("tables"):  # seated as the engine seats them (a balanced deal by role)
        setup = parse(data["tables"], data.get("assign"))
        tables = Tables(setup, setup.table_count(len(players)))
        seating = assign.balanced(players, tables.count, [r.id for r in game.roles])
        players = tuple(replace(p, table=seating[p.id]) for p in players)
    by_name = {p.name: p.id for p in players}
    table_of = {p.id: p.table for p in players}
    items: list[Item] = []
    card_ids: dict[str, int] = {}
    perspectives: dict[int, str] = {}

    def add(round_id: str, kind: str, author: str | None, payload: dict[str, Any]) -> int:
        item_id = len(items) + 1
        stamp = at()
        at_table = tables is not None and game.round(round_id).scope == "table"
        items.append(
            Item(
                item_id,
                round_id,
                kind,
                by_name.get(author) if author else None,
                MappingProxyType(payload),
                False,
                stamp,
                stamp,
                table_of.get(by_name.get(author)) if at_table and author else None,
            )
        )
        return item_id

    for rnd in game.rounds:
        entries = data["rounds"].get(rnd.id, [])
        for entry in entries:
            author = entry.get("by")
            if rnd.mechanic == "introduce":
                add(rnd.id, "intro", author, {"text": entry["text"]})
            elif rnd.mechanic == "cards":
                payload = {"text": entry["text"], "category": entry.get("category")}
                if rnd.settings.get("perspective_swap"):
                    payload["as"] = entry.get("as")
                    perspectives[by_name[author]] = entry.get("as")
                item_id = add(rnd.id, "card", author, payload)
                if "id" in entry:
                    card_ids[entry["id"]] = item_id
            elif rnd.mechanic == "vote":
                votes = {str(card_ids[k]): v for k, v in entry["votes"].items()}
                add(rnd.id, "ballot", author, {"votes": dict(sorted(votes.items()))})
            elif rnd.mechanic == "plan":
                owner = entry.get("owner", "")
                add(
                    rnd.id,
                    "step",
                    owner,
                    {
                        "what": entry["what"],
                        "owner": owner,
                        "owner_id": by_name.get(owner),
                        "partners": list(entry.get("partners", [])),
                        "due": entry.get("due"),
                        "needs": entry.get("needs", ""),
                        "idea": card_ids.get(entry["idea"]) if entry.get("idea") else None,
                    },
                )
            elif rnd.mechanic == "rate":
                add(rnd.id, "rating", author, {"scores": dict(entry["scores"]), "word": entry.get("word", "")})

    index = game.round_index(round_id) if round_id else len(game.rounds) - 1
    flow = Flow(status, index, None if status is Status.ENDED else _ms(start) + 3_600_000, None)
    rounds = {}
    swap = next((r.id for r in game.rounds if r.settings.get("perspective_swap")), None)
    if swap and perspectives:
        rounds[swap] = RoundState(False, MappingProxyType(perspectives))
    state = SessionState(game, flow, players, tuple(items), MappingProxyType(rounds), tables)
    info = {
        "code": SAMPLE_CODE,
        "title": session["title"],
        "question": session["question"],
        "place": session.get("place", ""),
        "created_ms": _ms(start),
        "ended_ms": _ms(start + dt.timedelta(hours=2)) if status is Status.ENDED else None,
        "card_ids": card_ids,
        "players": by_name,
    }
    return state, info


__all__ = ["SAMPLE_CODE", "sample_data", "sample_path", "sample_session_state"]
