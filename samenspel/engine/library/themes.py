"""The themes an entry is published under, in Dutch and English. The key is what is stored
and exported; the labels are what the pages show. A new theme is one line here."""

from __future__ import annotations

THEMES: dict[str, dict[str, str]] = {
    "groen": {"nl": "Groen", "en": "Green spaces"},
    "energie": {"nl": "Energie", "en": "Energy"},
    "klimaatadaptatie": {"nl": "Klimaatadaptatie", "en": "Climate adaptation"},
    "mobiliteit": {"nl": "Mobiliteit", "en": "Mobility"},
    "zorg-voor-elkaar": {"nl": "Zorg voor elkaar", "en": "Caring for each other"},
    "wonen": {"nl": "Wonen", "en": "Housing"},
    "leefbaarheid": {"nl": "Leefbaarheid", "en": "Liveability"},
    "armoede": {"nl": "Armoede", "en": "Poverty"},
    "omgevingswet": {"nl": "Omgevingswet", "en": "Environment and Planning Act"},
    "jeugd": {"nl": "Jeugd", "en": "Young people"},
    "veiligheid": {"nl": "Veiligheid", "en": "Safety"},
    "cultuur-en-sport": {"nl": "Cultuur en sport", "en": "Culture and sport"},
    "anders": {"nl": "Anders", "en": "Other"},
}
#: how far an initiative has come, from its action path (``publish.status_of``)
STATUSES: dict[str, dict[str, str]] = {
    "planned": {"nl": "Gepland", "en": "Planned"},
    "under_way": {"nl": "Onderweg", "en": "Under way"},
    "done": {"nl": "Klaar", "en": "Done"},
}


def label(key: str, lang: str, table: dict[str, dict[str, str]] = THEMES) -> str:
    names = table.get(key)
    return names.get(lang) or names["nl"] if names else key
