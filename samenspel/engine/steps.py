"""A step's status between meetings: not started, under way, done, stuck, dropped — and its
dated history of updates, each with a short note.

A step lives on after its evening (issue 13): its owner updates it through their own link,
the facilitator from the initiative page, a follow-up session reviews it (the ``review``
mechanic). Every one of those paths changes the status through ``with_status`` so the
history reads the same whoever wrote it. Pure: the caller gives the time.

Stored in the step item's data (engine/mechanics/plan.py): ``status`` (absent on steps made
before statuses existed: read as ``not_started``) and ``history``, oldest first, each entry
``{status, note, at}`` with ``at`` in milliseconds since the epoch (exports show it as an
ISO date-time)."""

from __future__ import annotations

from typing import Any, Mapping

from samenspel.engine.errors import Rejected
from samenspel.engine.text import clean_text

#: every status, in the order a step usually goes through them
STATUSES = ("not_started", "under_way", "done", "stuck", "dropped")
DEFAULT_STATUS = "not_started"
#: the longest note an update may carry (one short sentence or two)
NOTE_MAX_LENGTH = 280
#: the most history entries a step keeps (the oldest go first); far above a year of updates
HISTORY_MAX = 200


def status_of(data: Mapping[str, Any]) -> str:
    return data.get("status") or DEFAULT_STATUS


def history_of(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [dict(entry) for entry in data.get("history") or ()]


def checked_status(value: Any) -> str:
    if value not in STATUSES:
        raise Rejected("bad_request", f"status must be one of {', '.join(STATUSES)}", field="status")
    return value


def checked_note(value: Any) -> str:
    if value in (None, ""):
        return ""
    return clean_text(value, max_length=NOTE_MAX_LENGTH, field="note")


def with_status(data: Mapping[str, Any], status: Any, note: Any, at_ms: int) -> dict[str, Any]:
    """The step's data with a new status and one more history entry. A note without a change
    of status is an update too (\"still waiting for the permit\"); the same status without a
    note changes nothing (a resent update): the same data comes back, and the caller answers
    ``unchanged`` instead of logging an action."""
    status, note = checked_status(status), checked_note(note)
    if status == status_of(data) and not note and data.get("status"):
        return dict(data)
    history = history_of(data) + [{"status": status, "note": note, "at": at_ms}]
    return {**data, "status": status, "history": history[-HISTORY_MAX:]}


def carried_over(data: Mapping[str, Any], origin: int) -> dict[str, Any]:
    """A step's data as a follow-up session imports it: the same step, status and history,
    remembering which step it continues (``origin``, the earlier item's id). Its owner keeps
    their ``owner_id`` (a participant of the earlier session: their link keeps reaching the
    step) until they join this session through that link (``steps:continue``,
    engine/step_events.py); its ``idea`` was a card of the earlier session and is not carried."""
    return {**data, "status": status_of(data), "history": history_of(data), "origin": origin, "idea": None}
