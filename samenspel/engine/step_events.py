"""The logged events that change steps outside a plan round's play (issue 13): a follow-up
session importing the steps of the one it continues, an update of a step's status, owner or
date between meetings (by its owner's link or from the initiative page), and a step owner
taking their carried steps back when they join the follow-up through their own link.

They are actions like any other: logged on the step's session and applied through
``engine.apply``, so replaying a session's log rebuilds its imported steps and their
history exactly. The services write them; no socket event reaches them (their names are
not ``<item kind>:<verb>``, so a phone cannot send one). Every rule about a step's status
is in engine/steps.py."""

from __future__ import annotations

from typing import Any, Mapping

from samenspel.engine import steps
from samenspel.engine.actions import is_id
from samenspel.engine.errors import Rejected
from samenspel.engine.forget import PLACEHOLDER
from samenspel.engine.mechanics.plan import FIELDS, due_date
from samenspel.engine.state import FACILITATOR_PLAYER, Change, Create, Item, Player, SessionState, Update
from samenspel.engine.text import clean_text
from samenspel.rules.model import Round

IMPORT, STATUS, EDIT, CONTINUE = "steps:import", "steps:status", "steps:edit", "steps:continue"
EVENTS = (IMPORT, STATUS, EDIT, CONTINUE)


def plan_round(state: SessionState) -> Round | None:
    """The round imported steps go to: the game's first action-plan round."""
    return next((r for r in state.game.rounds if r.mechanic == "plan"), None)


def decide(
    state: SessionState, event: str, payload: Any, at_ms: int, player: Player = FACILITATOR_PLAYER
) -> tuple[str | None, list[Change]]:
    """The round the changes belong to, and the changes. ``player``: who acted (``steps:continue``)."""
    if not isinstance(payload, Mapping):
        raise Rejected("bad_request", "payload must be an object")
    if event == IMPORT:
        return _import(state, payload)
    if event == CONTINUE:
        return _continued(state, payload, player)
    step = step_item(state, payload.get("id"))
    if event == STATUS:
        data = steps.with_status(step.data, payload.get("status"), payload.get("note"), at_ms)
        if data == dict(step.data):  # a resent update: nothing to log
            raise Rejected("unchanged", "the step already has that status")
        return step.round_id, [Update(step.id, data)]
    return step.round_id, [Update(step.id, _edited(state, step, payload))]


def step_item(state: SessionState, item_id) -> Item:
    item = state.item(item_id) if is_id(item_id) else None
    if item is None or item.kind != "step":
        raise Rejected("not_found", f"no step {item_id}")
    return item


def _import(state: SessionState, payload: Mapping) -> tuple[str, list[Change]]:
    """``{"from": code, "steps": [{"origin": id, "data": {...}}]}``: each step as it stood in
    the earlier session, carried over with its status and history."""
    rnd = plan_round(state)
    carried = payload.get("steps")
    if rnd is None or not isinstance(carried, list) or not carried:
        raise Rejected("bad_request", "nothing to import, or no action plan to import into")
    changes: list[Change] = []
    for entry in carried:
        good = isinstance(entry, Mapping) and is_id(entry.get("origin")) and isinstance(entry.get("data"), Mapping)
        if not good:
            raise Rejected("bad_request", "each imported step needs its origin and data")
        changes.append(Create("step", steps.carried_over(entry["data"], entry["origin"])))
    return rnd.id, changes


def _continued(state: SessionState, payload: Mapping, player: Player) -> tuple[str | None, list[Change]]:
    """``{"participant_id": id}``, by a participant who joined through the owner's link of
    that earlier participant (services/continuing.py): the steps carried over with their
    claim (``owner_id``) become the newcomer's own, as if they had said "ik pak dit op" —
    their name in ``owner``, their id in ``owner_id`` — so their phone, the review's
    ``status_by: owner`` and their link know them by id. Nothing else of a step changes.
    No carried step of theirs: no changes (the caller logs nothing).

    ``renamed`` (logged since forgetting reaches every record of a person): whether the
    newcomer's name differs from the earlier one, which moves the owner field's revision.
    Once the person is forgotten both names read ``…`` in the replayed log, so the logged
    answer decides, not the names; a log without it compares the names, as before."""
    earlier = payload.get("participant_id")
    if not is_id(earlier) or player is FACILITATOR_PLAYER or state.player(player.id) is None:
        raise Rejected("bad_request", "a participant of this session continues an earlier one")
    if earlier == player.id:
        raise Rejected("bad_request", "a participant cannot continue themselves")
    rnd = plan_round(state)
    if rnd is None:
        return None, []
    name = player.name or PLACEHOLDER  # a name forgotten since is replayed as its placeholder
    renamed = payload.get("renamed")
    if renamed is not None and not isinstance(renamed, bool):
        raise Rejected("bad_request", "renamed must be true or false")
    changes: list[Change] = []
    for step in state.items_of(rnd.id, "step"):
        if step.data.get("owner_id") != earlier:
            continue
        rev = dict(step.data.get("rev") or {})
        if renamed is True or (renamed is None and step.data.get("owner") != name):
            rev["owner"] = rev.get("owner", 0) + 1
        changes.append(Update(step.id, {**step.data, "owner": name, "owner_id": player.id, "rev": rev}))
    return rnd.id, changes


def _edited(state: SessionState, step: Item, payload: Mapping) -> dict:
    """The facilitator's change of a step's owner or date between meetings: like a plan
    edit, each changed field's revision goes up (an edit in a live plan round started from
    the old one is told ``conflict``); a new owner is a name, no participant's claim."""
    rnd = state.game.round(step.round_id)
    lengths = rnd.settings.get("max_length", {}) if rnd is not None else {}
    data, rev = dict(step.data), dict(step.data.get("rev") or {name: 0 for name in FIELDS})
    changed = False
    if "owner" in payload:
        owner = payload["owner"]
        owner = "" if owner in (None, "") else clean_text(owner, max_length=lengths.get("owner", 60), field="owner")
        if owner != data.get("owner"):
            data["owner"], data["owner_id"], changed = owner, None, True
            rev["owner"] = rev.get("owner", 0) + 1
    if "due" in payload:
        due = due_date(payload["due"])
        if due != data.get("due"):
            data["due"], changed = due, True
            rev["due"] = rev.get("due", 0) + 1
    if not changed:
        raise Rejected("unchanged", "nothing changed")
    return {**data, "rev": rev}
