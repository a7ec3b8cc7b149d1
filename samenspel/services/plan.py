"""The plan document of a session (engine/document.py) and its exports (samenspel/export),
for the plan page, the downloads and the command line. Read-only: no lock is taken."""

from __future__ import annotations

from samenspel.engine.document import build_document
from samenspel.services.context import Context
from samenspel.services.unit import reading
from samenspel.store.models import GameSession
from samenspel.store.sessions import find_by_code


def document_info(row: GameSession) -> dict:
    """The session's own fields, as the document builder takes them."""
    return {
        "code": row.code,
        "initiative_id": row.initiative_id,
        "title": row.title,
        "question": row.question,
        "place": row.place,
        "created_ms": row.created_ms,
        "ended_ms": row.ended_ms,
    }


def document(ctx: Context, session_id: int, lang: str, *, anonymous: bool = False) -> dict:
    """The plan of one stored session (raises Rejected when its game is no longer offered)."""
    with reading(ctx, session_id) as unit:
        return build_document(unit.state(), document_info(unit.session), lang, anonymous=anonymous)


def find(ctx: Context, code: str) -> GameSession | None:
    """A session by its room code, for the command line (no guessing guard needed there)."""
    with ctx.database.unit_of_work(write=False) as db:
        return find_by_code(db, code)
