"""Who may see and do what: the socket handshake (room code + participant token or
facilitator key), finding a session by its room code for anyone on the network (guarded
against guessing), and the facilitator's key on HTTP pages.

Every failed room-code lookup from an address counts; an address over the limit is refused
for every code until the window has passed. Successful lookups do not count, so a hall full
of phones behind one public address is never locked out."""

from __future__ import annotations

from contextlib import ExitStack, contextmanager
from typing import Iterator

from samenspel.engine.errors import Rejected
from samenspel.engine.views import FACILITATOR, PARTICIPANT, VIEWER, Viewer
from samenspel.rules.model import LANGUAGES
from samenspel.services.context import Context
from samenspel.services.unit import ActorRef, Unit, writing
from samenspel.store import ratelimit
from samenspel.store.models import GameSession
from samenspel.store.participants import session_and_player
from samenspel.store.secrets import normalise_code
from samenspel.store.sessions import facilitator_key_ok, find_by_code


def language_of(auth) -> str:
    lang = auth.get("lang") if isinstance(auth, dict) else None
    return lang if lang in LANGUAGES else LANGUAGES[0]


def identify(db, auth, guard: "_Guard | None" = None) -> tuple[GameSession, Viewer]:
    """Resolve a handshake's auth object to its session and viewer, or raise Rejected
    (``too_many_attempts`` first when ``guard`` finds the address over its limit). A phone's
    query reads the address's counter with its session and participant: one statement less
    per connect."""
    phone = isinstance(auth, dict) and isinstance(auth.get("code"), str) and "token" in auth
    if guard is not None and not phone:
        guard.check(db)
    if not isinstance(auth, dict) or not isinstance(auth.get("code"), str):
        raise Rejected("bad_auth", "auth must be an object with a code")
    if phone:  # its session, its participant and the counter in one query
        found = session_and_player(db, auth["code"], auth["token"], guard.key if guard is not None else None)
        if guard is not None:
            guard.check(db, found[2] if found is not None else None)  # read on its own when not read yet
        if found is None:
            raise Rejected("unknown_session")
        session, player, _counter = found
        if player is None:
            raise Rejected("unknown_participant")
        return session, Viewer(PARTICIPANT, player)
    session = find_by_code(db, auth["code"])
    if session is None:
        raise Rejected("unknown_session")
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
    """Context manager around a socket's handshake: a wrong guess counts like a failed
    lookup over HTTP — guessing costs the same on every path. The handshake's own
    transaction calls ``check`` first (one transaction, not two: a connect's cost)."""
    return _Guard(ctx, address)


class _Guard:
    def __init__(self, ctx: Context, address: str | None):
        self.ctx, self.key = ctx, _lookup_key(address)

    def __enter__(self):
        return self

    def check(self, db, counter=None) -> None:
        """Refuse an address over the limit with ``too_many_attempts``; ``counter``: its
        ``(count, window start)`` when the handshake's query read it, else it is read here."""
        limits = _limits(self.ctx)
        over = (
            ratelimit.over_limit(counter, **limits)
            if counter is not None
            else ratelimit.blocked(db, self.key, **limits)
        )
        if over:
            raise Rejected("too_many_attempts")

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


#: at most this many room codes remembered per process (then forgotten all at once)
KNOWN_CODES = 10_000


@contextmanager
def writing_by_code(ctx: Context, code, address: str | None) -> Iterator[Unit]:
    """A write transaction on the session with this room code (a join). A code this process
    has found before goes straight to that session's transaction, where the address's limit
    is checked: one transaction instead of two. A session keeps its code for life; a deleted
    one, or a code not found here yet, is looked up by ``find_session`` (a miss counts)."""
    key = normalise_code(code) if isinstance(code, str) else ""
    with ExitStack() as stack:
        unit = _known(ctx, stack, key, address)
        if unit is None:
            session = find_session(ctx, code, address)
            if session is None:
                raise Rejected("unknown_session")
            if len(ctx.codes) >= KNOWN_CODES:
                ctx.codes.clear()
            ctx.codes[key] = session.id
            unit = stack.enter_context(writing(ctx, session.id))
        yield unit


def _known(ctx: Context, stack: ExitStack, key: str, address: str | None) -> Unit | None:
    """The writing unit of the session this process knows by ``key``, entered on ``stack``;
    None when the code is not known (or no longer names that session)."""
    session_id = ctx.codes.get(key)
    if session_id is None:
        return None
    known = ExitStack()
    try:
        unit = known.enter_context(writing(ctx, session_id))
    except Rejected as rejected:
        if rejected.code != "unknown_session":
            raise
        unit = None
    if unit is None or unit.session.code != key:
        known.close()
        ctx.codes.pop(key, None)
        return None
    if ratelimit.blocked(unit.db, _lookup_key(address), **_limits(ctx)):
        known.close()
        raise Rejected("too_many_attempts")
    stack.enter_context(known)
    return unit


def is_facilitator(session: GameSession, key) -> bool:
    return facilitator_key_ok(session, key)


__all__ = [
    "LANGUAGES",
    "find_session",
    "guarded",
    "identify",
    "is_facilitator",
    "language_of",
    "ref_of",
    "writing_by_code",
]
