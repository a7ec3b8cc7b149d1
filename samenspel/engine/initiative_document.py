"""The initiative report as plain data: one document, built from the plan documents of the
initiative's sessions (engine/document.py), that the report's formats are rendered from.

Pure: no Flask, no database. The caller gives the initiative's own fields and, per session
in the order they were played, its plan document and the ids of the rounds whose cards are
lessons (the closing session "afronding" harvests them; ``lesson_rounds`` says which rounds
of a game count). What the report holds:

- every session's outcome: date, game, title, key figures (the plan's summary), the chosen
  ideas and the steps with their status as that session's plan had them;
- the current action path: the steps of the latest session that has steps (a follow-up
  imports the steps before it, with status and history), each with its whole history;
- progress: x of y done (y: every step not dropped), counts per status, and the same per
  session, so the report shows progress over time;
- the lessons: the cards of the lesson rounds, in their groups.

A step keeps its identity across sessions through ``origin`` (the step of the earlier
session it continues): ``key`` is the first step of that line, so a calendar can give it a
UID that survives the next follow-up session. Texts come from the plan documents, already
cleaned there; every renderer escapes them for its own format. The shape is published as
``docs/initiative.schema.json`` (engine/initiative_schema.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Mapping

from samenspel.engine.mechanics import mechanic_for
from samenspel.engine.steps import STATUSES
from samenspel.engine.text import clean
from samenspel.rules.model import DEFAULT_LANGUAGE, LANGUAGES, Game

FORMAT = "samenspel.initiative"
FORMAT_VERSION = 1
#: plan sections whose cards rounds are lessons (the closing game's harvest)
LESSON_SECTIONS = ("lessen", "lessons", "geleerd")
#: the block type of a dedicated lessons mechanic, should a game bring one
LESSON_BLOCK = "lessons"
#: a step with this status does not count towards "x of y done"
NOT_COUNTED = "dropped"


def lesson_rounds(game: Game) -> list[str]:
    """The rounds of ``game`` whose cards are lessons: marked ``lessons: true`` in their
    settings, or filling a lesson section of the plan."""
    return [
        r.id
        for r in game.rounds
        if r.settings.get("lessons") or (r.plan_section or "") in LESSON_SECTIONS or r.mechanic == LESSON_BLOCK
    ]


def build_initiative_document(
    initiative: Mapping[str, Any],
    sessions: Iterable[Mapping[str, Any]],
    lang: str = "nl",
    *,
    now: dt.datetime | None = None,
) -> dict:
    """The report of one initiative. ``initiative``: id, title, question, place;
    ``sessions``: in the order played, each ``{"document": plan document, "lessons": [round
    ids]}`` (the documents in ``lang``)."""
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    now = now or dt.datetime.now(dt.timezone.utc)
    played = [(s["document"], set(s.get("lessons") or ())) for s in sessions]
    documents = [d for d, _ in played]
    roots = _roots(documents)
    current_doc = next((d for d in reversed(documents) if _steps(d)), None)
    current = [_current_step(s, roots, documents) for s in _steps(current_doc)] if current_doc else []
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "lang": lang,
        "generated_at": now.astimezone(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "anonymous": any(d["anonymous"] for d in documents),
        "initiative": {
            "id": initiative.get("id"),
            "title": clean(initiative.get("title")),
            "question": clean(initiative.get("question")),
            "place": clean(initiative.get("place")),
        },
        "sessions": [_session(d) for d in documents],
        "steps": current,
        "progress": {
            **progress(current),
            "sessions": [
                {"code": d["initiative"]["code"], "date": d["initiative"]["date"], **progress(_steps(d))}
                for d in documents
            ],
        },
        "lessons": [lesson for d, rounds in played for lesson in _lessons(d, rounds)],
    }


def progress(steps: list[Mapping[str, Any]]) -> dict:
    """x of y done: ``done`` of ``total`` (every step not dropped), and the count per status."""
    by_status = dict.fromkeys(STATUSES, 0)
    for step in steps:
        by_status[step.get("status") or STATUSES[0]] += 1
    return {
        "done": by_status["done"],
        "total": sum(n for status, n in by_status.items() if status != NOT_COUNTED),
        "by_status": by_status,
    }


def _steps(document: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    if document is None:
        return []
    return [s for section in document["sections"] for b in section["blocks"] for s in mechanic_for(b["type"]).steps(b)]


def _roots(documents: list[Mapping[str, Any]]) -> dict[int, int]:
    """Each step's id -> the id of the first step of its line (following ``origin``)."""
    origin = {s["id"]: s.get("origin") for d in documents for s in _steps(d)}

    def root(step_id: int) -> int:
        seen = set()
        while origin.get(step_id) and step_id not in seen:
            seen.add(step_id)
            step_id = origin[step_id]
        return step_id

    return {step_id: root(step_id) for step_id in origin}


def _current_step(step: Mapping[str, Any], roots: Mapping[int, int], documents) -> dict:
    key = roots.get(step["id"], step["id"])
    return {
        "id": step["id"],
        "key": key,
        "number": step["number"],
        "what": step["what"],
        "owner": step["owner"],
        "partners": list(step["partners"]),
        "due": step["due"],
        "needs": step["needs"],
        "idea": step["idea"]["text"] if step.get("idea") else None,
        "status": step.get("status") or STATUSES[0],
        "history": [dict(h) for h in step.get("history") or ()],
        "sessions": [d["initiative"]["code"] for d in documents if any(roots.get(s["id"]) == key for s in _steps(d))],
    }


def _session(document: Mapping[str, Any]) -> dict:
    ini = document["initiative"]
    chosen = [
        {"text": c["text"], "votes": c["votes"]}
        for section in document["sections"]
        for b in section["blocks"]
        if b["type"] == "vote"
        for c in b["chosen"]
    ]
    return {
        "code": ini["code"],
        "title": ini["title"],
        "date": ini["date"],
        "status": document["status"],
        "game": {"id": document["game"]["id"], "title": document["game"]["title"]},
        "mechanics": list(dict.fromkeys(b["type"] for s in document["sections"] for b in s["blocks"])),
        "summary": dict(document["summary"]),
        "chosen": chosen,
        "steps": [
            {
                "number": s["number"],
                "what": s["what"],
                "owner": s["owner"],
                "due": s["due"],
                "status": s.get("status") or STATUSES[0],
            }
            for s in _steps(document)
        ],
    }


def _lessons(document: Mapping[str, Any], rounds: set[str]) -> list[dict]:
    out = []
    for section in document["sections"]:
        for block in section["blocks"]:
            if block["round"]["id"] not in rounds and block["type"] != LESSON_BLOCK:
                continue
            groups = [
                {
                    "label": g["label"],
                    "cards": [{"text": c["text"], "author": _who(c.get("author"))} for c in g["cards"]],
                }
                for g in block.get("groups") or ()
            ]
            out.append(
                {
                    "session": document["initiative"]["code"],
                    "round": {"id": block["round"]["id"], "title": block["round"]["title"]},
                    "groups": [g for g in groups if g["cards"]],
                }
            )
    return out


def _who(author: Mapping[str, Any] | None) -> str:
    if not author:
        return ""
    return f"{author['name']} · {author['role_name']}" if author.get("name") else author["role_name"]


__all__ = ["FORMAT", "FORMAT_VERSION", "build_initiative_document", "lesson_rounds", "progress"]
