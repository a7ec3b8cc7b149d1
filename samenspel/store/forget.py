"""Forgetting a participant's name in the database: in their items and in the logged
payloads (samenspel/engine/forget.py decides what changes), then a WAL checkpoint so the old
pages do not stay readable in SQLite's ``-wal`` file (samenspel/store/db.py). The same for
each later session of their initiative, where the name travelled with the steps carried
over (``later_sessions``; services/housekeeping.py ``forget_later`` logs the claim rule
there)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from samenspel.engine.forget import forget, scrub
from samenspel.engine.state import SessionState, Update
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
    return redact(db, session, forget(state, participant.id, name), name)


def redact(db: Session, session: GameSession, changes: list[Update], name: str) -> list[int]:
    """Write the item ``changes`` (a redaction: ``updated_ms`` stays) and scrub ``name`` from
    every logged payload of the session; the ids of the items that changed."""
    for change in changes:
        db.get(ItemRow, change.item_id).data = dict(change.data)
    for row in db.scalars(select(ActionRow).where(ActionRow.session_id == session.id)):
        scrubbed = scrub(row.payload, name)
        if scrubbed is not row.payload:
            row.payload = scrubbed
    db.flush()
    db.info["checkpoint"] = True
    return [change.item_id for change in changes]


def later_sessions(db: Session, session: GameSession) -> list[GameSession]:
    """The sessions of ``session``'s initiative made after it (oldest first): where its
    steps, and the names on them, were carried to."""
    if session.initiative_id is None:
        return []
    return list(
        db.scalars(
            select(GameSession)
            .where(GameSession.initiative_id == session.initiative_id, GameSession.id > session.id)
            .order_by(GameSession.id)
        )
    )
