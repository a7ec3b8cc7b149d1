"""Forgetting a participant's name in the database: in their items and in the logged
payloads (samenspel/engine/forget.py decides what changes), then a WAL checkpoint so the old
pages do not stay readable in SQLite's ``-wal`` file (samenspel/store/db.py)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from samenspel.engine.forget import forget, scrub
from samenspel.engine.state import SessionState
from samenspel.store.models import ActionRow, GameSession, Participant
from samenspel.store.models import Item as ItemRow
from samenspel.store.rulebook import game_of
from samenspel.store.state import load


def forget_name(
    db: Session, session: GameSession, participant: Participant, name: str, state: SessionState | None = None
) -> list[int]:
    """Scrub ``name`` (already taken off ``participant``) from the session; return the ids of
    the items that changed. ``state``: the session's state when the caller loaded it already."""
    state = state if state is not None else load(db, session, game_of(db, session))
    changes = forget(state, participant.id, name)
    for change in changes:
        db.get(ItemRow, change.item_id).data = dict(change.data)  # a redaction: updated_ms stays
    for row in db.scalars(select(ActionRow).where(ActionRow.session_id == session.id)):
        scrubbed = scrub(row.payload, name)
        if scrubbed is not row.payload:
            row.payload = scrubbed
    db.flush()
    db.info["checkpoint"] = True
    return [change.item_id for change in changes]
