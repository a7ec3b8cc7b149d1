"""Stored side of the facilitator's care and the players' privacy: marking a participant
removed (their token stops working, their name goes if asked), deleting a session, and
deleting initiatives, with all their sessions, once the retention period has passed since
their last activity. The use cases are in
samenspel/services/."""

from __future__ import annotations

import secrets

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from samenspel.engine.actions import is_id
from samenspel.engine.errors import Rejected
from samenspel.store import forget
from samenspel.store.clock import now_ms
from samenspel.store.models import ActionRow, GameSession, Initiative, Participant
from samenspel.store.secrets import token_hash

DAY_MS = 24 * 3600 * 1000


def participant_in(db: Session, session: GameSession, participant_id) -> Participant:
    """A current participant of this session, or not_found."""
    participant = db.get(Participant, participant_id) if is_id(participant_id) else None
    if participant is None or participant.session_id != session.id or participant.removed_ms is not None:
        raise Rejected("not_found", "no such participant in this session")
    return participant


def mark_removed(db: Session, participant: Participant, *, at_ms: int) -> None:
    """The participant is out: their token and their owner's link stop working. Forgetting
    their name too is store/forget.py's (services/forgetting.py)."""
    participant.removed_ms = at_ms
    participant.token_hash = token_hash(secrets.token_urlsafe(24))  # the old token no longer works
    forget.revoke_links(db, [participant.id], at_ms)  # their own link to their steps (services/owners.py)


def delete_session(db: Session, session: GameSession) -> None:
    """The session and everything of it (cascading foreign keys); an initiative left without
    sessions goes too (nothing of it would be reachable: its page opens with a session's key)."""
    initiative_id = session.initiative_id
    db.delete(session)
    db.flush()
    others = select(GameSession.id).where(GameSession.initiative_id == initiative_id).limit(1)
    if initiative_id is not None and db.scalar(others) is None:
        db.execute(delete(Initiative).where(Initiative.id == initiative_id))
    db.info["checkpoint"] = True  # nothing deleted stays readable in SQLite's -wal file


def last_activity(db: Session) -> dict[int, int]:
    """Each initiative's last activity: the latest of its own mark (a session made, a step's
    status changed by an owner's link or on the initiative page: store/initiatives.py
    ``touch``) and, for every one of its sessions, when it was made, when it ended and its
    last logged action. An initiative without sessions has only its mark."""
    last_action = (
        select(ActionRow.at_ms)
        .where(ActionRow.session_id == GameSession.id)
        .order_by(ActionRow.id.desc())
        .limit(1)
        .correlate(GameSession)
        .scalar_subquery()
    )
    latest = {row[0]: row[1] for row in db.execute(select(Initiative.id, Initiative.last_activity_ms))}
    rows = db.execute(
        select(GameSession.initiative_id, GameSession.created_ms, GameSession.ended_ms, last_action).where(
            GameSession.initiative_id.is_not(None)
        )
    )
    for initiative_id, *moments in rows:
        latest[initiative_id] = max(latest.get(initiative_id, 0), *(m for m in moments if m is not None))
    return latest


def purge_expired(db: Session, *, older_than_days: int, now: int | None = None) -> list[str]:
    """Retention: delete every initiative whose last activity (``last_activity``) is longer
    ago than the retention period, with all its sessions, their participants, items, logs
    and owners' links (cascading foreign keys); an initiative's sessions stay as long as it
    is active, however old each is. Returns the deleted sessions' codes."""
    cutoff = (now or now_ms()) - older_than_days * DAY_MS
    expired = [initiative_id for initiative_id, at in last_activity(db).items() if at < cutoff]
    codes = list(db.scalars(select(GameSession.code).where(GameSession.initiative_id.in_(expired))))
    # a session of no initiative (none since migration 0011): its own dates count
    loose = select(GameSession.id, GameSession.code).where(
        GameSession.initiative_id.is_(None),
        or_(GameSession.ended_ms < cutoff, (GameSession.ended_ms.is_(None)) & (GameSession.created_ms < cutoff)),
    )
    loose_ids = []
    for session_id, code in db.execute(loose):
        loose_ids.append(session_id)
        codes.append(code)
    if loose_ids:
        db.execute(delete(GameSession).where(GameSession.id.in_(loose_ids)))
    if expired:
        db.execute(delete(GameSession).where(GameSession.initiative_id.in_(expired)))
        db.execute(delete(Initiative).where(Initiative.id.in_(expired)))
    if codes or expired:
        db.info["checkpoint"] = True
    return codes
