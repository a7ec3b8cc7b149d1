"""The themes an entry is published under, in Dutch and English. The key is what is stored
and exported; the labels are what the pages show, the descriptions what the library's theme
pages say about each (one line, Dutch B1). A new theme is an entry in both tables here."""

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
#: what each theme is about, in one line (the library's theme pages)
ABOUT: dict[str, dict[str, str]] = {
    "groen": {
        "nl": "Parken, bomen, tuinen en meer groen in de buurt.",
        "en": "Parks, trees, gardens and more green in the neighbourhood.",
    },
    "energie": {
        "nl": "Samen energie besparen en schone energie opwekken.",
        "en": "Saving energy and producing clean energy together.",
    },
    "klimaatadaptatie": {
        "nl": "De buurt klaarmaken voor hitte, droogte en veel regen.",
        "en": "Getting the neighbourhood ready for heat, drought and heavy rain.",
    },
    "mobiliteit": {
        "nl": "Veilig en makkelijk op weg: lopen, fietsen, bus en auto.",
        "en": "Getting around safely and easily: walking, cycling, bus and car.",
    },
    "zorg-voor-elkaar": {
        "nl": "Naar elkaar omkijken en hulp dichtbij regelen.",
        "en": "Looking out for each other and arranging help close by.",
    },
    "wonen": {
        "nl": "Goede en betaalbare huizen voor iedereen in de buurt.",
        "en": "Good and affordable homes for everyone in the neighbourhood.",
    },
    "leefbaarheid": {
        "nl": "Een schone, fijne buurt waar mensen elkaar kennen.",
        "en": "A clean, pleasant neighbourhood where people know each other.",
    },
    "armoede": {
        "nl": "Mensen met weinig geld helpen en meedoen makkelijker maken.",
        "en": "Helping people with little money and making it easier to join in.",
    },
    "omgevingswet": {
        "nl": "Samen meedenken over plannen voor je omgeving.",
        "en": "Having a say together in plans for your surroundings.",
    },
    "jeugd": {
        "nl": "Plekken en activiteiten voor kinderen en jongeren.",
        "en": "Places and activities for children and young people.",
    },
    "veiligheid": {"nl": "Je veilig voelen op straat en thuis.", "en": "Feeling safe in the street and at home."},
    "cultuur-en-sport": {
        "nl": "Samen sporten, spelen, muziek maken en cultuur beleven.",
        "en": "Sport, games, music and culture together.",
    },
    "anders": {"nl": "Initiatieven die niet bij een ander thema passen.", "en": "Initiatives that fit no other theme."},
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
