"""The games this instance offers, loaded once at start-up from the rules folder."""
from __future__ import annotations

import logging

from samenspel.engine.errors import Rejected
from samenspel.rules.loader import Catalogue, load_catalogue
from samenspel.rules.model import Game

log = logging.getLogger(__name__)


def load(path) -> Catalogue:
    catalogue = load_catalogue(path)
    for file, problems in catalogue.refused:
        log.warning("game %s is not offered: it does not validate", file)
        for problem in problems:
            log.warning("  %s", problem)
    return catalogue


def game_for(catalogue: Catalogue, session) -> Game:
    game = catalogue.games.get(session.game_id)
    if game is None:
        raise Rejected("server_error", f"game {session.game_id!r} is no longer offered")
    return game
