"""A session played at tables, without a server or a database: for export tests, benchmarks
and demos (like ``sample.py``, which it reuses).

The default game with scope, 15 people at 3 tables (seated by the engine's balanced deal),
each table writes its introductions, dream, interests, role swap, chances and obstacles and
ideas, then votes on its own ideas (``kiezen`` is played at tables, top 3 each: the
harvest). The hall then votes on the 9 harvested ideas (``zaal-kiezen``, plenary, top 4:
``hall_game``), plans on its choice and reflects together.

    state, info = table_session_state()   # ended; info as in sample_session_state
    TABLE_MEMBERS                          # table id -> first names, as the engine seats them
    HARVEST                                # table id -> the idea keys it chose, best first
    HALL_CHOSEN                            # the hall's choice of the harvest, best first
"""

from __future__ import annotations

from functools import lru_cache

import yaml

from samenspel.config import PROJECT_ROOT
from samenspel.engine.flow import Status
from samenspel.rules.loader import parse_game
from samenspel.rules.model import Game
from tests.support.sample import sample_session_state

TABLE_CODE = "ZK4T3L"

PLAYERS = [
    ("Fatima", "inwoner"),
    ("Henk", "inwoner"),
    ("Sanne", "inwoner"),
    ("Joost", "inwoner"),
    ("Noor", "inwoner"),
    ("Marloes", "ambtenaar"),
    ("Pieter", "ambtenaar"),
    ("Lotte", "ambtenaar"),
    ("Anouk", "bestuurder"),
    ("Kees", "professional"),
    ("Ilse", "professional"),
    ("Bram", "ondernemer"),
    ("Yusuf", "ondernemer"),
    ("Wendy", "ondernemer"),
    ("Els", "anders"),
]

#: who sits where (the balanced deal of ``engine/tables/assign.py`` for these players)
TABLE_MEMBERS = {
    1: ["Fatima", "Joost", "Pieter", "Kees", "Yusuf"],
    2: ["Henk", "Noor", "Lotte", "Ilse", "Wendy"],
    3: ["Sanne", "Marloes", "Anouk", "Bram", "Els"],
}

#: each table's top 3 of its vote (idea keys), best first
HARVEST = {1: ["i1", "i4", "i2"], 2: ["i6", "i7", "i8"], 3: ["i12", "i13", "i11"]}
#: the hall's top 4 of the harvest (idea keys), best first
HALL_CHOSEN = ["i1", "i6", "i12", "i4"]
#: the round the hall votes in
HALL_VOTE = "zaal-kiezen"

HALL_ROUND = {
    "id": HALL_VOTE,
    "title": {"nl": "De zaal kiest", "en": "The hall chooses"},
    "prompt": {
        "nl": "Dit zijn de ideeën van alle tafels. Zet je 3 stemmen op de ideeën waar de buurt mee verder moet.",
        "en": "These are the ideas of all tables. Put your 3 votes on the ideas the neighbourhood should take on.",
    },
    "notes": {
        "nl": "De telling komt op het scherm als de ronde klaar is. De 4 ideeën met de meeste stemmen gaan door.",
        "en": "The count appears on the screen when the round closes. The 4 ideas with the most votes go on.",
    },
    "minutes": 5,
    "mechanic": "vote",
    "scope": "plenary",
    "plan_section": "gekozen",
    "settings": {
        "from_round": "ideeen",
        "ideas_from": "kiezen",
        "votes_per_player": 3,
        "max_per_card": 2,
        "carry_forward": 4,
        "show_tally": "close",
    },
}


@lru_cache(maxsize=None)
def hall_game() -> Game:
    """The default game (game_rules/het-nieuwe-samenspel.yaml, which declares scope) with
    one round more: after the tables' vote the hall votes on the harvest (``zaal-kiezen``,
    plenary, ``ideas_from: kiezen``, top 4), and the pledge and the action path work on the
    hall's choice. Its 5 minutes come from the action path, so the game stays 120 minutes."""
    data = yaml.safe_load((PROJECT_ROOT / "game_rules" / "het-nieuwe-samenspel.yaml").read_text(encoding="utf-8"))
    rounds = data["rounds"]
    rounds.insert(next(n for n, r in enumerate(rounds) if r["id"] == "kiezen") + 1, HALL_ROUND)
    for rnd in rounds:
        if rnd["id"] in ("inbreng", "actiepad"):
            rnd["settings"]["ideas_from"] = HALL_VOTE
        if rnd["id"] == "actiepad":
            rnd["minutes"] -= HALL_ROUND["minutes"]
    return parse_game(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "het-nieuwe-samenspel+zaal")


def _by(name: str, text: str, **extra) -> dict:
    return {"by": name, "text": text, **extra}


def _ballot(name: str, **votes: int) -> dict:
    return {"by": name, "votes": votes}


TABLE_DATA: dict = {
    "game": "het-nieuwe-samenspel",
    "tables": {"count": 3},
    "session": {
        "title": "Een groene en veilige Havenstraat",
        "question": "Hoe maken we de Havenstraat samen groener, veiliger en gezelliger?",
        "place": "Wijkcentrum De Kade, Harlingen",
        "date": "2026-05-19",
    },
    "players": [{"name": n, "role": r} for n, r in PLAYERS],
    "rounds": {
        "welkom": [
            _by("Fatima", "Ik woon hier twaalf jaar en mis groen voor de deur."),
            _by("Joost", "Ik loop elke dag met de hond langs de kade."),
            _by("Pieter", "Ik werk bij de gemeente aan openbare ruimte."),
            _by("Kees", "Ik ben jongerenwerker in deze wijk."),
            _by("Yusuf", "Ik heb de bakkerij op de hoek."),
            _by("Henk", "Ik ben gepensioneerd en tuinier graag."),
            _by("Noor", "Ik heb twee kinderen die buiten willen spelen."),
            _by("Lotte", "Ik ben wijkregisseur voor Harlingen-Noord."),
            _by("Ilse", "Ik werk bij de woningcorporatie."),
            _by("Wendy", "Ik heb een kapsalon aan de Havenstraat."),
            _by("Sanne", "Ik woon boven de winkels en fiets veel."),
            _by("Marloes", "Ik ben beleidsmedewerker groen."),
            _by("Anouk", "Ik ben wethouder voor wijken en groen."),
            _by("Bram", "Ik heb een fietsenwinkel aan de kade."),
            _by("Els", "Ik ben vrijwilliger bij de Vrienden van de Haven."),
        ],
        "droom": [
            _by("Fatima", "Een straat vol geveltuinen waar je elkaar groet."),
            _by("Kees", "Kinderen spelen veilig buiten, ook na school."),
            _by("Henk", "Een moestuin waar jong en oud samen oogsten."),
            _by("Noor", "Een natuurspeeltuin met water en zand."),
            _by("Sanne", "Een kade waar je 's avonds veilig langs loopt."),
            _by("Anouk", "Een buurt die zelf beslist over haar groen."),
        ],
        "belangen": [
            _by("Yusuf", "Klanten moeten mijn winkel goed kunnen bereiken."),
            _by("Pieter", "Onderhoud moet binnen het budget blijven."),
            _by("Wendy", "Geen bouwoverlast in de zomer."),
            _by("Ilse", "Huurders moeten mee kunnen doen, ook wie weinig tijd heeft."),
            _by("Bram", "Ruimte om fietsen te stallen voor de deur."),
            _by("Marloes", "Nieuwe bomen moeten passen bij de leidingen in de grond."),
        ],
        "rolwissel": [
            _by("Joost", "Ik moet kunnen uitleggen wie het groen onderhoudt.", **{"as": "ambtenaar"}),
            _by("Pieter", "Ik wil gewoon een bankje om even te zitten.", **{"as": "inwoner"}),
            _by("Lotte", "Ik wil dat mijn klanten kunnen parkeren.", **{"as": "ondernemer"}),
            _by("Wendy", "Ik zoek draagvlak in de hele wijk, niet alleen hier.", **{"as": "bestuurder"}),
            _by("Els", "Ik wil weten wat het de gemeente kost.", **{"as": "bestuurder"}),
            _by("Anouk", "Ik wil dat mijn kinderen veilig naar school fietsen.", **{"as": "inwoner"}),
        ],
        "kansen-drempels": [
            _by("Pieter", "Het herstraten van de Havenstraat staat voor 2027 gepland.", category="kans"),
            _by("Yusuf", "Winkeliers willen meebetalen aan plantenbakken.", category="kans"),
            _by("Ilse", "De corporatie heeft een fonds voor leefbaarheid.", category="kans"),
            _by("Henk", "Wie geeft water in de zomer?", category="drempel"),
            _by("Marloes", "Onder de stoep liggen kabels en leidingen.", category="drempel"),
            _by("Els", "De Vrienden van de Haven hebben twintig vrijwilligers.", category="kans"),
        ],
        "ideeen": [
            _by("Fatima", "Geveltuintjes langs de hele Havenstraat", id="i1"),
            _by("Joost", "Bankjes bij de kademuur, zodat ouderen kunnen uitrusten", id="i2"),
            _by("Pieter", "Een 30-zone met drempels bij de school", id="i3"),
            _by("Kees", "Een speelplek op het braakliggende stuk bij de loods", id="i4"),
            _by("Yusuf", "Winkeliers sponsoren plantenbakken voor hun zaak", id="i5"),
            _by("Henk", "Een buurtmoestuin achter het wijkcentrum", id="i6"),
            _by("Noor", "Een natuurspeeltuin bij de oude loods", id="i7"),
            _by("Lotte", "Regenwater opvangen in een wadi in het plantsoen", id="i8"),
            _by("Ilse", "Een vaste ophaalronde voor grof afval", id="i9"),
            _by("Wendy", "Een zomerfeest op de kade", id="i10"),
            _by("Sanne", "Meer licht op het pad langs het water", id="i11"),
            _by("Marloes", "Bewoners adopteren de boomspiegels", id="i12"),
            _by("Anouk", "Een buurtbudget voor kleine groene plannen", id="i13"),
            _by("Bram", "Parkeren aan de rand, de straat autoluw", id="i14"),
            _by("Els", "Een deelbakfiets voor de buurt", id="i15"),
        ],
        "kiezen": [
            _ballot("Fatima", i1=2, i4=1),
            _ballot("Joost", i2=2, i1=1),
            _ballot("Pieter", i3=1, i4=2),
            _ballot("Kees", i4=2, i1=1),
            _ballot("Yusuf", i5=2, i1=1),
            _ballot("Henk", i6=2, i7=1),
            _ballot("Noor", i7=2, i6=1),
            _ballot("Lotte", i8=2, i6=1),
            _ballot("Ilse", i7=1, i9=2),
            _ballot("Wendy", i10=2, i6=1),
            _ballot("Sanne", i11=2, i12=1),
            _ballot("Marloes", i12=2, i13=1),
            _ballot("Anouk", i13=2, i12=1),
            _ballot("Bram", i14=2, i13=1),
            _ballot("Els", i15=2, i12=1),
        ],
        HALL_VOTE: [
            _ballot("Fatima", i1=2, i6=1),
            _ballot("Joost", i2=2, i1=1),
            _ballot("Pieter", i12=1, i4=2),
            _ballot("Kees", i4=2, i7=1),
            _ballot("Yusuf", i1=2, i13=1),
            _ballot("Henk", i6=2, i1=1),
            _ballot("Noor", i7=2, i4=1),
            _ballot("Lotte", i8=1, i6=2),
            _ballot("Ilse", i6=2, i12=1),
            _ballot("Wendy", i1=1, i11=2),
            _ballot("Sanne", i11=1, i12=2),
            _ballot("Marloes", i12=2, i8=1),
            _ballot("Anouk", i13=2, i6=1),
            _ballot("Bram", i4=1, i1=2),
            _ballot("Els", i12=2, i13=1),
        ],
        "actiepad": [
            {
                "idea": "i1",
                "what": "Geveltuinen aanvragen met tien buren",
                "owner": "Fatima",
                "partners": ["Yusuf", "Pieter"],
                "due": "2026-06-15",
                "needs": "Tegels eruit, planten uit het buurtbudget",
            },
            {
                "idea": "i4",
                "what": "Ontwerp speelplek bij de loods met kinderen maken",
                "owner": "Kees",
                "partners": ["Noor"],
                "due": "2026-09-01",
                "needs": "Een ontwerper, toestemming van de eigenaar",
            },
            {
                "idea": "i6",
                "what": "Plek en water voor de moestuin regelen",
                "owner": "Henk",
                "partners": ["Ilse"],
                "due": "2026-07-01",
                "needs": "Een waterkraan, 600 euro",
            },
            {
                "idea": "i12",
                "what": "Tien boomspiegels laten adopteren",
                "owner": "Marloes",
                "partners": ["Els"],
                "due": "2026-06-01",
                "needs": "Bordjes en een gieter per boom",
            },
            {
                "idea": "i12",
                "what": "Geld voor boomspiegels uit het buurtbudget aanvragen",
                "owner": "Anouk",
                "partners": ["Lotte"],
                "due": "2026-10-15",
                "needs": "",
            },
            {
                "idea": "i6",
                "what": "Vrijwilligers zoeken die in de zomer water geven",
                "owner": "Sanne",
                "partners": ["Bram"],
                "due": None,
                "needs": "Een rooster en een sleutel van de kraan",
            },
            {"idea": "i2", "what": "Drie bankjes uitkiezen", "owner": "", "partners": ["Joost"], "due": None},
        ],
        "samenspel": [
            {"by": "Fatima", "scores": {"luisteren": 5, "vertrouwen": 4, "eigenaarschap": 4}, "word": "samen"},
            {"by": "Pieter", "scores": {"luisteren": 4, "vertrouwen": 4, "eigenaarschap": 3}, "word": "concreet"},
            {"by": "Noor", "scores": {"luisteren": 5, "vertrouwen": 5, "eigenaarschap": 4}, "word": "hoopvol"},
            {"by": "Anouk", "scores": {"luisteren": 4, "vertrouwen": 4, "eigenaarschap": 5}, "word": "energiek"},
        ],
    },
}


def table_session_state(*, status: Status = Status.ENDED, round_id: str | None = None):
    """The table session as (SessionState, info), like ``sample_session_state``."""
    state, info = sample_session_state(TABLE_DATA, status=status, round_id=round_id, game=hall_game())
    return state, {**info, "code": TABLE_CODE}


__all__ = [
    "HALL_CHOSEN",
    "HALL_VOTE",
    "HARVEST",
    "hall_game",
    "TABLE_CODE",
    "TABLE_DATA",
    "TABLE_MEMBERS",
    "table_session_state",
]
