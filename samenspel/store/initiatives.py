"""Initiatives: creating one with its first session's title, question and place, finding
the sessions of one, and opening one with a facilitator key.

An initiative has no key of its own: the facilitator key of any of its sessions opens it
(the initiative page, a follow-up session). Whoever facilitated an evening of the
initiative may look after its action path; a follow-up session is made only by someone
holding the key of an earlier one, so the keys of one initiative all come from people the
first facilitator handed the work to.

The initiative's calendar feed (``/i/<id>/calendar/<token>.ics``) has a token of its own:
like an owner's link (store/owner_links.py) it is derived from the server's secret key and a
random salt, so the initiative page can show the address again while the database holds
only the salt and the token's hash. A new salt makes a new token (the old address stops
working); no salt, no feed."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from samenspel.engine.flow import Status
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


def open_session_since(db: Session, initiative_id: int, session_id: int) -> GameSession | None:
    """The initiative's latest session, from ``session_id`` on, that has not ended: the one
    an owner of steps can join now (services/continuing.py)."""
    return db.scalar(
        select(GameSession)
        .where(
            GameSession.initiative_id == initiative_id,
            GameSession.id >= session_id,
            GameSession.status != Status.ENDED.value,
        )
        .order_by(GameSession.id.desc())
        .limit(1)
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


#: the length of a calendar feed's token (anything else is refused unread)
FEED_TOKEN_LENGTH = 32


def feed_token(initiative: Initiative, secret: str) -> str | None:
    """The token of the initiative's calendar feed, None while it has none."""
    if not initiative.calendar_salt:
        return None
    mac = hmac.new(secret.encode(), f"calendar-feed:{initiative.calendar_salt}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")[:FEED_TOKEN_LENGTH]


def new_feed_token(db: Session, initiative: Initiative, secret: str) -> str:
    """A new token for the feed (the one before, if any, stops working)."""
    initiative.calendar_salt = secrets.token_hex(16)
    token = feed_token(initiative, secret)
    initiative.calendar_token_hash = token_hash(token)
    db.flush()
    return token


def stop_feed(db: Session, initiative: Initiative) -> None:
    initiative.calendar_salt = initiative.calendar_token_hash = None
    db.flush()


def by_feed_token(db: Session, initiative_id, token) -> Initiative | None:
    """The initiative whose feed has this token (and this id: a token opens one initiative)."""
    if not isinstance(token, str) or len(token) != FEED_TOKEN_LENGTH:
        return None
    found = db.scalar(select(Initiative).where(Initiative.calendar_token_hash == token_hash(token)))
    return found if found is not None and found.id == initiative_id else None
