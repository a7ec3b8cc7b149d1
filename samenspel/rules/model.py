"""The in-memory shape of a game: what a validated rules file becomes.

Everything here is immutable and free of I/O so the engine can share one loaded game
between sessions and threads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

#: The languages of every text in a game, of the app and of the plan; the first is the default.
#: The one list of languages: everything else (Flask-Babel, exports, the rules schema) uses it.
LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = LANGUAGES[0]
#: How messages to game authors name each language.
LANGUAGE_NAMES = {"nl": "Dutch", "en": "English"}
#: where a round is played in a session at tables; the last is the default
SCOPES: tuple[str, ...] = ("table", "plenary")


@dataclass(frozen=True)
class Text:
    """A bilingual text; Dutch is the default and the fallback."""

    nl: str
    en: str = ""

    def get(self, lang: str | None) -> str:
        if lang in LANGUAGES and lang != DEFAULT_LANGUAGE and getattr(self, lang, ""):
            return getattr(self, lang)
        return self.nl

    def as_dict(self) -> dict[str, str]:
        return {"nl": self.nl, "en": self.en}


@dataclass(frozen=True)
class Role:
    id: str
    name: Text
    colour: str
    perspective: Text
    description: Text
    min_players: int | None = None
    max_players: int | None = None


@dataclass(frozen=True)
class Round:
    id: str
    title: Text
    prompt: Text
    notes: Text
    minutes: int
    mechanic: str
    settings: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    plan_section: str | None = None
    #: ``table``: played at each table when the session plays at tables; ``plenary``: by the
    #: whole hall (the default). Without tables every round is played by the whole hall.
    scope: str = SCOPES[-1]


@dataclass(frozen=True)
class PlanSection:
    id: str
    heading: Text


@dataclass(frozen=True)
class Game:
    id: str
    version: str
    title: Text
    summary: Text
    minutes: int
    players_min: int
    players_max: int
    roles: tuple[Role, ...]
    rounds: tuple[Round, ...]
    plan_sections: tuple[PlanSection, ...] = ()
    source: str = ""
    #: the rules file's text this game was built from: a session stores it, so editing or
    #: deleting the file later never changes a session that was created with it
    text: str = field(default="", repr=False, compare=False)

    def role(self, role_id: str) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def round(self, round_id: str) -> Round | None:
        return next((r for r in self.rounds if r.id == round_id), None)

    def round_index(self, round_id: str) -> int:
        for index, rnd in enumerate(self.rounds):
            if rnd.id == round_id:
                return index
        raise KeyError(round_id)
