"""The games this instance offers (loaded once at start-up from the rules folder), and the
game a session plays by: the copy of its rules it was created with (store/rulebook.py), not
today's file."""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from samenspel.rules.loader import Catalogue, load_catalogue
from samenspel.rules.model import Game
from samenspel.store.db import Database
from samenspel.store.rulebook import adopt_sessions, game_of

log = logging.getLogger(__name__)


def load(path) -> Catalogue:
    catalogue = load_catalogue(path)
    for file, problems in catalogue.refused:
        log.warning("game %s is not offered: it does not validate", file)
        for problem in problems:
            log.warning("  %s", problem)
    return catalogue


def adopt(database: Database, catalogue: Catalogue) -> None:
    """Give sessions from before rules copies were kept the copy of their game (at start-up)."""
    with database.unit_of_work() as db:
        adopted = adopt_sessions(db, catalogue)
    if adopted:
        log.info("%d earlier sessions now keep a copy of their rules", adopted)


def game_for(db: Session, session) -> Game:
    """The game a session plays by: the copy it was created with."""
    return game_of(db, session)
