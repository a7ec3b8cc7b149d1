"""The facilitator's care for a session and the players' privacy: lock against new
joiners, remove a participant, leave (removing your name), delete a whole session, and
delete finished sessions after the retention period."""
from __future__ import annotations

import secrets

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from samenspel.engine.actions import is_id
from samenspel.engine.errors import Rejected
from samenspel.store import forget
from samenspel.store.clock import now_ms
from samenspel.store.models import GameSession, Participant
from samenspel.store.outcome import Outcome, same_for_all
from samenspel.store.secrets import token_hash
from samenspel.store.state import log_action

DAY_MS = 24 * 3600 * 1000
NAME_REMOVED = ""


def set_locked(db: Session, session: GameSession, locked) -> Outcome:
    if not isinstance(locked, bool):
        raise Rejected("bad_request", "locked must be true or false")
    session.locked = locked
    return Outcome({"ok": True, "locked": locked},
                   [same_for_all(db, session, "session", {"locked": locked, "plan_anonymous": session.plan_anonymous})])


def set_plan_anonymous(db: Session, session: GameSession, anonymous) -> Outcome:
    """Whether the shared plan (page and exports) names participants or only counts them."""
    if not isinstance(anonymous, bool):
        raise Rejected("bad_request", "anonymous must be true or false")
    session.plan_anonymous = anonymous
    return Outcome({"ok": True, "plan_anonymous": anonymous},
                   [same_for_all(db, session, "session", {"locked": session.locked, "plan_anonymous": anonymous})])


def remove_participant(db: Session, session: GameSession, participant_id, *, by: str,
                       forget_name: bool = False) -> Outcome:
    """Take a participant out of the game; their cards stay (without a name if asked)."""
    participant = db.get(Participant, participant_id) if is_id(participant_id) else None
    if participant is None or participant.session_id != session.id or participant.removed_ms is not None:
        raise Rejected("not_found", "no such participant in this session")
    now = now_ms()
    participant.removed_ms = now
    participant.token_hash = token_hash(secrets.token_urlsafe(24))  # the old token no longer works
    changed = []
    if forget_name:
        name, participant.name = participant.name, NAME_REMOVED
        changed = forget.forget_name(db, session, participant, name)
    log_action(db, session, at_ms=now, actor=by, participant_id=participant.id, event="remove",
               payload={"forget_name": forget_name})
    payload = {"participant_id": participant.id, "name_removed": forget_name}
    broadcasts = [same_for_all(db, session, "participant:removed", payload)]
    if changed:  # texts lost the name: every screen fetches a fresh snapshot
        broadcasts.append(same_for_all(db, session, "resync", {"reason": "forgotten"}))
    return Outcome({"ok": True}, broadcasts)


def delete_session(db: Session, session: GameSession, confirm_code) -> Outcome:
    """Everything of the session goes: participants, items, log (cascading foreign keys).
    The facilitator confirms by typing the session's code."""
    if confirm_code != session.code:
        raise Rejected("bad_request", "confirm by sending the session's code")
    db.delete(session)
    db.flush()
    db.info["checkpoint"] = True  # nothing deleted stays readable in SQLite's -wal file
    return Outcome({"ok": True})


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



