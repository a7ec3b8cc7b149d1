"""What an initiative hands out beyond its pages (issue 13): its report (for the facilitator's
key), a calendar of an owner's own steps (for their link) and the calendar feed of its whole
action path (for the feed's token), and the facilitator's care for that feed (turned on, a
new address, turned off).

Every door counts a wrong secret like a wrong room code (services/access.py), so guessing a
key, an owner's token or a feed's token costs the same. The report is read in short
read-only transactions (services/report.py) that end before anything is rendered.

The feed is the report's calendar (export/report_ics.py) made afresh on every fetch, so a
step's new status or date is in the next fetch; each event says how many changes its step
has had (``SEQUENCE``: status updates, and each edit of a field, counted by the field's
revision) and when the last was (``LAST-MODIFIED``: the stored item's ``updated_ms``), so
Outlook and Google take the new version."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from samenspel.engine.errors import Rejected
from samenspel.export.report_ics import Revision
from samenspel.services import access, initiatives, owners
from samenspel.services.context import Context
from samenspel.services.report import report
from samenspel.store import initiatives as stored
from samenspel.store.models import GameSession, Initiative


@dataclass(frozen=True)
class Calendar:
    """A report and what its calendar needs besides: which of its steps (None: all) and
    each step's revision."""

    document: dict
    steps: list | None
    revisions: dict[int, Revision]


def _fields(initiative: Initiative) -> dict:
    return {
        "id": initiative.id,
        "title": initiative.title,
        "question": initiative.question,
        "place": initiative.place,
    }


def _anonymous(sessions: list[GameSession]) -> bool:
    """A facilitator who made one evening's plan anonymous keeps its names out of the report."""
    return any(s.plan_anonymous for s in sessions)


def _revisions(db, sessions: list[GameSession]) -> tuple[dict[int, Revision], dict[int, int | None]]:
    """By the id of each step on the current path: its revision, and its owner (the
    participant id of the owner who took it on, None for a name typed in)."""
    _session, path = initiatives.current_path(initiatives.states(db, sessions))
    revisions = {
        step.id: Revision(
            len(step.data.get("history") or ()) + sum((step.data.get("rev") or {}).values()),
            dt.datetime.fromtimestamp(max(step.updated_ms, step.created_ms) / 1000, dt.timezone.utc),
        )
        for step in path
    }
    owners_of = {step.id: step.data.get("owner_id") for step in path}
    return revisions, owners_of


def initiative_report(ctx: Context, initiative_id, key, lang: str, address: str | None = None, *, anonymous=False):
    """``/i/<id>/report.<fmt>?key=``: the report document (``bad_key`` for a wrong key)."""
    with initiatives.opening(ctx, initiative_id, key, address) as (_db, opened):
        fields, ids = _fields(opened.initiative), [s.id for s in opened.sessions]
        anonymous = anonymous or _anonymous(opened.sessions)
    return report(ctx, fields, ids, lang, anonymous=anonymous)


def owner_calendar(ctx: Context, token, lang: str, address: str | None = None) -> Calendar:
    """``/o/<token>/steps.ics``: the report's calendar of the owner's own steps on the
    current path; refused like the owner's page."""
    owner = owners.owner_of(ctx, token, address)
    with ctx.database.unit_of_work(write=False) as db:
        initiative = db.get(Initiative, owner.initiative_id)
        sessions = stored.sessions_of(db, initiative.id)
        fields, ids, anonymous = _fields(initiative), [s.id for s in sessions], _anonymous(sessions)
        revisions, owners_of = _revisions(db, sessions)
    document = report(ctx, fields, ids, lang, anonymous=anonymous)
    mine = [s for s in document["steps"] if owners_of.get(s["id"]) == owner.participant_id]
    return Calendar(document, mine, revisions)


def feed(ctx: Context, initiative_id, token, lang: str, address: str | None = None) -> Calendar:
    """``/i/<id>/calendar/<token>.ics``: every dated step of the current path. A token that
    opens no feed of this initiative (guessed, or replaced or turned off since) is
    ``bad_key`` and counts like a wrong room code."""
    guard = access.guarded(ctx, address)
    with guard, ctx.database.unit_of_work() as db:
        guard.check(db)
        initiative = stored.by_feed_token(db, initiative_id, token)
        if initiative is None:
            raise Rejected("bad_key")  # a guess: counted
        sessions = stored.sessions_of(db, initiative.id)
        fields, ids, anonymous = _fields(initiative), [s.id for s in sessions], _anonymous(sessions)
        revisions, _owners = _revisions(db, sessions)
    return Calendar(report(ctx, fields, ids, lang, anonymous=anonymous), None, revisions)


def feed_token(ctx: Context, initiative_id, key, address: str | None = None) -> str | None:
    """The feed's token for the initiative page (None while the feed is off)."""
    with initiatives.opening(ctx, initiative_id, key, address) as (_db, opened):
        return stored.feed_token(opened.initiative, ctx.config["SECRET_KEY"])


def new_feed(ctx: Context, initiative_id, key, address: str | None = None) -> str:
    """Turn the feed on, or give it a new address (the old one stops working): its token."""
    with initiatives.opening(ctx, initiative_id, key, address, write=True) as (db, opened):
        return stored.new_feed_token(db, opened.initiative, ctx.config["SECRET_KEY"])


def stop_feed(ctx: Context, initiative_id, key, address: str | None = None) -> None:
    """Turn the feed off: its address stops working."""
    with initiatives.opening(ctx, initiative_id, key, address, write=True) as (db, opened):
        stored.stop_feed(db, opened.initiative)
