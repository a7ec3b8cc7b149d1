"""Stored side of the facilitator's care and the players' privacy: marking a participant
removed (their token stops working, their name goes if asked), deleting a session, and
deleting finished sessions after the retention period. The use cases are in
samenspel/services/."""

from __future__ import annotations

import secrets

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from samenspel.engine.actions import is_id
from samenspel.engine.errors import Rejected
from samenspel.engine.state import SessionState
from samenspel.store import forget
from samenspel.store.clock import now_ms
from samenspel.store.models import GameSession, Participant
from samenspel.store.secrets import token_hash

DAY_MS = 24 * 3600 * 1000
NAME_REMOVED = ""


def participant_in(db: Session, session: GameSession, participant_id) -> Participant:
    """A current participant of this session, or not_found."""
    participant = db.get(Participant, participant_id) if is_id(participant_id) else None
    if participant is None or participant.session_id != session.id or participant.removed_ms is not None:
        raise Rejected("not_found", "no such participant in this session")
    return participant


def mark_removed(
    db: Session, session: GameSession, participant: Participant, state: SessionState, *, forget_name: bool, at_ms: int
) -> list[int]:
    """The participant is out: their token stops working; with ``forget_name`` their name
    goes from their record, every item and every logged payload (store/forget.py). Returns
    the ids of items whose text changed."""
    participant.removed_ms = at_ms
    participant.token_hash = token_hash(secrets.token_urlsafe(24))  # the old token no longer works
    if not forget_name:
        return []
    name, participant.name = participant.name, NAME_REMOVED
    return forget.forget_name(db, session, participant, name, state)


def delete_session(db: Session, session: GameSession) -> None:
    db.delete(session)
    db.flush()
    db.info["checkpoint"] = True  # nothing deleted stays readable in SQLite's -wal file


def purge_finished(db: Session, *, older_than_days: int, now: int | None = None) -> list[str]:
    """Delete sessions that ended (or were left untouched since creation) more than the
    retention period ago; return their codes."""
    cutoff = (now or now_ms()) - older_than_days * DAY_MS
    expired = db.scalars(
        select(GameSession).where(
            or_(GameSession.ended_ms < cutoff, (GameSession.ended_ms.is_(None)) & (GameSession.created_ms < cutoff))
        )
    ).all()
    codes = [s.code for s in expired]
    if expired:
        db.execute(delete(GameSession).where(GameSession.id.in_([s.id for s in expired])))
    return codes
