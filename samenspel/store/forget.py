"""Forgetting a person's name in the database: in the items and the logged payloads of every
session it reached (samenspel/engine/forget.py decides what changes), their participant
records, their owner's links, then a WAL checkpoint so the old pages do not stay readable in
SQLite's ``-wal`` file (samenspel/store/db.py).

One person can have several records in an initiative: whoever joins a follow-up through
their owner's link continues their earlier record (``participants.continues_id``,
services/continuing.py). ``person`` finds them all; ``first_session_of`` the session of the
earliest, where forgetting them starts (services/forgetting.py says why)."""

from __future__ import annotations

from typing import Iterable

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from samenspel.engine.actions import is_id
from samenspel.engine.forget import scrub
from samenspel.engine.state import Update
from samenspel.store.models import ActionRow, GameSession, OwnerLink, Participant
from samenspel.store.models import Item as ItemRow

#: a forgotten participant's name in their record
NAME_REMOVED = ""


def first_session_of(db: Session, participant_id, session_id: int) -> int:
    """The session of the earliest record of the person behind ``participant_id`` — back
    along ``continues_id``, which is set when a record is made and never changes, so it may
    be read before any lock — or ``session_id`` when that is no participant of it."""
    record = db.get(Participant, participant_id) if is_id(participant_id) else None
    if record is None or record.session_id != session_id:
        return session_id
    seen = {record.id}
    while record.continues_id is not None and record.continues_id not in seen:
        earlier = db.get(Participant, record.continues_id)
        if earlier is None:
            break
        record = earlier
        seen.add(record.id)
    return record.session_id


def person(db: Session, participant: Participant) -> list[Participant]:
    """Every record of the person ``participant`` is one of: whom they continue and who
    continues them, transitively (oldest first), read afresh (another transaction may have
    changed or added one since this one last looked)."""
    found = {participant.id: participant}
    frontier = [participant]
    while frontier:
        ids = [p.id for p in frontier]
        earlier = [p.continues_id for p in frontier if p.continues_id is not None]
        linked = db.scalars(
            select(Participant)
            .where(or_(Participant.continues_id.in_(ids), Participant.id.in_(earlier)))
            .execution_options(populate_existing=True)
        )
        frontier = [p for p in linked if p.id not in found]
        found.update((p.id, p) for p in frontier)
    return sorted(found.values(), key=lambda p: p.id)


def revoke_links(db: Session, participant_ids: Iterable[int], at_ms: int) -> None:
    """Their owner's links stop working. On PostgreSQL this waits for a join that is moving
    one of them on (store/owner_links.py ``hand_over``) to commit, so whoever it made is
    found by the next ``person``."""
    db.execute(
        update(OwnerLink)
        .where(OwnerLink.participant_id.in_(list(participant_ids)), OwnerLink.revoked_ms.is_(None))
        .values(revoked_ms=at_ms)
        .execution_options(synchronize_session=False)
    )


def redact(db: Session, session: GameSession, changes: list[Update], names: Iterable[str]) -> list[int]:
    """Write the item ``changes`` (a redaction: ``updated_ms`` stays) and scrub ``names``
    from every logged payload of the session; the ids of the items that changed."""
    names = list(names)
    for change in changes:
        db.get(ItemRow, change.item_id).data = dict(change.data)
    for row in db.scalars(select(ActionRow).where(ActionRow.session_id == session.id)):
        scrubbed = scrub(row.payload, names)
        if scrubbed is not row.payload:
            row.payload = scrubbed
    db.flush()
    db.info["checkpoint"] = True
    return [change.item_id for change in changes]


def later_sessions(db: Session, session: GameSession) -> list[GameSession]:
    """The sessions of ``session``'s initiative made after it (oldest first): where its
    steps, and the names on them, were carried to, and where its participants may be
    continued."""
    if session.initiative_id is None:
        return []
    return list(
        db.scalars(
            select(GameSession)
            .where(GameSession.initiative_id == session.initiative_id, GameSession.id > session.id)
            .order_by(GameSession.id)
        )
    )
