"""Who is behind a socket: resolved once at connect from the handshake's ``auth``, kept in
the connection's WSGI environ (it lives exactly as long as the socket), and re-checked
against the database on every event. Payload fields never name an actor."""
from __future__ import annotations

from dataclasses import dataclass

from flask import request
from sqlalchemy.orm import Session

from samenspel.engine.errors import Rejected
from samenspel.engine.state import Player
from samenspel.engine.views import FACILITATOR, PARTICIPANT, VIEWER, Viewer
from samenspel.i18n import LANGUAGES
from samenspel.store.models import GameSession, Participant
from samenspel.store.participants import as_player, by_token
from samenspel.store.sessions import facilitator_key_ok, find_by_code


@dataclass(frozen=True)
class Actor:
    session: GameSession
    viewer: Viewer
    lang: str

    @property
    def player(self) -> Player | None:
        return self.viewer.player


def language_of(auth) -> str:
    lang = auth.get("lang") if isinstance(auth, dict) else None
    return lang if lang in LANGUAGES else LANGUAGES[0]


def identify(db: Session, auth) -> Actor:
    """Resolve a handshake's auth object to an actor, or raise Rejected."""
    if not isinstance(auth, dict) or not isinstance(auth.get("code"), str):
        raise Rejected("bad_auth", "auth must be an object with a code")
    session = find_by_code(db, auth["code"])
    if session is None:
        raise Rejected("unknown_session")
    lang = language_of(auth)
    if "token" in auth:
        participant = by_token(db, session, auth["token"])
        if participant is None:
            raise Rejected("unknown_participant")
        return Actor(session, Viewer(PARTICIPANT, as_player(participant)), lang)
    if "key" in auth:
        if not facilitator_key_ok(session, auth["key"]):
            raise Rejected("bad_key")
        return Actor(session, Viewer(FACILITATOR), lang)
    return Actor(session, Viewer(VIEWER), lang)


ENVIRON_KEY = "samenspel.actor"


def remember(actor: Actor) -> None:
    request.environ[ENVIRON_KEY] = ({
        "session_id": actor.session.id, "kind": actor.viewer.kind, "lang": actor.lang,
        "participant_id": actor.player.id if actor.player else None,
    })


def current(db: Session) -> Actor:
    """The actor of the current socket event, freshly loaded (a removed player is refused)."""
    saved = request.environ.get(ENVIRON_KEY)
    session = db.get(GameSession, saved.get("session_id")) if saved else None
    if session is None:
        raise Rejected("unknown_session")
    if saved["kind"] == PARTICIPANT:
        participant = db.get(Participant, saved["participant_id"])
        if participant is None or participant.session_id != session.id or participant.removed_ms is not None:
            raise Rejected("unknown_participant")
        return Actor(session, Viewer(PARTICIPANT, as_player(participant)), saved["lang"])
    return Actor(session, Viewer(saved["kind"]), saved["lang"])


def saved_language() -> str | None:
    saved = request.environ.get(ENVIRON_KEY)
    return saved.get("lang") if saved else None
