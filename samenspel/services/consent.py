"""Publishing with consent (issue 14): the facilitator proposes (``publish:propose``),
every phone is shown exactly what would be published and asked "Mag dit gedeeld worden?"
(``publish:ask``), each participant answers (``publish:consent``; the facilitator answers
for those without a phone), and the facilitator confirms (``publish:confirm``), which
publishes only when nobody objected.

Objections are anonymous: the room is never told who answered what, nor how many; the
facilitator sees counts only (``publish:counts``). The proposal lives in the database
(store/library.py), answered under the session's lock, so any server process may take the
next answer. What is published is what the phones saw: the proposal's document, as
engine/library/publish.py made it from the facilitator's theme and edits.
"""

from __future__ import annotations

import uuid
from typing import Any, Mapping

from samenspel.engine.errors import Rejected
from samenspel.engine.library import publish as publishing
from samenspel.engine.library.themes import THEMES
from samenspel.engine.views import FACILITATOR, FACILITATORS, PARTICIPANT, PHONES, audience_of
from samenspel.services import library
from samenspel.services.context import Context
from samenspel.services.outcome import Outcome
from samenspel.services.unit import ActorRef, Unit, acting
from samenspel.store import library as entries
from samenspel.store.models import LibraryProposal

#: edits a proposal may carry (one per text at most)
MAX_EDITS = 500


def propose(ctx: Context, ref: ActorRef, payload: Any) -> Outcome:
    """``{theme, municipality?, edits?}`` → ack ``{ok, preview, texts, counts}``: the
    document the phones are asked about, and every text with its flags for the review."""
    if ref.kind != FACILITATOR:
        raise Rejected("not_allowed", "only the facilitator proposes")
    theme, municipality, edits = _proposal_fields(payload)
    plan, report, names, _ = library.material(ctx, ref.session_id, ref.lang)
    document = publishing.publish(plan, report, theme=theme, municipality=municipality, edits=edits, names=names)
    review = publishing.preview(plan, report, municipality=municipality, names=names)
    with acting(ctx, ref, FACILITATOR) as unit:
        # a new id per proposal, even of the same document in the same millisecond
        choices = {"theme": theme, "municipality": municipality, "edits": edits, "proposal": uuid.uuid4().hex[:16]}
        row = entries.propose(unit.db, unit.session.id, document, choices)
        counts = _counts(unit, row)
        asked = proposal_id(row)
        told = unit.broadcast(
            lambda viewer: {
                PHONES: ("publish:ask", {"preview": document, "proposal": asked, "theme_label": theme_label(document)}),
                FACILITATORS: ("publish:counts", counts),
            }.get(audience_of(viewer))
        )
        texts = [{"key": t.key, "text": t.text, "flags": list(t.flags), "edit": edits.get(t.key)} for t in review.texts]
        ack = {"ok": True, "preview": document, "proposal": asked, "texts": texts, "counts": counts}
        return Outcome(ack, [told], unit.session.id, viewer=unit.viewer)


def consent(ctx: Context, ref: ActorRef, payload: Any) -> Outcome:
    """A participant's ``{agree: true|false, proposal?}``; the facilitator's ``{participant:
    id, agree, proposal?}`` for someone without a phone (a phone naming a ``participant``
    is refused, never taken as its own answer). The facilitator is told the new counts. An
    answer naming another proposal than the open one (a phone that was offline while the
    question changed, a console that had not heard of a new proposal yet) is refused
    ``stale``: a yes is never counted for a document its giver did not see."""
    agree = payload.get("agree") if isinstance(payload, Mapping) else None
    if not isinstance(agree, bool):
        raise Rejected("bad_request", "agree must be true or false")
    with acting(ctx, ref, PARTICIPANT, FACILITATOR) as unit:
        if unit.viewer.kind == FACILITATOR:
            player = unit.state().player(payload.get("participant"))
            if player is None or not player.proxy:
                raise Rejected("not_allowed", "the facilitator answers only for someone without a phone")
        elif "participant" in payload:
            raise Rejected("not_allowed", "a phone answers only for itself")
        else:
            player = unit.player
        row = entries.proposal(unit.db, unit.session.id)
        if row is None:
            raise Rejected("not_found", "nothing is proposed")
        if payload.get("proposal") is not None and payload.get("proposal") != proposal_id(row):
            raise Rejected("stale", "the question has changed since this answer was given")
        row = entries.answer(unit.db, unit.session.id, player.id, agree)
        counts = _counts(unit, row)
        told = unit.broadcast(lambda viewer: ("publish:counts", counts) if viewer.kind == FACILITATOR else None)
        ack = {"ok": True, **({"counts": counts} if unit.viewer.kind == FACILITATOR else {})}
        return Outcome(ack, [told], unit.session.id, viewer=unit.viewer)


def confirm(ctx: Context, ref: ActorRef, payload: Any = None) -> Outcome:
    """Publish the proposal when nobody objected (else ``objection``); ack ``{ok, id, url}``."""
    with acting(ctx, ref, FACILITATOR) as unit:
        row = entries.proposal(unit.db, unit.session.id)
        if row is None:
            raise Rejected("not_found", "nothing is proposed")
        objections = sum(1 for agreed in row.answers.values() if not agreed)
        if objections:
            raise Rejected("objection", "someone does not agree", objections=objections)
        entry_id = str(uuid.uuid4())
        document = {**row.document, "id": entry_id}
        columns = library.columns(document, initiative_id=unit.session.initiative_id, licence=publishing.LICENCE)
        entries.add(unit.db, columns)
        entries.close_proposal(unit.db, unit.session.id)
        url = f"/bibliotheek/{entry_id}"
        told = unit.broadcast(
            lambda viewer: ("publish:done", {"url": url}) if audience_of(viewer) in (PHONES, FACILITATORS) else None
        )
        return Outcome({"ok": True, "id": entry_id, "url": url}, [told], unit.session.id, viewer=unit.viewer)


def current(ctx: Context, ref: ActorRef, payload: Any = None) -> Outcome:
    """The open proposal's preview for a phone that (re)connects after ``publish:ask`` was
    sent (``{ok, preview: null}`` when none is open), and whether it answered already
    (never what it answered, to anyone but itself)."""
    with acting(ctx, ref, PARTICIPANT, FACILITATOR, write=False) as unit:
        row = entries.proposal(unit.db, unit.session.id)
        if row is None:
            return Outcome({"ok": True, "preview": None}, session_id=unit.session.id)
        ack: dict[str, Any] = {
            "ok": True,
            "preview": dict(row.document),
            "proposal": proposal_id(row),
            "theme_label": theme_label(row.document),
        }
        if unit.viewer.kind == PARTICIPANT:
            ack["answer"] = row.answers.get(str(unit.player.id))
        else:
            ack["counts"] = _counts(unit, row)
        return Outcome(ack, session_id=unit.session.id)


def review(ctx: Context, ref: ActorRef) -> dict:
    """For the facilitator's review page: every text that would be published with its
    flags (as the open proposal's choices left them, else as played), the open proposal
    (its document, choices and counts) or None, and the suggested municipality."""
    with acting(ctx, ref, FACILITATOR, write=False) as unit:
        row = entries.proposal(unit.db, unit.session.id)
        opened = None
        if row is not None:
            opened = {"document": dict(row.document), "choices": dict(row.choices or {}), "counts": _counts(unit, row)}
    choices = opened["choices"] if opened else {}
    plan, report, names, _ = library.material(ctx, ref.session_id, ref.lang)
    texts = publishing.preview(plan, report, municipality=choices.get("municipality"), names=names).texts
    return {
        "texts": texts,
        "proposal": opened,
        "municipality": publishing.municipality_of(plan["initiative"]["place"] or ""),
    }


def theme_label(document: Mapping[str, Any]) -> dict[str, str] | None:
    """The theme's name in every language, beside the document (which keeps only the key,
    as the library stores it): one broadcast serves phones in Dutch and in English."""
    return THEMES.get(document.get("theme"))


def proposal_id(row: LibraryProposal) -> str:
    """Names one proposal: a new one (even of the same session and document) gets another
    id, so an answer to an earlier question can be told from an answer to this one. Kept in
    the proposal's choices; a proposal stored before ids existed is named by its time."""
    return str((row.choices or {}).get("proposal") or row.created_ms)


def _proposal_fields(payload: Any) -> tuple[str, str | None, dict]:
    if not isinstance(payload, Mapping):
        raise Rejected("bad_request", "payload must be an object")
    theme = payload.get("theme")
    if theme not in THEMES:
        raise Rejected("bad_request", "choose a theme", field="theme")
    municipality = payload.get("municipality")
    if municipality is not None and (not isinstance(municipality, str) or len(municipality) > 120):
        raise Rejected("bad_request", "municipality must be a short text", field="municipality")
    edits = payload.get("edits") or {}
    good = isinstance(edits, Mapping) and len(edits) <= MAX_EDITS
    good = good and all(isinstance(k, str) and isinstance(v, Mapping) for k, v in edits.items())
    if not good:
        raise Rejected("bad_request", "edits: {key: {text?, omit?, keep?}}", field="edits")
    return theme, municipality, {k: dict(v) for k, v in edits.items()}


def _counts(unit: Unit, row: LibraryProposal) -> dict:
    """How many of the session's players agreed, objected, have not answered; the players
    without a phone the facilitator answers for, each with the answer the facilitator gave
    for them (``answer``: true, false or null) — the facilitator's own input, so a console
    opened again shows it, while a phone's answer stays a number in the counts; and which
    proposal they count, for the facilitator's answers to name. For facilitators only: the
    phones and screens are never sent this (``publish:counts`` goes to the facilitators'
    room, ``counts`` only into a facilitator's ack)."""
    players = unit.state().players
    answers = row.answers
    return {
        "total": len(players),
        "agree": sum(1 for p in players if answers.get(str(p.id)) is True),
        "object": sum(1 for agreed in answers.values() if agreed is False),
        "waiting": sum(1 for p in players if str(p.id) not in answers),
        "proxies": [
            {"id": p.id, "name": p.name, "answered": str(p.id) in answers, "answer": answers.get(str(p.id))}
            for p in players
            if p.proxy
        ],
        "proposal": proposal_id(row),
    }
