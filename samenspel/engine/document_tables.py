"""The tables part of the plan document, for a session played at tables (engine/tables/):
who sat where, what each table wrote in its table rounds (the dream, the cards) and which
ideas each table chose in a vote at tables (its top N: what it brought to the hall, the
harvest). The plenary rounds (the action path on the combined list) are in the sections as
always; an idea there names the table it came from (``DocumentContext.table_ref``).

Pure, like the rest of the engine; ``document.py`` adds the part only when the session has
tables, so a plan without tables is exactly as before.
"""

from __future__ import annotations

from samenspel.engine.document_context import DocumentContext, clean
from samenspel.engine.mechanics import mechanic_for
from samenspel.engine.mechanics.vote import chosen_by_table, tally
from samenspel.engine.tables import seating
from samenspel.engine.tables.names import table as named_table

#: the item kinds whose text a table's part lists (introductions and cards)
LISTED_KINDS = ("intro", "card")


def listed_rounds(session) -> list:
    """The rounds played at tables whose texts the tables part lists, table by table: their
    sections point there instead of listing the texts a second time."""
    return [
        r
        for r in session.game.rounds
        if seating.at_tables(session, r) and mechanic_for(r.mechanic).item_kind in LISTED_KINDS
    ]


def tables_part(context: DocumentContext) -> list[dict]:
    """One entry per table, in table order: ``{id, name, colour, participants, rounds,
    chosen}`` (see docs/plan.schema.json, property ``tables``)."""
    session, game = context.session, context.game
    table_rounds = [r for r in game.rounds if seating.at_tables(session, r)]
    listed = listed_rounds(session)
    chosen: dict[int, list[dict]] = {}
    for rnd in (r for r in table_rounds if r.mechanic == "vote"):
        counts = tally(session, rnd)
        for table_id, ids in chosen_by_table(session, rnd).items():
            chosen.setdefault(table_id, []).extend(
                {
                    "id": card_id,
                    "round": rnd.id,
                    "rank": rank,
                    "text": clean(context.item(card_id).data.get("text")),
                    "votes": counts[card_id],
                }
                for rank, card_id in enumerate(ids, 1)
            )
    part = []
    for table_id in range(1, session.tables.count + 1):
        ref = context.table_ref(table_id)
        part.append(
            {
                **ref,
                "colour": named_table(table_id).colour,
                "participants": context.people(p for p in session.players if p.table == table_id),
                "rounds": [_round(context, rnd, table_id) for rnd in listed],
                "chosen": chosen.get(table_id, []),
            }
        )
    return part


def _round(context: DocumentContext, rnd, table_id: int) -> dict:
    kind = mechanic_for(rnd.mechanic).item_kind
    items = [i for i in context.visible(rnd, kind) if i.table == table_id]
    items.sort(key=lambda i: (context.role_rank(i), i.id) if kind == "intro" else i.id)
    return {
        "id": rnd.id,
        "title": rnd.title.get(context.lang),
        "state": context.round_state(rnd),
        "items": [{"id": i.id, "text": clean(i.data.get("text")), "author": context.author(i, rnd)} for i in items],
    }


__all__ = ["LISTED_KINDS", "listed_rounds", "tables_part"]
