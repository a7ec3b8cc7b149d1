"""What a mechanic may ask while it writes its block of the plan document: who wrote an
item and how to name them (respecting an anonymous plan), which items are visible, how far
the round got, texts in the document's language.

Pure, like the rest of the engine. ``samenspel/engine/document.py`` builds the document and
hands one ``DocumentContext`` to each round's mechanic (``Mechanic.block``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

from samenspel.engine.flow import Status
from samenspel.engine.state import Item, Player, SessionState
from samenspel.engine.tables.names import table as table_named
from samenspel.engine.text import clean
from samenspel.rules.model import LANGUAGES, Round, Text


class DocumentContext:
    def __init__(self, session: SessionState, lang: str, anonymous: bool):
        self.session = session
        self.game = session.game
        self.lang = lang
        self.anonymous = anonymous
        self.players = {p.id: p for p in session.players}
        self.role_order = {r.id: i for i, r in enumerate(self.game.roles)}
        self._items = {i.id: i for i in session.items}

    # --- people ---------------------------------------------------------------------------

    def role_name(self, role_id: str | None) -> str:
        role = self.game.role(role_id or "")
        return role.name.get(self.lang) if role else clean(role_id)

    def author(self, item: Item, rnd: Round) -> dict | None:
        """Who wrote an item: name and role; no name when the plan is anonymous, nobody at
        all when the round itself is anonymous."""
        player = self.players.get(item.author_id)
        if player is None or rnd.settings.get("anonymous"):
            return None
        return {
            "name": None if self.anonymous else clean(player.name),
            "role": player.role,
            "role_name": self.role_name(player.role),
        }

    def people(self, players) -> dict:
        """``players`` counted per role (in the game's role order), with their first names
        unless the plan is anonymous: ``{total, roles: [{id, name, colour, count, names?}]}``."""
        by_role: dict[str, list[Player]] = {}
        for player in sorted(players, key=lambda p: p.id):
            by_role.setdefault(player.role, []).append(player)
        roles = []
        for role_id in sorted(by_role, key=lambda r: (self.role_order.get(r, len(self.role_order)), r)):
            role = self.game.role(role_id)
            entry = {
                "id": role_id,
                "name": self.role_name(role_id),
                "colour": role.colour if role else None,
                "count": len(by_role[role_id]),
            }
            if not self.anonymous:
                entry["names"] = [clean(p.name) for p in by_role[role_id]]
            roles.append(entry)
        return {"total": sum(len(v) for v in by_role.values()), "roles": roles}

    def table_ref(self, table_id: int | None) -> dict | None:
        """A table as the plan names it (``{id, name}``), or None for the hall."""
        if table_id is None or self.session.tables is None:
            return None
        return {"id": table_id, "name": table_named(table_id).name.get(self.lang)}

    def with_table(self, entry: dict, table_id: int | None) -> dict:
        """``entry`` (an idea in the plan) with the table it came from (``table``), in a
        session at tables; unchanged otherwise."""
        ref = self.table_ref(table_id)
        return {**entry, "table": ref} if ref else entry

    def person(self, name: str, player_id: int | None = None) -> str:
        """A name typed in an item (an owner, a partner): replaced by the role when the plan
        is anonymous and it is one of the players."""
        name = clean(name)
        if not self.anonymous or not name:
            return name
        player = self.players.get(player_id) if player_id is not None else None
        player = player or next((p for p in self.session.players if clean(p.name).casefold() == name.casefold()), None)
        return self.role_name(player.role) if player else name

    def role_rank(self, item: Item) -> int:
        """Where the author's role comes in the game's list of roles (unknown ones last)."""
        player: Player | None = self.players.get(item.author_id)
        return self.role_order.get(player.role if player else "", len(self.role_order))

    # --- items and rounds -------------------------------------------------------------------

    def visible(self, rnd: Round, kind: str) -> list[Item]:
        """The round's items of ``kind`` that belong in the plan (not moderated away)."""
        return [i for i in self.session.items_of(rnd.id, kind) if not i.hidden]

    def item(self, item_id: Any) -> Item | None:
        return self._items.get(item_id) if isinstance(item_id, int) else None

    def round_state(self, rnd: Round) -> str:
        """``played``, ``in_progress`` or ``not_played``."""
        flow, index = self.session.flow, self.game.round_index(rnd.id)
        if flow.round_index is None or index > flow.round_index:
            return "not_played"
        if index < flow.round_index or flow.status is Status.ENDED:
            return "played"
        return "in_progress"

    # --- texts -----------------------------------------------------------------------------

    def text(self, value: Any) -> str:
        """A bilingual text from the rules (a Text or an {nl, en} mapping) in the document's
        language; anything else as cleaned text."""
        if isinstance(value, Text):
            return value.get(self.lang)
        if isinstance(value, Mapping):
            return Text(**{lang: value.get(lang, "") for lang in LANGUAGES}).get(self.lang)
        return clean(value)


def iso_date(value: Any) -> str | None:
    """A stored date as ``YYYY-MM-DD``, or None when it is missing or not a date."""
    try:
        return dt.date.fromisoformat(value).isoformat() if isinstance(value, str) and value else None
    except ValueError:
        return None


__all__ = ["DocumentContext", "clean", "iso_date"]
