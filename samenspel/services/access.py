"""Who may see and do what: the socket handshake (room code + participant token or
facilitator key), finding a session by its room code for anyone on the network (guarded
against guessing), and the facilitator's key on HTTP pages.

Every failed room-code lookup from an address counts; an address over the limit is refused
for every code until the window has passed. Successful lookups do not count, so a hall full
of phones behind one public address is never locked out."""

from __future__ import annotations

from samenspel.engine.errors import Rejected
from samenspel.engine.views import FACILITATOR, PARTICIPANT, VIEWER, Viewer
from samenspel.rules.model import LANGUAGES
from samenspel.services.context import Context
from samenspel.services.unit import ActorRef
from samenspel.store import ratelimit
from samenspel.store.models import GameSession
from samenspel.store.participants import as_player, by_token
from samenspel.store.sessions import facilitator_key_ok, find_by_code


def language_of(auth) -> str:
    lang = auth.get("lang") if isinstance(auth, dict) else None
    return lang if lang in LANGUAGES else LANGUAGES[0]


def identify(db, auth) -> tuple[GameSession, Viewer]:
    """Resolve a handshake's auth object to its session and viewer, or raise Rejected."""
    if not isinstance(auth, dict) or not isinstance(auth.get("code"), str):
        raise Rejected("bad_auth", "auth must be an object with a code")
    session = find_by_code(db, auth["code"])
    if session is None:
        raise Rejected("unknown_session")
    if "token" in auth:
        participant = by_token(db, session, auth["token"])
        if participant is None:
            raise Rejected("unknown_participant")
        return session, Viewer(PARTICIPANT, as_player(participant))
    if "key" in auth:
        if not facilitator_key_ok(session, auth["key"]):
            raise Rejected("bad_key")
        return session, Viewer(FACILITATOR)
    return session, Viewer(VIEWER)


def ref_of(session: GameSession, viewer: Viewer, lang: str) -> ActorRef:
    return ActorRef(session.id, viewer.kind, viewer.player.id if viewer.player else None, lang)


def _lookup_key(address: str | None) -> str:
    return f"lookup-fail:{address}"


def _limits(ctx: Context) -> dict:
    return {"limit": ctx.config["JOIN_ATTEMPTS_PER_WINDOW"], "window_seconds": ctx.config["JOIN_WINDOW_SECONDS"]}


#: refusals of a handshake that are a wrong guess (code, participant token, facilitator key)
GUESSES = frozenset({"unknown_session", "unknown_participant", "bad_key"})


def guarded(ctx: Context, address: str | None):
    """Context manager around a socket's handshake: an address over the limit is refused
    with ``too_many_attempts``, and a wrong guess counts like a failed lookup over HTTP —
    guessing costs the same on every path."""
    return _Guard(ctx, address)


class _Guard:
    def __init__(self, ctx: Context, address: str | None):
        self.ctx, self.key = ctx, _lookup_key(address)

    def __enter__(self):
        with self.ctx.database.unit_of_work(write=False) as db:
            if ratelimit.blocked(db, self.key, **_limits(self.ctx)):
                raise Rejected("too_many_attempts")
        return self

    def __exit__(self, kind, error, _traceback):
        if isinstance(error, Rejected) and error.code in GUESSES:
            with self.ctx.database.unit_of_work() as db:
                ratelimit.allow(db, self.key, **_limits(self.ctx))
        return False


def find_session(ctx: Context, code, address: str | None) -> GameSession | None:
    """The session with this room code, counting a miss against ``address``; raises
    Rejected("too_many_attempts") for an address over the limit."""
    limits = _limits(ctx)
    key = _lookup_key(address)
    with ctx.database.unit_of_work() as db:
        if ratelimit.blocked(db, key, **limits):
            raise Rejected("too_many_attempts")
        session = find_by_code(db, code if isinstance(code, str) else "")
        if session is None:
            ratelimit.allow(db, key, **limits)
        return session


def is_facilitator(session: GameSession, key) -> bool:
    return facilitator_key_ok(session, key)


__all__ = ["LANGUAGES", "find_session", "guarded", "identify", "is_facilitator", "language_of", "ref_of"]
