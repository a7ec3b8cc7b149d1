"""The action plan as plain data: one document every export is rendered from.

Pure: no Flask, no database. The content of each plan section is derived from the rounds
that fill it (``plan_section`` in the rules file): each round's mechanic writes its own
block (``Mechanic.block``), so every game in ``game_rules/`` gets a plan without code of its
own and a new mechanic brings its block with it. The shape is published as a JSON Schema in
``docs/plan.schema.json`` (assembled from the mechanics' block schemas, see
``document_schema.py``); the JSON export is this document as it is.

Hidden items (moderated away, merged into another card) are not part of the plan. Text
typed by players is passed on as text: every renderer escapes it for its own format. Here
it is only stripped of characters no format can carry safely (control characters, bidi
overrides, lone surrogates).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping
from zoneinfo import ZoneInfo

from samenspel.engine.document_context import DocumentContext
from samenspel.engine.document_tables import listed_rounds, tables_part
from samenspel.engine.flow import Status
from samenspel.engine.mechanics import MECHANICS, mechanic_for
from samenspel.engine.state import SessionState
from samenspel.engine.text import clean
from samenspel.rules.model import DEFAULT_LANGUAGE, LANGUAGES, Round

FORMAT = "samenspel.plan"
FORMAT_VERSION = 1
#: Dates in the plan are local dates where the game is played.
TIMEZONE = ZoneInfo("Europe/Amsterdam")


def build_document(
    session: SessionState,
    info: Mapping[str, Any],
    lang: str = "nl",
    *,
    anonymous: bool = False,
    now: dt.datetime | None = None,
) -> dict:
    """The plan of ``session`` in ``lang``; ``info`` holds the session's own fields
    (code, title, question, place, created_ms, ended_ms, optionally date "YYYY-MM-DD")."""
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    now = now or dt.datetime.now(dt.timezone.utc)
    context = DocumentContext(session, lang, anonymous)
    sections = _sections(context)
    steps = [s for section in sections for b in section["blocks"] for s in mechanic_for(b["type"]).steps(b)]
    game = session.game
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "lang": lang,
        "status": "final" if session.flow.status is Status.ENDED else "draft",
        "generated_at": now.astimezone(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "anonymous": anonymous,
        "initiative": {
            "code": clean(info.get("code")),
            "title": clean(info.get("title")),
            "question": clean(info.get("question")),
            "place": clean(info.get("place")),
            "date": _session_date(info, now),
        },
        "game": {"id": game.id, "version": game.version, "title": game.title.get(lang), "minutes": game.minutes},
        "participants": context.people(context.session.players),
        "summary": _summary(session, sections),
        "sections": sections,
        "follow_up": _follow_up(steps),
    }
    if session.tables is not None:
        document["tables"] = tables_part(context)
    return document


def _session_date(info: Mapping[str, Any], now: dt.datetime) -> str:
    if info.get("date"):
        return dt.date.fromisoformat(str(info["date"])).isoformat()
    ms = info.get("ended_ms") or info.get("created_ms")
    moment = dt.datetime.fromtimestamp(ms / 1000, dt.timezone.utc) if ms else now
    return moment.astimezone(TIMEZONE).date().isoformat()


def _sections(context: DocumentContext) -> list[dict]:
    game = context.game
    declared = [(s.id, s.heading.get(context.lang)) for s in game.plan_sections]
    known = {sid for sid, _ in declared}
    for rnd in game.rounds:  # a round filling a section the plan does not list
        if rnd.plan_section and rnd.plan_section not in known:
            declared.append((rnd.plan_section, rnd.title.get(context.lang)))
            known.add(rnd.plan_section)
    sections = [
        {"id": sid, "heading": heading, "blocks": [_block(context, r) for r in game.rounds if r.plan_section == sid]}
        for sid, heading in declared
    ]
    # The action path leads (stable: otherwise the rules file's order).
    return sorted(sections, key=lambda s: not any(mechanic_for(b["type"]).leads_plan for b in s["blocks"]))


def _block(context: DocumentContext, rnd: Round) -> dict:
    block = {
        "type": rnd.mechanic,
        "round": {
            "id": rnd.id,
            "title": rnd.title.get(context.lang),
            "prompt": rnd.prompt.get(context.lang),
            "state": context.round_state(rnd),
        },
    }
    block.update(mechanic_for(rnd.mechanic).block(rnd, context))
    if rnd.id in {r.id for r in listed_rounds(context.session)}:
        # its texts stand once, per table, in the tables part (document_tables.py): the
        # formats show a pointer there instead of the block's items
        block["round"]["at_tables"] = True
    return block


def _summary(session: SessionState, sections: list[dict]) -> dict:
    """The participants, then every figure of every mechanic summed over its blocks (zero
    for a mechanic the game does not use)."""
    figures = {"participants": len(session.players)}
    for mechanic in MECHANICS.values():
        figures.update(dict.fromkeys(mechanic.figures, 0))
    for block in (b for s in sections for b in s["blocks"]):
        for name, value in mechanic_for(block["type"]).count(block).items():
            figures[name] += value
    return figures


def _follow_up(steps: list[dict]) -> dict:
    def ref(step: dict) -> dict:
        return {
            "id": step["id"],
            "number": step["number"],
            "what": step["what"],
            "owner": step["owner"],
            "due": step["due"],
        }

    dated = sorted((s for s in steps if s["due"]), key=lambda s: (s["due"], s["number"]))
    return {
        "next": [ref(s) for s in dated[:3]],
        "without_owner": [ref(s) for s in steps if not s["owner"]],
        "without_date": [ref(s) for s in steps if not s["due"]],
    }


__all__ = ["FORMAT", "FORMAT_VERSION", "build_document", "clean"]
