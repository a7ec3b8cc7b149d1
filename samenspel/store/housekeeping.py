"""Stored side of the facilitator's care and the players' privacy: marking a participant
removed (their token stops working, their name goes if asked), deleting a session, and
deleting finished sessions after the retention period. The use cases are in
samenspel/services/."""
from __future__ import annotations

import secrets

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from samenspel.engine.errors import Rejected
from samenspel.store.clock import now_ms
from samenspel.store.models import GameSession, Participant
from samenspel.store.secrets import token_hash

DAY_MS = 24 * 3600 * 1000
NAME_REMOVED = ""


def participant_in(db: Session, session: GameSession, participant_id) -> Participant:
    """A current participant of this session, or not_found."""
    valid = isinstance(participant_id, int) and not isinstance(participant_id, bool) and 0 < participant_id < 2**63
    participant = db.get(Participant, participant_id) if valid else None
    if participant is None or participant.session_id != session.id or participant.removed_ms is not None:
        raise Rejected("not_found", "no such participant in this session")
    return participant


def mark_removed(db: Session, participant: Participant, *, forget_name: bool, at_ms: int) -> None:
    participant.removed_ms = at_ms
    participant.token_hash = token_hash(secrets.token_urlsafe(24))  # the old token no longer works
    if forget_name:
        participant.name = NAME_REMOVED


def delete_session(db: Session, session: GameSession) -> None:
    db.delete(session)
    db.flush()


def purge_finished(db: Session, *, older_than_days: int, now: int | None = None) -> list[str]:
    """Delete sessions that ended (or were left untouched since creation) more than the
    retention period ago; return their codes."""
    cutoff = (now or now_ms()) - older_than_days * DAY_MS
    expired = db.scalars(select(GameSession).where(or_(
        GameSession.ended_ms < cutoff,
        (GameSession.ended_ms.is_(None)) & (GameSession.created_ms < cutoff)))).all()
    codes = [s.code for s in expired]
    if expired:
        db.execute(delete(GameSession).where(GameSession.id.in_([s.id for s in expired])))
    return codes
