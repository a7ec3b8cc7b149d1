"""The action path (actiepad): steps with what, owner, partners, date and needs, each
serving one of the chosen ideas. The plan is shared: anyone may edit any step; "ik pak dit
op" claims a step for yourself.

Concurrent edits: every field of a step has a revision (``rev``). An edit names the revision
it started from (``base``); when someone else changed that field in between, the edit is
refused with ``conflict`` and the current text, so the loser is told and can re-apply —
nobody's edit is silently overwritten, and everybody sees the same final text."""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

from samenspel.engine.document_context import DocumentContext, clean, iso_date
from samenspel.engine.errors import Rejected
from samenspel.engine.forget import PLACEHOLDER
from samenspel.engine.mechanics.base import Mechanic, base_view, register, round_item
from samenspel.engine.mechanics.vote import candidates, chosen_ideas
from samenspel.engine.state import FACILITATOR_PLAYER, Create, Delete, Item, SessionState, Turn, Update
from samenspel.engine.steps import STATUSES, history_of, status_of
from samenspel.engine.text import clean_text
from samenspel.rules.model import Round

#: Every field a step stores a revision for.
FIELDS = ("what", "owner", "partners", "due", "needs", "idea")

_STEP = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "number", "what", "owner", "partners", "due", "needs", "status", "history", "idea"],
    "properties": {
        "id": {"$ref": "#/$defs/id"},
        "number": {
            "type": "integer",
            "minimum": 1,
            "description": "Position in the action path (sorted by date, undated last).",
        },
        "what": {"type": "string"},
        "owner": {"type": "string", "description": "The trekker; empty when nobody took it on yet."},
        "partners": {"type": "array", "items": {"type": "string"}},
        "due": {"oneOf": [{"$ref": "#/$defs/date"}, {"type": "null"}]},
        "needs": {"type": "string"},
        "status": {"enum": list(STATUSES), "description": "Where the step stands (engine/steps.py)."},
        "history": {
            "type": "array",
            "description": "Every update of the status, oldest first, each with its note.",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["status", "note", "at"],
                "properties": {
                    "status": {"enum": list(STATUSES)},
                    "note": {"type": "string"},
                    "at": {"type": "string", "format": "date-time", "pattern": "Z$"},
                },
            },
        },
        "origin": {
            "$ref": "#/$defs/id",
            "description": "The step of an earlier session this one continues (a follow-up imports it).",
        },
        "idea": {
            "type": ["object", "null"],
            "additionalProperties": False,
            "required": ["id", "text", "chosen"],
            "properties": {
                "id": {"$ref": "#/$defs/id"},
                "text": {"type": "string"},
                "chosen": {"type": "boolean"},
                "table": {"$ref": "#/$defs/tableRef"},
            },
        },
    },
}


@register
class Plan(Mechanic):
    key = "plan"
    item_kind = "step"
    verbs = ("add", "edit", "claim", "delete")
    facilitator_verbs = ("add", "edit")
    leads_plan = True
    figures = {
        "steps": "Steps in the action path.",
        "steps_with_owner": "Steps someone took on.",
        "steps_with_date": "Steps with a date.",
    }
    block_schema = {
        "required": ["fields", "ideas", "steps"],
        "properties": {
            "fields": {"type": "array", "items": {"enum": ["what", "owner", "partners", "due", "needs"]}},
            "ideas": {
                "type": "array",
                "description": "The chosen ideas this action path works on.",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "text", "votes"],
                    "properties": {
                        "id": {"$ref": "#/$defs/id"},
                        "text": {"type": "string"},
                        "votes": {"type": "integer", "minimum": 0},
                        "table": {"$ref": "#/$defs/tableRef"},
                    },
                },
            },
            "steps": {"type": "array", "items": {"$ref": "#/$defs/step"}},
        },
        "defs": {"step": _STEP},
    }

    def ended_items(self, session: SessionState, player_id: int) -> dict[str, list[Item]]:
        return {"own_steps": own_steps(session, player_id)}

    def add(self, turn: Turn, payload: dict) -> Create:
        """A new step; with ``claim: true`` the writer takes it on as they add it ("ik pak dit
        op" in the form): they become its owner by id, as a claim afterwards would make them.
        Without it, a round whose rules require an owner left a player only a typed name,
        which nobody owns, so the step never reached their own link or end screen."""
        data = {"what": "", "owner": "", "owner_id": None, "partners": [], "due": None, "needs": "", "idea": None}
        data.update(self._fields(turn, payload))
        claim = payload.get("claim", False)
        if not isinstance(claim, bool):
            raise Rejected("bad_request", "claim must be true or false", field="claim")
        if claim:
            if turn.actor.id == FACILITATOR_PLAYER.id:
                raise Rejected("not_allowed", "only a player can take a step on", field="claim")
            data.update(_taken_on_by(turn))
        self._check_required(turn.round, data)
        return Create("step", {**data, "rev": {name: 0 for name in FIELDS}})

    def edit(self, turn: Turn, payload: dict) -> Update:
        step = round_item(turn, "step", payload.get("id"))
        changed = self._fields(turn, payload)
        base = payload.get("base", {})
        if not isinstance(base, dict):
            raise Rejected("bad_request", "base must map fields to revisions")
        rev = dict(step.data.get("rev", {}))
        for name in changed:
            if base.get(name, 0) != rev.get(name, 0):
                raise Rejected(
                    "conflict",
                    f"{name} was changed by someone else",
                    field=name,
                    current=step.data.get(name),
                    rev=rev.get(name, 0),
                )
        data = {**step.data, **changed}
        if "owner" in changed:
            data["owner_id"] = None
        self._check_required(turn.round, data)
        for name in changed:
            rev[name] = rev.get(name, 0) + 1
        return Update(step.id, {**data, "rev": rev})

    def claim(self, turn: Turn, payload: dict) -> Update:
        """ "Ik pak dit op": only a step nobody owns yet; taking over is an edit of owner."""
        step = round_item(turn, "step", payload.get("id"))
        if step.data.get("owner") and step.data.get("owner_id") != turn.actor.id:
            raise Rejected(
                "conflict",
                "someone already owns this step",
                field="owner",
                current=step.data.get("owner"),
                rev=step.data.get("rev", {}).get("owner", 0),
            )
        rev = dict(step.data.get("rev", {}))
        rev["owner"] = rev.get("owner", 0) + 1
        return Update(step.id, {**step.data, **_taken_on_by(turn), "rev": rev})

    def delete(self, turn: Turn, payload: dict) -> Delete:
        step = round_item(turn, "step", payload.get("id"))
        if remover(step) != turn.actor.id:
            raise Rejected("not_allowed", f"step {step.id} is not yours to remove")
        return Delete(step.id)

    def view(self, item: Item, viewer, session: SessionState) -> dict | None:
        # every copy (the author's, the room's) says who may remove the step, so a phone
        # offers "Weghalen" exactly when ``delete`` would take it (and keeps knowing it after
        # someone else changed the step)
        # and where the step stands, also before anyone set a status (docs/protocol.md)
        status = {"status": status_of(item.data), "history": history_of(item.data)}
        return {**base_view(item), **status, "removable_by": remover(item)}

    def summary(self, rnd: Round, session: SessionState, viewer) -> dict | None:
        return {"ideas": ideas(session, rnd)}

    def summary_reads(self, rnd: Round, game) -> tuple[str, ...]:
        """The chosen ideas come from the vote (its ballots) and the ideas' round (their
        text); the steps are not in the summary."""
        vote = game.round(rnd.settings.get("ideas_from") or "")
        return () if vote is None else (vote.id, vote.settings["from_round"])

    def _fields(self, turn: Turn, payload: dict) -> dict:
        settings = turn.round.settings
        allowed = set(settings["fields"]) | {"idea"}
        fields = {}
        for name in ("what", "owner", "needs"):
            if name in payload and name in allowed:
                value = payload[name]
                fields[name] = (
                    ""
                    if value in (None, "")
                    else clean_text(value, max_length=settings["max_length"][name], field=name)
                )
        if "partners" in payload and "partners" in allowed:
            fields["partners"] = partners(payload["partners"], settings)
        if "due" in payload and "due" in allowed:
            fields["due"] = due_date(payload["due"])
        if "idea" in payload:
            fields["idea"] = self._idea(turn, payload["idea"])
        return fields

    def _idea(self, turn: Turn, value) -> int | None:
        """A step serves one idea: usually a chosen one, but any idea of the vote may get steps."""
        if value is None:
            return None
        vote_round = turn.session.game.round(turn.round.settings.get("ideas_from") or "")
        if (
            vote_round is None
            or not isinstance(value, int)
            or isinstance(value, bool)
            or value not in {c.id for c in candidates(turn.session, vote_round)}
        ):
            raise Rejected("not_found", "that idea is not on the list")
        return value

    @staticmethod
    def _check_required(rnd: Round, data: dict) -> None:
        for name in rnd.settings["required"]:
            if data.get(name) in (None, "", []):
                raise Rejected("empty", f"{name} is required", field=name)

    # --- the plan document ---------------------------------------------------------------

    def block(self, rnd: Round, doc: DocumentContext) -> dict[str, Any]:
        vote_round = doc.game.round(rnd.settings.get("ideas_from") or "")
        cards: dict[int, Item] = {}
        if vote_round is not None and vote_round.mechanic == "vote":
            cards = {c.id: c for c in doc.session.items_of(vote_round.settings["from_round"], "card")}
        chosen = [
            doc.with_table({"id": idea["id"], "text": clean(idea["text"]), "votes": idea["votes"]}, idea["table"])
            for idea in chosen_ideas(doc.session, vote_round)
        ]
        chosen_ids = {i["id"] for i in chosen}
        steps = ordered(doc.visible(rnd, "step"))
        return {
            "fields": list(rnd.settings.get("fields") or ()),
            "ideas": chosen,
            "steps": [_step(doc, s, n, cards, chosen_ids) for n, s in enumerate(steps, 1)],
        }

    def count(self, block: dict[str, Any]) -> dict[str, int]:
        steps = block["steps"]
        return {
            "steps": len(steps),
            "steps_with_owner": sum(1 for s in steps if s["owner"]),
            "steps_with_date": sum(1 for s in steps if s["due"]),
        }

    def steps(self, block: dict[str, Any]) -> list[dict[str, Any]]:
        return block["steps"]


def _step(doc: DocumentContext, item: Item, number: int, cards: Mapping[int, Item], chosen_ids: set[int]) -> dict:
    data = item.data
    idea = cards.get(data.get("idea")) if data.get("idea") is not None else None
    return {
        "id": item.id,
        "number": number,
        "what": clean(data.get("what")),
        "owner": doc.person(data.get("owner") or "", data.get("owner_id")),
        "partners": [p for p in (doc.person(p) for p in data.get("partners") or ()) if p],
        "due": iso_date(data.get("due")),
        "needs": clean(data.get("needs")),
        "status": status_of(data),
        "history": [
            {"status": h["status"], "note": clean(h.get("note")), "at": iso_moment(h["at"])} for h in history_of(data)
        ],
        **({"origin": data["origin"]} if data.get("origin") else {}),
        "idea": doc.with_table(
            {"id": idea.id, "text": clean(idea.data.get("text")), "chosen": idea.id in chosen_ids}, idea.table
        )
        if idea is not None
        else None,
    }


def ordered(steps) -> list[Item]:
    """Steps in the order of the action path: by date, undated last (their ``number``)."""
    return sorted(steps, key=lambda s: (not s.data.get("due"), s.data.get("due") or "", s.id))


def plan_steps(session: SessionState) -> list[Item]:
    """Every step of the session's action-plan rounds that belongs in its plan (not
    moderated away), round by round, in id order: the one listing of a session's steps (a
    follow-up imports them, the owner's page and the initiative page read them)."""
    return [
        s for r in session.game.rounds if r.mechanic == Plan.key for s in session.items_of(r.id, "step") if not s.hidden
    ]


def _taken_on_by(turn: Turn) -> dict:
    """The owner fields of a step the actor takes on ("ik pak dit op", on a step or as they
    add it): their name and id; a name forgotten since (engine/forget.py) is replayed as its
    placeholder."""
    return {"owner": turn.actor.name or PLACEHOLDER, "owner_id": turn.actor.id}


def own_steps(session: SessionState, participant_id: int) -> list[Item]:
    """The steps a participant took on (``owner_id``: "ik pak dit op", the same rule as the
    owner's link), in the plan document's order: round by round, by date, undated last."""
    mine = [s for s in plan_steps(session) if s.data.get("owner_id") == participant_id]
    return sorted(ordered(mine), key=lambda s: session.game.round_index(s.round_id))  # stable: dates within a round


def iso_moment(ms: int) -> str:
    """A moment in milliseconds since the epoch as the document writes it (UTC, ``Z``)."""
    moment = dt.datetime.fromtimestamp(ms / 1000, dt.timezone.utc)
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def remover(step: Item) -> int | None:
    """Who may remove a step: its author, as long as nobody else has taken it on ("ik pak
    dit op") — a step someone else carries is no longer the author's alone. None: nobody
    (steps the facilitator typed are hidden through moderation instead)."""
    owner = step.data.get("owner_id")
    return step.author_id if owner in (None, step.author_id) else None


def partners(value, settings) -> list[str]:
    """The partners of a step: a list of names (or one text, comma-separated)."""
    most, length = settings["max_partners"], settings["max_length"]["partner"]
    if isinstance(value, str):
        value = [p for p in value.split(",")]
    if not isinstance(value, list) or len(value) > most:
        raise Rejected("bad_request", f"partners: a list of at most {most} names", max=most)
    return [clean_text(p, max_length=length, field="partners") for p in value if str(p).strip()]


def due_date(value) -> str | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(value).isoformat() if isinstance(value, str) else _bad_date()
    except ValueError:
        return _bad_date()


def _bad_date():
    raise Rejected("bad_request", "due must be a date like 2026-04-15", field="due")


def ideas(session: SessionState, rnd: Round) -> list[dict]:
    """The chosen ideas this plan works on, with their text and dots."""
    return chosen_ideas(session, session.game.round(rnd.settings.get("ideas_from") or ""))
