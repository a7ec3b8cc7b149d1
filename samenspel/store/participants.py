"""Joining a session and finding a participant again by their secret token."""

from __future__ import annotations

from sqlalchemy import and_, bindparam, insert, select, update
from sqlalchemy.orm import Session

from samenspel.engine.actions import is_id
from samenspel.engine.errors import Rejected
from samenspel.engine.flow import Status
from samenspel.engine.seats import check_seat
from samenspel.engine.state import Player
from samenspel.engine.text import clean_name
from samenspel.rules.model import Game
from samenspel.store.clock import now_ms
from samenspel.store.models import GameSession, Participant, RateCounter
from samenspel.store.secrets import new_token, normalise_code, token_hash
from samenspel.store.sessions import find_by_code

# A join's row goes in as one Core statement built once (as the write path's, store/state.py):
# no ORM unit of work, identity map or flush for the new id (a hall joins by the hundred).
_INSERT = insert(Participant.__table__)
_PLAYER = (Participant.id, Participant.name, Participant.role, Participant.proxy, Participant.table)
# A phone's handshake, built once too (every connect runs it; building it cost about as much
# as running it), with the address's rate-limit counter read in the same statement.
_COUNTER = RateCounter.__table__
_HANDSHAKE = (
    select(GameSession, *_PLAYER, _COUNTER.c.count, _COUNTER.c.window_start_ms)
    .outerjoin(
        Participant,
        and_(
            Participant.session_id == GameSession.id,
            Participant.token_hash == bindparam("token_hash"),
            Participant.removed_ms.is_(None),
        ),
    )
    .outerjoin(_COUNTER, _COUNTER.c.key == bindparam("counter"))
    .where(GameSession.code == bindparam("code"))
)


def join(
    db: Session,
    session: GameSession,
    game: Game,
    *,
    name,
    role,
    max_participants: int,
    proxy: bool = False,
    taken: list[str] | None = None,
) -> tuple[Player, str]:
    """Add a participant; return them as a player and their secret token (shown once,
    stored hashed). ``taken``: the roles of the active participants, when the caller has them."""
    if session.status == Status.ENDED.value:
        raise Rejected("session_ended", "the game has ended")
    if session.locked:
        raise Rejected("session_locked", "the facilitator has locked the session")
    clean = clean_name(name)
    check_seat(game, roles_taken(db, session) if taken is None else taken, role, max_participants)
    token = new_token()
    row = {
        "session_id": session.id,
        "name": clean,
        "role": role,
        "proxy": proxy,
        "token_hash": token_hash(token),
        "created_ms": now_ms(),
        "removed_ms": None,
        "table": None,
    }
    participant_id = db.connection().execute(_INSERT, row).inserted_primary_key[0]
    return Player(participant_id, clean, role, proxy, None), token


def roles_taken(db: Session, session: GameSession) -> list[str]:
    """The role of every active participant: what the seat rules count."""
    return list(
        db.scalars(
            select(Participant.role).where(Participant.session_id == session.id, Participant.removed_ms.is_(None))
        )
    )


def session_and_player(db: Session, code: str, token, counter: str | None = None):
    """A phone's handshake in one query: the session with this room code, its active
    participant with this token (None when no such participant) and the rate-limit counter
    named ``counter`` as ``(count, window start)`` (``(None, None)`` without one; None when
    the query did not read it). None without the session."""
    if not isinstance(token, str) or not token:
        return None if (session := find_by_code(db, code)) is None else (session, None, None)
    row = db.execute(
        _HANDSHAKE, {"token_hash": token_hash(token), "code": normalise_code(code or ""), "counter": counter}
    ).first()
    if row is None:
        return None
    session, id_, name, role, proxy, table, count, window_start_ms = row
    return session, None if id_ is None else Player(id_, name, role, bool(proxy), table), (count, window_start_ms)


def players_of(db: Session, session: GameSession, *, include_removed: bool = False) -> list[Player]:
    query = select(Participant).where(Participant.session_id == session.id)
    if not include_removed:
        query = query.where(Participant.removed_ms.is_(None))
    return [as_player(p) for p in db.scalars(query.order_by(Participant.id))]


def as_player(participant: Participant) -> Player:
    return Player(participant.id, participant.name, participant.role, bool(participant.proxy), participant.table)


def proxy_of(db: Session, session: GameSession, participant_id) -> Participant:
    """A participant the facilitator added and types for; nobody else can be spoken for."""
    participant = db.get(Participant, participant_id) if is_id(participant_id) else None
    if (
        participant is None
        or participant.session_id != session.id
        or not participant.proxy
        or participant.removed_ms is not None
    ):
        raise Rejected("not_allowed", "the facilitator can only type for participants they added")
    return participant


def record_continuing(db: Session, participant_id: int, earlier_id: int) -> None:
    """``participant_id`` continues ``earlier_id``, a participant of an earlier session of
    the initiative: they joined through that person's owner's link (services/continuing.py)."""
    db.execute(update(Participant).where(Participant.id == participant_id).values(continues_id=earlier_id))


def renew_token(participant: Participant) -> str:
    """A new secret token for the participant (their owner's link lets them in again on
    another phone); the one before stops working. Shown once, stored hashed."""
    token = new_token()
    participant.token_hash = token_hash(token)
    return token
