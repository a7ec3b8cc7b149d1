"""The initiative report (engine/initiative_document.py) from stored sessions: each session's
plan document (services/plan.py) and the lesson rounds of its game, read one session at a
time (no lock: read-only). The initiative's own fields and which sessions belong to it come
from the caller (the initiatives table), so this use case does not depend on how that table
is stored; the routes (``/i/<id>/report.<fmt>``, the calendar feed) call it."""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from samenspel.engine.document import build_document
from samenspel.engine.initiative_document import build_initiative_document, lesson_rounds
from samenspel.services.context import Context
from samenspel.services.plan import document_info
from samenspel.services.unit import reading


def report(
    ctx: Context,
    initiative: Mapping[str, Any],
    session_ids: Iterable[int],
    lang: str,
    *,
    anonymous: bool = False,
) -> dict:
    """The report of ``initiative`` (id, title, question, place) over ``session_ids``, in the
    order played (raises Rejected when a session's game is no longer offered)."""
    sessions = []
    for session_id in session_ids:
        with reading(ctx, session_id) as unit:
            state = unit.state()
            document = build_document(state, document_info(unit.session), lang, anonymous=anonymous)
        sessions.append({"document": document, "lessons": lesson_rounds(state.game)})
    return build_initiative_document(initiative, sessions, lang)
