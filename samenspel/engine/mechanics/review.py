"""Looking back on the action path (issue 13): a follow-up session walks through the steps of
a plan round one at a time. The projector shows the step the facilitator is at
(``review_next``/``review_prev``, kept in the round's state as ``focus``); on the phones the
owner — or anyone, as the rules say (``status_by``) — sets its status with a note on what is
needed, others offer help ("ik help mee": they become a partner), a stuck step gets a new
owner or date, a dropped step needs a reason.

The review keeps no items of its own: it changes the steps of the plan round it reviews
(``steps_from``; in a follow-up session the steps carried over from the earlier plan), so
their status and dated history go on from there (through ``engine/steps.py``, as the
owner's own link does). What the step was before the review is kept in the step itself
(``reviewed``), once, when the review first touches it; the plan document shows old and new.

A player may act on any step of the walk, not only the one on the projector: a note typed
while the facilitator moves on is not lost."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping

from samenspel.engine.document_context import DocumentContext, clean, iso_date
from samenspel.engine.errors import Rejected
from samenspel.engine.forget import PLACEHOLDER
from samenspel.engine.mechanics.base import Mechanic, register, require_int
from samenspel.engine.mechanics.plan import due_date, ordered
from samenspel.engine.state import FACILITATOR_PLAYER, Item, Player, RoundState, SessionState, Turn, Update
from samenspel.engine.steps import NOTE_MAX_LENGTH, STATUSES, checked_note, checked_status, status_of, with_status
from samenspel.engine.text import clean_text
from samenspel.rules.model import Round

NEXT, PREV = "review_next", "review_prev"
#: a step that is over: nobody helps with it or takes it over any more
FINISHED = ("done", "dropped")

_STATUS = {"enum": list(STATUSES)}
_REVIEWED_STEP = {
    "type": "object",
    "additionalProperties": False,
    "required": [
        "id",
        "number",
        "what",
        "owner",
        "owner_before",
        "partners",
        "helpers",
        "due",
        "due_before",
        "status",
        "status_before",
        "notes",
        "reviewed",
    ],
    "properties": {
        "id": {"$ref": "#/$defs/id"},
        "number": {"type": "integer", "minimum": 1, "description": "Its number in the action path."},
        "what": {"type": "string"},
        "owner": {"type": "string"},
        "owner_before": {"type": "string", "description": "The owner before the review."},
        "partners": {"type": "array", "items": {"type": "string"}},
        "helpers": {
            "type": "array",
            "items": {"type": "string"},
            "description": 'Who offered help in the review ("ik help mee"); they are partners now.',
        },
        "due": {"oneOf": [{"$ref": "#/$defs/date"}, {"type": "null"}]},
        "due_before": {"oneOf": [{"$ref": "#/$defs/date"}, {"type": "null"}]},
        "status": _STATUS,
        "status_before": {**_STATUS, "description": "The status the step had when the review began."},
        "notes": {
            "type": "array",
            "items": {"type": "string"},
            "description": "The notes given in the review (what is needed; a dropped step's reason), oldest first.",
        },
        "reviewed": {"type": "boolean", "description": "Whether the review touched the step."},
    },
}


@register
class Review(Mechanic):
    key = "review"
    item_kind = "review"
    verbs = ("status", "help", "reassign")
    creating_verbs = ()
    facilitator_verbs = ("status", "reassign")
    controls = (NEXT, PREV)
    figures = {
        "reviewed_steps": "Steps a review round went through and touched.",
        "reviewed_done": "Reviewed steps that are done.",
        "reviewed_stuck": "Reviewed steps that are stuck.",
        "reviewed_dropped": "Reviewed steps that were dropped.",
    }
    block_schema = {
        "required": ["steps_from", "steps"],
        "properties": {
            "steps_from": {"type": "string", "description": "The plan round whose steps were reviewed."},
            "steps": {"type": "array", "items": {"$ref": "#/$defs/reviewedStep"}},
        },
        "defs": {"reviewedStep": _REVIEWED_STEP},
    }

    # --- what players do ------------------------------------------------------------------

    def status(self, turn: Turn, payload: dict) -> Update:
        """The step's status, with a note (what is needed); a dropped step needs a reason."""
        step = _step(turn, payload)
        if turn.round.settings["status_by"] == "owner" and not _may_set(turn.actor, step):
            raise Rejected("not_allowed", f"step {step.id} is not yours: its owner sets its status")
        note = payload.get("note")
        if isinstance(note, str) and not note.strip():
            note = None  # a blank note is no note (and no reason to drop a step)
        status, note = checked_status(payload.get("status")), checked_note(note)
        if status == "dropped" and not note:
            raise Rejected("empty", "a dropped step needs a reason", field="note")
        record = _record(turn, step)
        return Update(step.id, {**with_status(step.data, status, note, turn.at_ms), "reviewed": record})

    def help(self, turn: Turn, payload: dict) -> Update:
        """ "Ik help mee" (``help: true``) makes the player a partner of the step; ``help:
        false`` takes it back (a partner named before the review stays)."""
        if not turn.round.settings["help"]:
            raise Rejected("not_allowed", 'this review has no "ik help mee"')
        step = _step(turn, payload)
        on = payload.get("help", True)
        if not isinstance(on, bool):
            raise Rejected("bad_request", "help must be true or false", field="help")
        record = _record(turn, step)
        helpers = [dict(h) for h in record["helpers"]]
        partners = list(step.data.get("partners") or ())
        name = turn.actor.name or PLACEHOLDER
        mine = next((h for h in helpers if h["id"] == turn.actor.id), None)
        if on:
            if _is_owner(turn.actor, step):
                raise Rejected("not_allowed", f"step {step.id} is yours already")
            if status_of(step.data) in FINISHED:
                raise Rejected("not_allowed", f"step {step.id} is {status_of(step.data)}", status=status_of(step.data))
            if mine is not None:
                return Update(step.id, step.data)  # a resend: already helping
            if not _named(name, partners):
                most = _plan_settings(turn)["max_partners"]
                if len(partners) >= most:
                    raise Rejected("limit_reached", f"a step has at most {most} partners", max=most)
                partners.append(name)
            helpers.append({"id": turn.actor.id, "name": name})
        else:
            if mine is None:
                return Update(step.id, step.data)
            helpers.remove(mine)
            kept = [*record["before"]["partners"], *(h["name"] for h in helpers)]
            if not _named(mine["name"], kept):
                partners = [p for p in partners if p.casefold() != mine["name"].casefold()]
        record = {**record, "helpers": helpers}
        data = {**step.data, "partners": partners, "rev": _bumped(step, "partners"), "reviewed": record}
        return Update(step.id, data)

    def reassign(self, turn: Turn, payload: dict) -> Update:
        """A step that is not over gets a new owner (a name, or ``take: true`` for yourself)
        and/or a new date."""
        step = _step(turn, payload)
        if status_of(step.data) in FINISHED:
            raise Rejected("not_allowed", f"step {step.id} is {status_of(step.data)}", status=status_of(step.data))
        settings = _plan_settings(turn)
        changed: dict[str, Any] = {}
        if payload.get("take") is True:
            if turn.actor is FACILITATOR_PLAYER:
                raise Rejected("not_allowed", "the facilitator names the new owner instead")
            changed.update(owner=turn.actor.name or PLACEHOLDER, owner_id=turn.actor.id)
        elif "owner" in payload:
            _has_field(settings, "owner")
            owner = payload["owner"]
            if owner in (None, "") or (isinstance(owner, str) and not owner.strip()):
                raise Rejected("empty", "name the new owner", field="owner")
            changed.update(owner=clean_text(owner, max_length=settings["max_length"]["owner"], field="owner"))
            changed["owner_id"] = None
        if "due" in payload:
            _has_field(settings, "due")
            changed["due"] = due_date(payload["due"])
        if not changed:
            raise Rejected("bad_request", "give a new owner (owner or take) or a new date (due)")
        rev = dict(step.data.get("rev") or {})
        for name in ("owner", "due"):
            if name in changed and changed[name] != step.data.get(name):
                rev[name] = rev.get(name, 0) + 1
        record = _record(turn, step)
        return Update(step.id, {**step.data, **changed, "rev": rev, "reviewed": record})

    # --- what everyone sees -----------------------------------------------------------------

    def phone_rounds(self, rnd: Round) -> tuple[str, ...]:
        return (rnd.settings["steps_from"],)

    def summary_reads(self, rnd: Round, game) -> tuple[str, ...]:
        """The walk is over the steps of the plan round it reviews, and what it touched here."""
        return (rnd.id, rnd.settings["steps_from"])

    def summary(self, rnd: Round, session: SessionState, viewer) -> dict | None:
        """The walk: the steps in order, the one on the projector (``current``), which the
        review touched; and the limits the phones need (the plan round's fields)."""
        steps = walk(session, rnd)
        ids = [s.id for s in steps]
        plan = session.game.round(rnd.settings["steps_from"]).settings
        return {
            "steps_from": rnd.settings["steps_from"],
            "order": ids,
            "current": current(session, rnd, ids),
            "reviewed": [s.id for s in steps if reviewed_in(rnd, s)],
            "statuses": list(STATUSES),
            "note_max": NOTE_MAX_LENGTH,
            "fields": list(plan["fields"]),
            "owner_max": plan["max_length"]["owner"],
        }

    def control(self, rnd: Round, session: SessionState, action: str) -> RoundState:
        """The next or the previous step on the projector."""
        ids = [s.id for s in walk(session, rnd)]
        if not ids:
            raise Rejected("invalid_transition", "there are no steps to review")
        index = ids.index(current(session, rnd, ids)) + (1 if action == NEXT else -1)
        if not 0 <= index < len(ids):
            raise Rejected("invalid_transition", "this is the last step" if index else "this is the first step")
        return replace(session.round_state(rnd.id), focus=ids[index])

    # --- the plan document ------------------------------------------------------------------

    def block(self, rnd: Round, doc: DocumentContext) -> dict[str, Any]:
        steps = [s for s in walk(doc.session, rnd)]
        return {
            "steps_from": rnd.settings["steps_from"],
            "steps": [_reviewed(doc, rnd, step, number) for number, step in enumerate(steps, 1)],
        }

    def count(self, block: dict[str, Any]) -> dict[str, int]:
        touched = [s for s in block["steps"] if s["reviewed"]]
        return {
            "reviewed_steps": len(touched),
            **{f"reviewed_{status}": sum(1 for s in touched if s["status"] == status) for status in FINISHED},
            "reviewed_stuck": sum(1 for s in touched if s["status"] == "stuck"),
        }


def walk(session: SessionState, rnd: Round) -> list[Item]:
    """The steps the review goes through: its plan round's, in the action path's order."""
    return ordered(s for s in session.items_of(rnd.settings["steps_from"], "step") if not s.hidden)


def current(session: SessionState, rnd: Round, ids: list[int]) -> int | None:
    """The step on the projector: the one the facilitator moved to, else the first."""
    focus = session.round_state(rnd.id).focus
    return focus if focus in ids else (ids[0] if ids else None)


def reviewed_in(rnd: Round, step: Item) -> Mapping[str, Any] | None:
    """What the step was before this review, when this review touched it. The record names
    the step's own id: a step carried into a later session (engine/steps.py carried_over)
    is a new item there, so an earlier session's record does not count."""
    record = step.data.get("reviewed")
    if isinstance(record, Mapping) and record.get("item") == step.id and record.get("round") == rnd.id:
        return record
    return None


def _record(turn: Turn, step: Item) -> dict[str, Any]:
    record = reviewed_in(turn.round, step)
    if record is not None:
        return dict(record)
    data = step.data
    return {
        "item": step.id,
        "round": turn.round.id,
        "at": turn.at_ms,
        "before": {
            "status": status_of(data),
            "owner": data.get("owner") or "",
            "due": data.get("due"),
            "partners": list(data.get("partners") or ()),
        },
        "helpers": [],
    }


def _step(turn: Turn, payload: dict) -> Item:
    step_id = require_int(payload, "step_id", 1, 2**62)
    step = turn.session.item(step_id)
    if step is None or step.kind != "step" or step.hidden or step.round_id != turn.round.settings["steps_from"]:
        raise Rejected("not_found", f"no step {step_id} in this review")
    return step


def _plan_settings(turn: Turn) -> Mapping[str, Any]:
    return turn.session.game.round(turn.round.settings["steps_from"]).settings


def _has_field(settings: Mapping[str, Any], name: str) -> None:
    if name not in settings["fields"]:
        raise Rejected("bad_request", f"the steps of this plan have no {name}", field=name)


def _named(name: str, names) -> bool:
    return name.casefold() in {n.casefold() for n in names}


def _is_owner(player: Player, step: Item) -> bool:
    """The step's owner. A step someone took on ("ik pak dit op") is theirs by id only: a
    player who took the same name is not its owner. A step carried over from an earlier
    session is its earlier owner's until they join through their own link, which makes it
    theirs by id here (engine/step_events.py ``steps:continue``). Only a step named after
    someone (``owner`` typed, no ``owner_id``: nobody's claim) goes by name."""
    data = step.data
    if data.get("owner_id") is not None:
        return data["owner_id"] == player.id
    return bool(player.name) and bool(data.get("owner")) and _named(player.name, [data["owner"]])


def _may_set(player: Player, step: Item) -> bool:
    return player is FACILITATOR_PLAYER or _is_owner(player, step)


def _bumped(step: Item, name: str) -> dict[str, int]:
    rev = dict(step.data.get("rev") or {})
    rev[name] = rev.get(name, 0) + 1
    return rev


def _reviewed(doc: DocumentContext, rnd: Round, step: Item, number: int) -> dict[str, Any]:
    data = step.data
    record = reviewed_in(rnd, step)
    before = (record or {}).get("before") or {}
    since = (record or {}).get("at")
    notes = [
        clean(entry.get("note"))
        for entry in data.get("history") or ()
        if since is not None and (entry.get("at") or 0) >= since and entry.get("note")
    ]
    owner = doc.person(data.get("owner") or "", data.get("owner_id"))
    helpers = (record or {}).get("helpers", ())
    return {
        "id": step.id,
        "number": number,
        "what": clean(data.get("what")),
        "owner": owner,
        "owner_before": doc.person(before["owner"]) if record else owner,
        "partners": [p for p in (doc.person(p) for p in data.get("partners") or ()) if p],
        "helpers": [p for p in (doc.person(h.get("name") or "", h.get("id")) for h in helpers) if p],
        "due": iso_date(data.get("due")),
        "due_before": iso_date(before.get("due")) if record else iso_date(data.get("due")),
        "status": status_of(data),
        "status_before": before.get("status") or status_of(data),
        "notes": notes,
        "reviewed": record is not None,
    }
