"""The games this instance offers, loaded once at start-up from the rules folder."""
from __future__ import annotations

import logging

from flask import Flask, current_app

from samenspel.engine.errors import Rejected
from samenspel.rules.loader import Catalogue, load_catalogue
from samenspel.rules.model import Game

log = logging.getLogger(__name__)


def init_app(app: Flask) -> Catalogue:
    catalogue = load_catalogue(app.config["GAME_RULES_PATH"])
    for path, problems in catalogue.refused:
        log.warning("game %s is not offered: it does not validate", path)
        for problem in problems:
            log.warning("  %s", problem)
    app.extensions["samenspel.catalogue"] = catalogue
    return catalogue


def get_catalogue() -> Catalogue:
    return current_app.extensions["samenspel.catalogue"]


def game_for(session) -> Game:
    game = get_catalogue().games.get(session.game_id)
    if game is None:
        raise Rejected("server_error", f"game {session.game_id!r} is no longer offered")
    return game
