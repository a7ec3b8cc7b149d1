"""The fixed words of the plan document, in Dutch and English, and how numbers and dates are
written in each. Exports also run outside a request (the CLI), so these are plain dicts,
not Flask-Babel messages; the texts of a game come from its rules file."""
from __future__ import annotations

import datetime as dt
from typing import Mapping

from babel.dates import format_date

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
        "people": "deelnemers",
        "in_short": "In het kort",
        "summary_participants": "deelnemers",
        "summary_cards": "kaartjes",
        "summary_ideas": "ideeën",
        "summary_chosen": "gekozen",
        "summary_steps": "stappen in het actiepad",
        "summary_owner": "met een trekker",
        "summary_date": "met een datum",
        "contents": "Inhoud",
        "prompt": "Vraag in deze ronde",
        "not_played": "Deze ronde is nog niet gespeeld.",
        "in_progress": "Deze ronde is nu bezig.",
        "nothing": "Er is niets ingevuld.",
        "other": "Overig",
        "as_role": "als",
        "merged": "samengevoegd met {n} andere kaartje(s)",
        "chosen": "Gekozen",
        "chosen_ideas": "Gekozen ideeën",
        "all_ideas": "Alle ideeën en hun stemmen",
        "votes": "Stemmen",
        "votes_unit": "stemmen",
        "vote_unit": "stem",
        "voters": "{voters} deelnemers brachten {votes} stemmen uit.",
        "rank": "Plaats",
        "idea": "Idee",
        "number": "Nr.",
        "what": "Wat",
        "owner": "Trekker",
        "partners": "Met wie",
        "due": "Klaar op",
        "needs": "Wat is nodig",
        "no_owner": "nog niemand",
        "no_date": "geen datum",
        "for_idea": "Bij idee",
        "not_chosen": "niet gekozen",
        "steps_for": "stappen",
        "reflection_scale": "Gemiddelde score op een schaal van {min} tot {max}",
        "average": "Gemiddeld",
        "answers": "antwoorden",
        "no_answers": "geen antwoorden",
        "respondents": "{n} deelnemers vulden de reflectie in.",
        "words": "In één woord",
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
        "section": "Onderdeel",
        "status": "Status",
        "chart_votes": "Stemmen per idee",
        "chart_reflection": "Gemiddelde per punt",
        "calendar": "Actiepad",
        "yes": "ja",
        "no": "nee",
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
        "people": "participants",
        "in_short": "In short",
        "summary_participants": "participants",
        "summary_cards": "cards",
        "summary_ideas": "ideas",
        "summary_chosen": "chosen",
        "summary_steps": "steps in the action path",
        "summary_owner": "with an owner",
        "summary_date": "with a date",
        "contents": "Contents",
        "prompt": "Question in this round",
        "not_played": "This round has not been played yet.",
        "in_progress": "This round is in progress.",
        "nothing": "Nothing was filled in.",
        "other": "Other",
        "as_role": "as",
        "merged": "merged with {n} other card(s)",
        "chosen": "Chosen",
        "chosen_ideas": "Chosen ideas",
        "all_ideas": "All ideas and their votes",
        "votes": "Votes",
        "votes_unit": "votes",
        "vote_unit": "vote",
        "voters": "{voters} participants cast {votes} votes.",
        "rank": "Rank",
        "idea": "Idea",
        "number": "No.",
        "what": "What",
        "owner": "Owner",
        "partners": "With whom",
        "due": "Done by",
        "needs": "What is needed",
        "no_owner": "nobody yet",
        "no_date": "no date",
        "for_idea": "For idea",
        "not_chosen": "not chosen",
        "steps_for": "steps",
        "reflection_scale": "Average score on a scale from {min} to {max}",
        "average": "Average",
        "answers": "answers",
        "no_answers": "no answers",
        "respondents": "{n} participants filled in the reflection.",
        "words": "In one word",
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
        "section": "Section",
        "status": "Status",
        "chart_votes": "Votes per idea",
        "chart_reflection": "Average per point",
        "calendar": "Action path",
        "yes": "yes",
        "no": "no",
    },
}

#: File name words (ASCII, lower case) per language.
FILE_WORDS = {"nl": {"plan": "actieplan", "draft": "concept"},
              "en": {"plan": "action-plan", "draft": "draft"}}


def labels(lang: str) -> Mapping[str, str]:
    return LABELS.get(lang) or LABELS["nl"]


def long_date(iso: str | None, lang: str) -> str:
    """"12 maart 2026" / "12 March 2026"; empty for no date."""
    if not iso:
        return ""
    return format_date(dt.date.fromisoformat(iso), "d MMMM y", locale=lang if lang in LABELS else "nl")


def short_date(iso: str | None, lang: str) -> str:
    """"1 apr. 2026" / "1 Apr 2026": compact, for table cells and calendars."""
    if not iso:
        return ""
    return format_date(dt.date.fromisoformat(iso), "d MMM y", locale=lang if lang in LABELS else "nl")


def decimal(value: float | None, lang: str, digits: int = 1) -> str:
    """4,5 in Dutch, 4.5 in English; an en dash for no value."""
    if value is None:
        return "–"
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang != "en" else text
