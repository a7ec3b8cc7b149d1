"""The action path as an iCalendar file: one all-day event per dated step, on its due date.

UIDs are stable (session code + step id), so importing a newer export updates the events
instead of doubling them. Events are TRANSPARENT (a deadline does not block the day) and
TENTATIVE while the plan is a draft. The icalendar library escapes commas, semicolons and
line breaks, so text cannot start a property or an event of its own.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

from icalendar import Calendar, Event

from samenspel.export import plan_steps, slug
from samenspel.export.labels import labels

PRODID = "-//Samenspel//Actieplan//NL"
UID_DOMAIN = "samenspel.invalid"


def uid(document: Mapping[str, Any], step: Mapping[str, Any]) -> str:
    initiative = document["initiative"]
    session = slug(initiative.get("code") or "") or slug(initiative["title"]) or "sessie"
    return f"{session}-step-{step['id']}@{UID_DOMAIN}"


def description(document: Mapping[str, Any], step: Mapping[str, Any]) -> str:
    words = labels(document["lang"])
    lines = []
    if step["owner"]:
        lines.append(f"{words['owner']}: {step['owner']}")
    if step["partners"]:
        lines.append(f"{words['partners']}: {', '.join(step['partners'])}")
    if step["needs"]:
        lines.append(f"{words['needs']}: {step['needs']}")
    if step["idea"]:
        lines.append(f"{words['idea']}: {step['idea']['text']}")
    lines.append(f"{words['plan']}: {document['initiative']['title']}")
    return "\n".join(lines)


def render(document: Mapping[str, Any]) -> bytes:
    words = labels(document["lang"])
    draft = document["status"] == "draft"
    stamp = dt.datetime.fromisoformat(document["generated_at"].replace("Z", "+00:00"))
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{words['plan']}: {document['initiative']['title']}")
    for step in plan_steps(document):
        if not step["due"]:
            continue
        day = dt.date.fromisoformat(step["due"])
        event = Event()
        event.add("uid", uid(document, step))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", step["what"])
        event.add("description", description(document, step))
        event.add("status", "TENTATIVE" if draft else "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        event.add("categories", [words["calendar"]])
        calendar.add_component(event)
    return calendar.to_ical()
