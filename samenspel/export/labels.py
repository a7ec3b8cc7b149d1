"""The fixed words of the plan document, in each language, and how numbers and dates are
written. Exports also run outside a request (the CLI), so these are plain dicts, not
Flask-Babel messages; the texts of a game come from its rules file.

Here are the words of the document's frame (cover, summary, follow-up); each block type
brings its own words (``export/blocks/<type>.py``), merged in by ``labels``.
"""

from __future__ import annotations

from functools import lru_cache
from types import MappingProxyType
from typing import Any, Mapping

from samenspel.export.blocks import RENDERERS
from samenspel.export.formatting import decimal, long_date, number, short_date
from samenspel.rules.model import DEFAULT_LANGUAGE, LANGUAGES

LABELS: Mapping[str, Mapping[str, str]] = {
    "nl": {
        "plan": "Actieplan",
        "draft": "Concept",
        "draft_note": "Dit is een concept: het spel is nog bezig en het plan kan nog veranderen.",
        "final": "Definitief",
        "question": "Vraag",
        "place": "Plaats",
        "date": "Datum",
        "game": "Spel",
        "code": "Sessiecode",
        "generated": "Gemaakt op",
        "participants": "Deelnemers",
        "participants_anonymous": "Namen zijn weggelaten; per rol staat het aantal deelnemers.",
        "total": "Totaal",
        "in_short": "In het kort",
        "contents": "Inhoud",
        "prompt": "Vraag in deze ronde",
        "not_played": "Deze ronde is nog niet gespeeld.",
        "in_progress": "Deze ronde is nu bezig.",
        "nothing": "Er is niets ingevuld.",
        "other": "Overig",
        "chosen": "Gekozen",
        "idea": "Idee",
        "follow_up": "Vervolg",
        "next_steps": "Eerstvolgende stappen",
        "without_owner": "Stappen zonder trekker",
        "without_date": "Stappen zonder datum",
        "all_set": "Elke stap heeft een trekker en een datum.",
        "made_with": "Gemaakt met Samenspel",
        "page": "Pagina",
        "of": "van",
        "downloads": "Downloaden",
        "language": "Taal",
        "author": "Door",
        "role": "Rol",
        "text": "Tekst",
        "category": "Categorie",
        "status": "Status",
        "yes": "ja",
        "no": "nee",
        "in_short_participants": "{participants} deelnemers",
        "tables": "Tafels",
        "tables_note": "Er is aan tafels gespeeld. Per tafel: wie er zat, welke ideeën de tafel koos en wat "
        "de tafel schreef. De gekozen ideeën van alle tafels samen gingen naar de zaal. Daarmee maakte de zaal "
        "het actiepad.",
        "table": "Tafel",
        "table_chosen": "Gekozen aan deze tafel (naar de zaal)",
        "table_chosen_short": "Gekozen aan tafel",
        "at_tables_see": "Dit deden de tafels apart. Wat elke tafel schreef, staat hierboven bij Tafels.",
        "from_table": "uit {table}",
        "round": "Ronde",
        "names": "Namen",
    },
    "en": {
        "plan": "Action plan",
        "draft": "Draft",
        "draft_note": "This is a draft: the game is still going on and the plan may still change.",
        "final": "Final",
        "question": "Question",
        "place": "Place",
        "date": "Date",
        "game": "Game",
        "code": "Session code",
        "generated": "Generated on",
        "participants": "Participants",
        "participants_anonymous": "Names are left out; the number of participants is given per role.",
        "total": "Total",
        "in_short": "In short",
        "contents": "Contents",
        "prompt": "Question in this round",
        "not_played": "This round has not been played yet.",
        "in_progress": "This round is in progress.",
        "nothing": "Nothing was filled in.",
        "other": "Other",
        "chosen": "Chosen",
        "idea": "Idea",
        "follow_up": "Follow-up",
        "next_steps": "Next steps",
        "without_owner": "Steps without an owner",
        "without_date": "Steps without a date",
        "all_set": "Every step has an owner and a date.",
        "made_with": "Made with Samenspel",
        "page": "Page",
        "of": "of",
        "downloads": "Download",
        "language": "Language",
        "author": "By",
        "role": "Role",
        "text": "Text",
        "category": "Category",
        "status": "Status",
        "yes": "yes",
        "no": "no",
        "in_short_participants": "{participants} participants",
        "tables": "Tables",
        "tables_note": "The game was played at tables. Per table: who sat there, which ideas the table chose "
        "and what the table wrote. The chosen ideas of all tables together went to the hall. With them the hall "
        "made the action path.",
        "table": "Table",
        "table_chosen": "Chosen at this table (to the hall)",
        "table_chosen_short": "Chosen at the table",
        "at_tables_see": "The tables did this separately. What each table wrote is above, under Tables.",
        "from_table": "from {table}",
        "round": "Round",
        "names": "Names",
    },
}

#: File name words (ASCII, lower case) per language.
FILE_WORDS = {"nl": {"plan": "actieplan", "draft": "concept"}, "en": {"plan": "action-plan", "draft": "draft"}}


@lru_cache(maxsize=None)
def _merged(lang: str) -> Mapping[str, str]:
    words = dict(LABELS[lang])
    for renderer in RENDERERS.values():
        for key, text in renderer.labels.get(lang, {}).items():
            if words.setdefault(key, text) != text:
                raise ValueError(f"label {key!r} of block {renderer.type!r} differs from one already defined")
    return MappingProxyType(words)


def labels(lang: str) -> Mapping[str, str]:
    """Every word of the plan in ``lang`` (the default language for an unknown one)."""
    return _merged(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


def in_short(document: Mapping[str, Any]) -> list[str]:
    """The label keys of the lines of "in short" (each with ``{figure}`` placeholders filled
    from the document's summary): the participants, then the lines of each block type the
    document has, in the order they first appear."""
    keys = ["in_short_participants"]
    for block_type in dict.fromkeys(b["type"] for s in document["sections"] for b in s["blocks"]):
        if block_type in RENDERERS:
            keys += RENDERERS[block_type].in_short
    return keys


def figures(document: Mapping[str, Any]) -> dict[str, str]:
    """The summary's figures as the document's language writes them (15,5 in Dutch)."""
    return {name: number(value, document["lang"]) for name, value in document["summary"].items()}


__all__ = ["FILE_WORDS", "LABELS", "decimal", "figures", "in_short", "labels", "long_date", "short_date"]
