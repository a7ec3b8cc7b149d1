"""Initiatives: creating one with its first session's title, question and place, finding
the sessions of one, and opening one with a facilitator key.

An initiative has no key of its own: the facilitator key of any of its sessions opens it
(the initiative page, a follow-up session). Whoever facilitated an evening of the
initiative may look after its action path; a follow-up session is made only by someone
holding the key of an earlier one, so the keys of one initiative all come from people the
first facilitator handed the work to."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from samenspel.store.clock import now_ms
from samenspel.store.models import GameSession, Initiative
from samenspel.store.secrets import token_hash


def create_initiative(db: Session, *, title: str, question: str, place: str = "") -> Initiative:
    now = now_ms()
    initiative = Initiative(title=title, question=question, place=place or "", created_ms=now, last_activity_ms=now)
    db.add(initiative)
    db.flush()
    return initiative


def sessions_of(db: Session, initiative_id: int) -> list[GameSession]:
    """The initiative's sessions, oldest first."""
    return list(
        db.scalars(select(GameSession).where(GameSession.initiative_id == initiative_id).order_by(GameSession.id))
    )


def opened_by_key(db: Session, initiative_id, key) -> Initiative | None:
    """The initiative, when ``key`` is the facilitator key of one of its sessions."""
    if not isinstance(initiative_id, int) or isinstance(initiative_id, bool) or not isinstance(key, str) or not key:
        return None
    found = db.scalar(
        select(GameSession.id).where(
            GameSession.initiative_id == initiative_id, GameSession.facilitator_key_hash == token_hash(key)
        )
    )
    return db.get(Initiative, initiative_id) if found is not None else None


def touch(db: Session, initiative_id: int | None, at_ms: int | None = None) -> None:
    """Something happened in the initiative: retention counts from now."""
    if initiative_id is not None:
        db.execute(update(Initiative).where(Initiative.id == initiative_id).values(last_activity_ms=at_ms or now_ms()))


def delete_initiative(db: Session, initiative: Initiative) -> list[str]:
    """The initiative and every one of its sessions (cascading foreign keys); their codes."""
    codes = [s.code for s in sessions_of(db, initiative.id)]
    db.delete(initiative)
    db.flush()
    db.info["checkpoint"] = True  # nothing deleted stays readable in SQLite's -wal file
    return codes
