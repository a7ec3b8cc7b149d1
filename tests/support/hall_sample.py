"""A full hall as an engine SessionState: the default game played by 32 people, every round
filled, for export tests of a plan as long as a real evening gives (about a dozen PDF pages).

The sample of tests/data has 12 players and 7 ideas; a hall of 32 brings what that sample
never shows: a vote chart of 31 ideas (longer than a page), card groups of a dozen, the same
reflection word given by several people ("hoopvol" seven times, once as "Hoopvol"), and long
Dutch compounds in the action path ("Buurtbewonersvertegenwoordiging").
"""

from __future__ import annotations

from functools import lru_cache

from samenspel.engine.state import SessionState
from tests.support.sample import sample_data, sample_session_state

PEOPLE = [
    ("Fatima", "inwoner"), ("Henk", "inwoner"), ("Sanne", "inwoner"), ("Joost", "ondernemer"),
    ("Marloes", "ambtenaar"), ("Anouk", "ambtenaar"), ("Bram", "professional"), ("Ilse", "professional"),
    ("Gerrit-Jan", "bestuurder"), ("Wilhelmina-Josephina", "inwoner"), ("Mohammed", "inwoner"),
    ("Yusuf", "ondernemer"), ("Priya", "professional"), ("Kees", "inwoner"), ("Lotte", "ambtenaar"),
    ("Ruud", "bestuurder"), ("Dewi", "inwoner"), ("Anne-Marie", "inwoner"), ("Pieternella", "anders"),
    ("Tjeerd", "ondernemer"), ("Ayşe", "inwoner"), ("Bas", "professional"), ("Ellen", "ambtenaar"),
    ("Ricardo", "inwoner"), ("Noor", "inwoner"), ("Sjoerd", "ondernemer"), ("Femke", "professional"),
    ("Hendrikus", "inwoner"), ("Zeynep", "inwoner"), ("Wouter", "bestuurder"), ("Chantal", "ambtenaar"),
    ("Maximiliaan", "inwoner"),
]  # fmt: skip
CARDS = [
    "Een bestemmingsplanwijzigingsprocedure duurt veel te lang voor een tijdelijke moestuin.",
    "Buurtbewonersvertegenwoordiging moet vanaf het begin meedoen.",
    "Samen oogsten en koken op zaterdag.",
    "Een kas met regenwateropvang en zonnepanelen.",
    "Speelplek voor kinderen naast de tuin.",
    "Subsidiemogelijkheden uitzoeken bij de gemeente.",
    "Ik wil graag meedenken over de planning van de werkzaamheden in het voorjaar.",
    "Vrijwilligerscoördinatie door de wijkvereniging.",
]
#: the reflection's words, one per player: eight words, most of them given by several people
WORDS = ["hoopvol"] * 6 + ["Hoopvol"] + ["gehoord"] * 4 + ["betrokken", "energiek", "moe", "samen"] * 3
WORDS += ["toekomstbestendig"] * 3 + ["verbonden"] * 3 + ["trots"]
STEPS = [
    ("Tien plantenbakken op palen bouwen", "Henk", "2026-04-15", 1),
    ("Waterleiding aanleggen vanaf de flat", "", "2026-04-15", 3),
    ("Gebruiksovereenkomst opstellen en tekenen met de woningcorporatie", "", "2026-05-15", 2),
    ("Openingsfeest organiseren", "Gerrit-Jan", "2026-05-15", 1),
    ("Tweedehands kas ophalen", "Marloes", "2026-06-15", 3),
    ("Subsidieaanvraag buurtbudget indienen", "", "2026-07-15", 1),
    ("Speeltoestellen uitzoeken met de kinderen", "Wilhelmina-Josephina", "2026-08-15", 2),
]


def _card(n: int, name: str) -> str:
    """One of the texts a hall writes, made unique by its author (as people write alike)."""
    text = CARDS[n % len(CARDS)]
    return text if n < len(CARDS) else f"{text} ({name})"


@lru_cache(maxsize=None)
def hall_data() -> dict:
    data = sample_data()
    names = [name for name, _ in PEOPLE]
    ideas = [{"id": f"i{n + 1}", "by": name, "text": _card(n, name)} for n, name in enumerate(names[:-1])]
    # 13 people choose the same three ideas, the others spread their dots over the rest
    ballots = [
        {
            "by": name,
            "votes": {"i2": 1, "i3": 1, "i4": 1} if n < 13 else {f"i{5 + (3 * n + k) % 27}": 1 for k in range(3)},
        }
        for n, name in enumerate(names)
    ]
    scores = ("luisteren", "vertrouwen", "eigenaarschap", "duidelijkheid", "gelijkwaardigheid")
    return {
        **data,
        "session": {**data["session"], "title": "Moestuin met kas en speelplek in de Noordpolder"},
        "players": [{"name": name, "role": role} for name, role in PEOPLE],
        "rounds": {
            "welkom": [
                {"by": name, "text": f"Ik ben {name} en ik breng mijn netwerk in de wijk mee."} for name in names
            ],
            "droom": [{"by": name, "text": _card(n, name)} for n, name in enumerate(names[:26])],
            "belangen": [{"by": name, "text": _card(n + 3, name)} for n, name in enumerate(names[:24])],
            "rolwissel": [
                {"by": name, "as": PEOPLE[(n + 4) % len(PEOPLE)][1], "text": _card(n + 5, name)}
                for n, name in enumerate(names[:20])
            ],
            "kansen-drempels": [
                {"by": name, "category": "kans" if n % 2 else "drempel", "text": _card(n + 1, name)}
                for n, name in enumerate(names[:28])
            ],
            "ideeen": ideas,
            "kiezen": ballots,
            "actiepad": [
                {
                    "idea": f"i{idea + 1}",
                    "what": what,
                    "owner": owner,
                    "partners": ["Bram", "Joost"],
                    "due": due,
                    "needs": "Hout en grond, 1.200 euro uit buurtbudget",
                }
                for what, owner, due, idea in STEPS
            ],
            "samenspel": [
                {"by": name, "scores": {s: 3 + (n + k) % 3 for k, s in enumerate(scores)}, "word": WORDS[n]}
                for n, name in enumerate(names[: len(WORDS)])
            ],
        },
    }


def hall_session_state() -> tuple[SessionState, dict]:
    """The hall as (SessionState, info), like ``sample_session_state``: the game has ended."""
    return sample_session_state(hall_data())


__all__ = ["PEOPLE", "WORDS", "hall_data", "hall_session_state"]
