"""The rules a session plays by: a copy of the rules file kept in the database.

A session is created with the game as the catalogue offers it at that moment; its text is
stored once per content (sha256) and the session points at it. Every later look-up (play,
replay, exports) builds the game from that copy, so editing or deleting a file in
``game_rules/`` never changes a running or finished session.

Parsed games are cached by content hash: a cache of immutable, content-addressed data, not
game state (the same hash always parses to the same game).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from samenspel.engine.errors import Rejected
from samenspel.rules.loader import Catalogue, parse_game
from samenspel.rules.model import Game
from samenspel.rules.problems import RulesError
from samenspel.store.clock import now_ms
from samenspel.store.models import GameSession, RuleSet


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def keep_rules(db: Session, game: Game) -> str:
    """Store the game's rules text (once per content); return its hash."""
    if not game.text:
        raise ValueError(f"game {game.id!r} was not loaded from text; it cannot be kept")
    digest = content_hash(game.text)
    if db.get(RuleSet, digest) is None:
        try:
            with db.begin_nested():  # another process may store the same copy at this moment
                db.add(RuleSet(hash=digest, game_id=game.id, text=game.text, created_ms=now_ms()))
        except IntegrityError:
            pass
    return digest


#: parsed games by content hash (bounded; an evicted game is parsed again from its copy)
_GAMES: OrderedDict[str, Game] = OrderedDict()
_CACHE_SIZE = 64


def game_of(db: Session, session: GameSession) -> Game:
    """The game a session plays by: its stored copy."""
    digest = session.rules_hash
    if digest is None:
        raise Rejected("server_error", f"session {session.code} has no copy of its rules")
    game = _GAMES.get(digest)
    if game is None:
        text = db.scalar(select(RuleSet.text).where(RuleSet.hash == digest))
        if text is None:
            raise Rejected("server_error", f"the rules of session {session.code} are missing")
        game = _GAMES[digest] = _parse(digest, text)
        while len(_GAMES) > _CACHE_SIZE:
            _GAMES.popitem(last=False)
    return game


def _parse(digest: str, text: str) -> Game:
    try:
        return parse_game(text, file=f"stored rules {digest[:12]}")
    except RulesError as error:
        # a copy that validated when it was stored fails today's checks: a code change broke
        # backwards compatibility of rules files; say so instead of guessing
        raise Rejected("server_error", f"stored rules {digest[:12]} no longer validate: {error}") from None


def adopt_sessions(db: Session, catalogue: Catalogue) -> int:
    """Give sessions created before copies were kept the copy of their game as offered now
    (run once at start-up); return how many were adopted."""
    adopted = 0
    for session in db.scalars(select(GameSession).where(GameSession.rules_hash.is_(None))):
        game = catalogue.get(session.game_id)
        if game is not None and game.text:
            session.rules_hash = keep_rules(db, game)
            adopted += 1
    db.flush()
    return adopted
