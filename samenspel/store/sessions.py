"""Creating and finding play sessions."""

from __future__ import annotations

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from samenspel.engine.flow import Flow, Status
from samenspel.rules.model import Game
from samenspel.store.clock import now_ms
from samenspel.store.initiatives import create_initiative, touch
from samenspel.store.models import GameSession
from samenspel.store.rulebook import keep_rules
from samenspel.store.secrets import new_code, new_token, normalise_code, token_hash, token_matches


def create_session(
    db: Session, *, game: Game, title: str, question: str, place: str = "", initiative_id: int | None = None
) -> tuple[GameSession, str]:
    """Create a session in the lobby, in the initiative ``initiative_id`` (a follow-up) or
    a new one of its own; return it and the facilitator's secret key."""
    if initiative_id is None:
        initiative_id = create_initiative(db, title=title, question=question, place=place).id
    else:
        touch(db, initiative_id)
    key = new_token()
    code = new_code()
    while db.scalar(select(GameSession.id).where(GameSession.code == code)) is not None:
        code = new_code()
    session = GameSession(
        code=code,
        initiative_id=initiative_id,
        game_id=game.id,
        rules_hash=keep_rules(db, game),
        title=title,
        question=question,
        place=place or "",
        facilitator_key_hash=token_hash(key),
        status=Status.LOBBY.value,
        locked=False,
        seq=0,
        created_ms=now_ms(),
    )
    db.add(session)
    db.flush()
    return session, key


def find_by_code(db: Session, code: str) -> GameSession | None:
    return db.scalar(select(GameSession).where(GameSession.code == normalise_code(code or "")))


def facilitator_key_ok(session: GameSession, key) -> bool:
    return isinstance(key, str) and bool(key) and token_matches(key, session.facilitator_key_hash)


def flow_of(session: GameSession) -> Flow:
    return Flow(Status(session.status), session.round_index, session.deadline_ms, session.remaining_ms)


def store_flow(session: GameSession, flow: Flow) -> None:
    session.status = flow.status.value
    session.round_index = flow.round_index
    session.deadline_ms = flow.deadline_ms
    session.remaining_ms = flow.remaining_ms
    if flow.status is Status.ENDED and session.ended_ms is None:
        session.ended_ms = now_ms()
    elif flow.status is not Status.ENDED:
        session.ended_ms = None


_sessions = GameSession.__table__
_STORE_SEQ = update(_sessions).where(_sessions.c.id == bindparam("session"))


def take_seq(session: GameSession, audience_seq: dict[str, int] | None = None) -> int:
    """The session's next broadcast sequence number, taken in the row this transaction holds
    locked (services/unit.py), and which ``seq`` each audience was sent last once it is
    (services/outcome.py); ``store_seq`` writes them before the commit, one statement
    however many were taken, without the ORM's flush of the whole row."""
    seq = (session.seq or 0) + 1
    set_committed_value(session, "seq", seq)
    if audience_seq is not None:
        set_committed_value(session, "audience_seq", audience_seq)
    return seq


def store_seq(db: Session, session: GameSession) -> None:
    db.connection().execute(
        _STORE_SEQ, {"session": session.id, "seq": session.seq, "audience_seq": session.audience_seq}
    )


def next_seq(db: Session, session: GameSession) -> int:
    """Atomically take the session's next broadcast sequence number (safe across processes)."""
    seq = db.execute(
        update(GameSession)
        .where(GameSession.id == session.id)
        .values(seq=GameSession.seq + 1)
        .returning(GameSession.seq)
    ).scalar_one()
    session.seq = seq
    return seq
