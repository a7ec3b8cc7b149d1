"""The initiative's action path as an iCalendar file: one all-day event per dated step of the
current path, with the plan's reminder a week before (export/ics.py). For the calendar feed
of an initiative (subscribed once in Outlook or Google, fetched again as the plan changes)
and for an owner's own steps (``steps`` picks them).

UIDs follow a step's line, not the session it is in now (``key``: the first step of the
line, engine/initiative_document.py), so a follow-up session that imports the steps updates
the subscribed events instead of adding them again. A step done or dropped stays in the
calendar (so the event is updated, not orphaned) but is marked CANCELLED when dropped and
says its status in the title when done (a VEVENT has no COMPLETED status: that is for
to-dos), neither has a reminder any more.

An event says which version of the step it is: ``SEQUENCE`` counts the step's changes and
``LAST-MODIFIED`` is when it last changed (``revisions``, from the stored steps: a change of
date leaves no history entry), so a client that compares them takes the new date or status;
``DTSTAMP`` is when the file was made. Without ``revisions`` SEQUENCE counts the history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from icalendar import Calendar, Event, vDuration

from samenspel.export.ics import PRODID, UID_DOMAIN, reminder
from samenspel.export.report_labels import words


@dataclass(frozen=True)
class Revision:
    """Which version of a step an event shows: how many changes it has had, and when the
    last one was."""

    sequence: int
    modified: dt.datetime | None = None


def uid(document: Mapping[str, Any], step: Mapping[str, Any]) -> str:
    return f"initiative-{document['initiative']['id'] or 0}-step-{step['key']}@{UID_DOMAIN}"


def calendar(
    document: Mapping[str, Any],
    steps: Iterable[Mapping[str, Any]] | None = None,
    name: str | None = None,
    *,
    revisions: Mapping[int, Revision] | None = None,
    refresh: dt.timedelta | None = None,
) -> bytes:
    """The dated steps of ``document`` (or only ``steps``, a selection of its steps), each
    step's ``revisions`` by its id; ``refresh``: how often a subscribed calendar should
    fetch it again (a hint Outlook and Apple follow)."""
    w = words(document["lang"])
    stamp = dt.datetime.fromisoformat(document["generated_at"].replace("Z", "+00:00"))
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name or f"{w['action_path']}: {document['initiative']['title']}")
    if refresh is not None:
        cal.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(refresh).to_ical().decode())
    for step in document["steps"] if steps is None else steps:
        if not step["due"]:
            continue
        day = dt.date.fromisoformat(step["due"])
        summary = step["what"] if step["status"] != "done" else f"{step['what']} ({w['done']})"
        event = Event()
        event.add("uid", uid(document, step))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", summary)
        lines = [f"{w['status']}: {w[step['status']]}"]
        if step["owner"]:
            lines.append(f"{w['owner']}: {step['owner']}")
        if step["partners"]:
            lines.append(f"{w['partners']}: {', '.join(step['partners'])}")
        if step["needs"]:
            lines.append(f"{w['needs']}: {step['needs']}")
        lines.append(f"{w['report']}: {document['initiative']['title']}")
        event.add("description", "\n".join(lines))
        event.add("status", "CANCELLED" if step["status"] == "dropped" else "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        revision = (revisions or {}).get(step["id"]) or Revision(len(step["history"]))
        event.add("sequence", revision.sequence)
        if revision.modified is not None:
            event.add("last-modified", revision.modified)
        if step["status"] not in ("done", "dropped"):
            event.add_component(reminder(step["what"]))
        cal.add_component(event)
    return cal.to_ical()


def render(document: Mapping[str, Any]) -> bytes:
    return calendar(document)
