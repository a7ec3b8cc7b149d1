"""What the library publishes about a played initiative, and nothing else (issue 14):

the question, the place at municipality level, month and year, the game played, the
participant mix as counts per role, the dream in a few lines, the chosen ideas, the action
path (what, partner organisations, month due, status), the reflection averages, and the
initiative's progress and lessons when it has them.

No first names, no authors, no owners, no dates finer than a month, no free text beyond
those listed. Every text that is published is one ``Text`` of the preview, keyed by where
it stands (``question``, ``dream.0``, ``path.2.what``, ``path.2.partners.0``, …), with the
automatic checks' flags (checks.py). The facilitator's choices (``edits``) are, per key:
``{"omit": true}`` to leave it out, ``{"text": "…"}`` to publish another text, and
``"keep": true`` to publish a text although it is flagged. A text that is flagged — as it
stands or as edited — is left out unless kept: nothing that could name a person is
published by default.

Pure: it reads the plan document (engine/document.py, built with names so the checks know
them) and the initiative report (engine/initiative_document.py) as plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from samenspel.engine.library import checks
from samenspel.engine.library.themes import THEMES
from samenspel.engine.text import clean

FORMAT = "samenspel.library"
FORMAT_VERSION = 1
LICENCE = "CC-BY-4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
#: a dream "in a few lines"
DREAM_LINES = 5
#: the longest published text; longer is cut at a word
TEXT_MAX = 500

Choose = Callable[[str, str], "str | None"]


@dataclass(frozen=True)
class Text:
    key: str
    text: str
    flags: tuple = ()


@dataclass
class Preview:
    """Every text that would be published, in order, with its flags; ``names``: the
    participants' names the checks looked for (never published)."""

    texts: list[Text] = field(default_factory=list)
    names: tuple = ()

    def flagged(self) -> list[Text]:
        return [t for t in self.texts if t.flags]


def names_in(plan: Mapping[str, Any], report: Mapping[str, Any] | None = None, also=()) -> tuple:
    """The first names of everyone who took part, from a plan built with names, the owners
    named on steps (an owner may be someone who was not there), and ``also`` (the caller's:
    e.g. participants who left)."""
    names = {n for role in plan["participants"]["roles"] for n in role.get("names") or ()}
    names.update(s.get("owner") or "" for s in [*_steps(plan), *((report or {}).get("steps") or ())])
    names.update(also)
    return tuple(sorted(n for n in names if n))


def preview(
    plan: Mapping[str, Any],
    report: Mapping[str, Any] | None = None,
    *,
    municipality: str | None = None,
    names: tuple = (),
) -> Preview:
    """What publishing ``plan`` (and the initiative's ``report``) would put out, each text
    flagged by the checks; nothing chosen yet. ``names``: more names to look for."""
    names = names_in(plan, report, names)
    out = Preview(names=names)

    def collect(key: str, text: str) -> str:
        out.texts.append(Text(key, text, tuple(checks.flags(text, names))))
        return text

    _assemble(plan, report, municipality, collect)
    return out


def publish(
    plan: Mapping[str, Any],
    report: Mapping[str, Any] | None = None,
    *,
    theme: str,
    municipality: str | None = None,
    edits: Mapping[str, Mapping[str, Any]] | None = None,
    names: tuple = (),
) -> dict:
    """The published document, the facilitator's ``edits`` applied (see the module's
    docstring); a flagged text nobody kept is left out."""
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}")
    names, edits = names_in(plan, report, names), edits or {}

    def choose(key: str, text: str) -> str | None:
        edit = edits.get(key) or {}
        if edit.get("omit"):
            return None
        if "text" in edit:
            text = _short(clean(edit["text"]).strip())
        if not text:
            return None
        if checks.flags(text, names) and not edit.get("keep"):
            return None
        return text

    document = _assemble(plan, report, municipality, choose)
    document["theme"] = theme
    return document


def _assemble(plan, report, municipality, choose: Choose) -> dict:
    ini = plan["initiative"]
    month = (ini.get("date") or "")[:7]
    place = municipality if municipality is not None else municipality_of(ini.get("place") or "")
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "lang": plan["lang"],
        "licence": LICENCE,
        "question": choose("question", _short(ini.get("question") or "")) or "",
        "municipality": choose("municipality", _short(place)) or "",
        "month": month,
        "year": int(month[:4]) if month[:4].isdigit() else None,
        "game": {"id": plan["game"]["id"], "title": plan["game"]["title"]},
        "participants": {
            "total": plan["participants"]["total"],
            "roles": [
                {"id": r["id"], "name": r["name"], "count": r["count"]}
                for r in plan["participants"]["roles"]
                if r["count"]
            ],
        },
        "dream": _kept([choose(f"dream.{i}", t) for i, t in enumerate(_dream(plan))]),
        "ideas": [
            {"text": text, "votes": idea["votes"]}
            for i, idea in enumerate(_chosen(plan))
            if (text := choose(f"ideas.{i}", _short(idea["text"])))
        ],
        "path": _path(plan, report, choose),
        "reflection": _reflection(plan),
    }
    if report is not None and report.get("progress", {}).get("total"):
        progress = report["progress"]
        document["progress"] = {"done": progress["done"], "total": progress["total"]}
        document["progress"]["by_status"] = dict(progress["by_status"])
    lessons = [c["text"] for lesson in _report_lessons(report) for g in lesson["groups"] for c in g["cards"]]
    document["lessons"] = _kept([choose(f"lessons.{i}", _short(t)) for i, t in enumerate(lessons)])
    document["status"] = status_of(document["path"])
    return document


def _report_lessons(report) -> list:
    return list((report or {}).get("lessons") or ())


def municipality_of(place: str) -> str:
    """The municipality in a place as facilitators type it ("Buurthuis De Schakel,
    Terneuzen" → "Terneuzen"): its last comma-separated part; the facilitator can edit it."""
    parts = [p.strip() for p in clean(place).split(",") if p.strip()]
    return parts[-1] if parts else ""


def status_of(path: list[Mapping[str, Any]]) -> str:
    """How far the initiative has come: ``done`` when every step that counts is done,
    ``under_way`` when any step has started, else ``planned``."""
    counted = [s["status"] for s in path if s["status"] != "dropped"]
    if counted and all(s == "done" for s in counted):
        return "done"
    if any(s in ("under_way", "done", "stuck") for s in counted):
        return "under_way"
    return "planned"


def _path(plan, report, choose: Choose) -> list[dict]:
    """The action path: the initiative's current steps when it has a report (their status
    since the evening), else the plan's."""
    steps = (report or {}).get("steps") or _steps(plan)
    out = []
    for i, step in enumerate(steps):
        what = choose(f"path.{i}.what", _short(step.get("what") or ""))
        if not what:
            continue
        partners = [choose(f"path.{i}.partners.{j}", _short(p)) for j, p in enumerate(step.get("partners") or ())]
        out.append(
            {
                "what": what,
                "partners": _kept(partners),
                "due": (step.get("due") or "")[:7] or None,
                "status": step.get("status") or "not_started",
            }
        )
    return out


def _steps(plan) -> list[Mapping[str, Any]]:
    return [s for sec in plan["sections"] for b in sec["blocks"] if b["type"] == "plan" for s in b["steps"]]


def _dream(plan) -> list[str]:
    """The dream in a few lines: the cards of the dream section (else none)."""
    lines = [
        _short(c["text"])
        for sec in plan["sections"]
        if sec["id"] in ("droombeeld", "droom", "dream")
        for b in sec["blocks"]
        if b["type"] == "cards"
        for g in b["groups"]
        for c in g["cards"]
    ]
    return lines[:DREAM_LINES]


def _chosen(plan) -> list[Mapping[str, Any]]:
    return [c for sec in plan["sections"] for b in sec["blocks"] if b["type"] == "vote" for c in b["chosen"]]


def _reflection(plan) -> list[dict]:
    return [
        {"label": item["label"], "average": item["average"], "count": item["count"]}
        for sec in plan["sections"]
        for b in sec["blocks"]
        if b["type"] == "rate"
        for item in b["items"]
        if item["average"] is not None
    ]


def _kept(texts: list[str | None]) -> list[str]:
    return [t for t in texts if t]


def _short(text: str) -> str:
    text = clean(text).strip()
    if len(text) <= TEXT_MAX:
        return text
    return text[:TEXT_MAX].rsplit(" ", 1)[0] + "…"


def search_text(document: Mapping[str, Any], theme_labels: str = "") -> str:
    """The words an entry is found by: its texts, place, game and theme."""
    parts = [
        document.get("question", ""),
        document.get("municipality", ""),
        document.get("game", {}).get("title") or "",
        theme_labels,
        *document.get("dream", ()),
        *(i["text"] for i in document.get("ideas", ())),
        *(s["what"] for s in document.get("path", ())),
        *(p for s in document.get("path", ()) for p in s["partners"]),
        *document.get("lessons", ()),
    ]
    return "\n".join(p for p in parts if p)
