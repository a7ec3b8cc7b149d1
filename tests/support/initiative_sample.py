"""A sample initiative of three sessions, built from the sample session (sample.py) without a
server or a database: the start, a follow-up ("onderweg") whose steps continue the start's
and got statuses, and a closing session whose "kansen-drempels" cards stand in for the lessons
(until the closing game's lesson rounds are on main). For the report's tests and screenshots.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from types import MappingProxyType

from samenspel.engine.document import build_document
from samenspel.engine.initiative_document import build_initiative_document
from samenspel.engine.steps import with_status
from tests.support.sample import NOW, sample_session_state

INITIATIVE = {
    "id": 7,
    "title": "Moestuin met kas in de Noordpolder",
    "question": "Hoe maken we samen een moestuin met kas?",
    "place": "Noordpolder",
}
LESSON_ROUND = "kansen-drempels"
#: (code, date, id offset of its steps, {step number: [(status, note, day)]})
SESSIONS = (
    ("NPQ7K3", "2026-03-12", 0, {}),
    (
        "ONDW42",
        "2026-05-20",
        100,
        {
            1: [("under_way", "Vergunning aangevraagd", "2026-04-02"), ("done", "Vergunning binnen", "2026-05-10")],
            2: [("stuck", "Wacht op de gemeente", "2026-04-20")],
            3: [("under_way", "", "2026-05-01")],
        },
    ),
    (
        "AFRD99",
        "2026-09-30",
        200,
        {
            2: [("under_way", "Nieuwe trekker: Fatima", "2026-06-01"), ("done", "", "2026-09-01")],
            4: [("dropped", "Geen budget meer", "2026-07-15")],
        },
    ),
)


def _ms(day: str) -> int:
    return int(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(12), dt.timezone.utc).timestamp() * 1000)


def sample_initiative_sessions(lang: str = "nl") -> list[dict]:
    """The three sessions as the builder takes them: ``{"document", "lessons"}``."""
    state, info = sample_session_state()
    step_order = [i.id for i in sorted((i for i in state.items if i.kind == "step"), key=lambda i: i.id)]
    carried: dict[int, dict] = {}  # step id in the start session -> its data so far
    out = []
    for code, day, offset, updates in SESSIONS:
        items = []
        for item in state.items:
            if item.kind != "step":
                items.append(item)
                continue
            data = dict(carried.get(item.id, item.data))
            for status, note, when in updates.get(step_order.index(item.id) + 1, ()):
                data = with_status(data, status, note, _ms(when))
            if offset:
                data["origin"] = item.id + (offset - 100 if offset > 100 else 0)
            carried[item.id] = data
            items.append(replace(item, id=item.id + offset, data=MappingProxyType(data)))
        session_info = {**info, "code": code, "date": day}
        document = build_document(replace(state, items=tuple(items)), session_info, lang, now=NOW)
        out.append({"document": document, "lessons": [LESSON_ROUND] if code == "AFRD99" else []})
    return out


def sample_initiative_document(lang: str = "nl") -> dict:
    return build_initiative_document(INITIATIVE, sample_initiative_sessions(lang), lang, now=NOW)


__all__ = ["INITIATIVE", "LESSON_ROUND", "sample_initiative_document", "sample_initiative_sessions"]
