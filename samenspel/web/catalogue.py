"""The games this instance offers, loaded once at start-up from the rules folder."""
from __future__ import annotations

import logging

from flask import Flask, current_app

from sqlalchemy.orm import object_session

from samenspel.rules.loader import Catalogue, load_catalogue
from samenspel.rules.model import Game
from samenspel.store.db import database
from samenspel.store.rulebook import adopt_sessions, game_of

log = logging.getLogger(__name__)


def init_app(app: Flask) -> Catalogue:
    catalogue = load_catalogue(app.config["GAME_RULES_PATH"])
    for path, problems in catalogue.refused:
        log.warning("game %s is not offered: it does not validate", path)
        for problem in problems:
            log.warning("  %s", problem)
    app.extensions["samenspel.catalogue"] = catalogue
    with app.app_context(), database().unit_of_work() as db:
        adopted = adopt_sessions(db, catalogue)
    if adopted:
        log.info("%d earlier sessions now keep a copy of their rules", adopted)
    return catalogue


def get_catalogue() -> Catalogue:
    return current_app.extensions["samenspel.catalogue"]


def game_for(session) -> Game:
    """The game a session plays by: the copy it was created with, not today's file."""
    return game_of(object_session(session), session)
