"""The action path as an iCalendar file: one all-day event per dated step, on its due date.
Events are written by the blocks' renderers (``export/blocks/``) through ``Cal.event``.

UIDs are stable (session code + step id), so importing a newer export updates the events
instead of doubling them. Events are TRANSPARENT (a deadline does not block the day) and
TENTATIVE while the plan is a draft. A step's event carries a reminder a week before its
date (``VALARM``, ``ACTION:DISPLAY``, ``TRIGGER:-P7D``), so the owner has time to act.
The icalendar library escapes commas, semicolons and line breaks, so text cannot start a
property or an event of its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

from icalendar import Alarm, Calendar, Event

from samenspel.export import slug
from samenspel.export.blocks import renderer_for
from samenspel.export.labels import labels

PRODID = "-//Samenspel//Actieplan//NL"
UID_DOMAIN = "samenspel.invalid"
#: how long before a step's date its reminder goes off
REMINDER_BEFORE = dt.timedelta(days=7)


def reminder(summary: str) -> Alarm:
    """A display reminder a week before the start of the event it goes into."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -REMINDER_BEFORE)
    alarm.add("description", summary)
    return alarm


class Cal:
    """What a block renderer needs to add calendar events."""

    def __init__(self, document: Mapping[str, Any]):
        self.document = document
        self.lang = document["lang"]
        self.words = labels(self.lang)
        self.draft = document["status"] == "draft"
        self.stamp = dt.datetime.fromisoformat(document["generated_at"].replace("Z", "+00:00"))
        initiative = document["initiative"]
        self.session = slug(initiative.get("code") or "") or slug(initiative["title"]) or "sessie"

    def uid(self, key: str) -> str:
        """A UID that stays the same across exports of one session (``key``: what it is, e.g.
        ``step-12``), so importing a newer export updates instead of doubling."""
        return f"{self.session}-{key}@{UID_DOMAIN}"

    def event(
        self, key: str, day: dt.date, summary: str, description: str, category: str, *, remind: bool = False
    ) -> Event:
        """An all-day event on ``day``; ``remind``: with a reminder a week before."""
        event = Event()
        event.add("uid", self.uid(key))
        event.add("dtstamp", self.stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", summary)
        event.add("description", description)
        event.add("status", "TENTATIVE" if self.draft else "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        event.add("categories", [category])
        if remind:
            event.add_component(reminder(summary))
        return event


def render(document: Mapping[str, Any]) -> bytes:
    cal = Cal(document)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{cal.words['plan']}: {document['initiative']['title']}")
    for section in document["sections"]:
        for block in section["blocks"]:
            for component in renderer_for(block["type"]).ics(block, cal):
                calendar.add_component(component)
    return calendar.to_ical()
