"""Step owners' personal links (``/o/<token>``): made, found by token, revoked.

Only a hash of a token is stored. The token itself is derived from the server's secret key
and the link's random ``salt`` (an HMAC), so the same participant is shown the same link
again after a reload of their phone, while the database alone never reveals a token. A
scaled set-up shares ``SAMENSPEL_SECRET_KEY`` across its processes already (CSRF)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from samenspel.store.clock import now_ms
from samenspel.store.models import OwnerLink, Participant
from samenspel.store.secrets import token_hash

#: the shortest string that can be a token (anything shorter is refused unread)
TOKEN_LENGTH = 32


def token_of(link: OwnerLink, secret: str) -> str:
    mac = hmac.new(secret.encode(), f"owner-link:{link.salt}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")[:TOKEN_LENGTH]


def link_for(db: Session, participant: Participant, initiative_id: int, secret: str) -> tuple[OwnerLink, str]:
    """The participant's link that works (made now when they have none): it and its token.
    A participant who was continued in a later session (their link moved there with their
    steps) is given that same link: one person, one link."""
    participant = current_of(db, participant)
    link = db.scalar(
        select(OwnerLink)
        .where(OwnerLink.participant_id == participant.id, OwnerLink.revoked_ms.is_(None))
        .order_by(OwnerLink.id.desc())
    )
    if link is None:
        link = OwnerLink(
            initiative_id=initiative_id,
            participant_id=participant.id,
            salt=secrets.token_hex(16),
            token_hash="",
            created_ms=now_ms(),
        )
        link.token_hash = token_hash(token_of(link, secret))
        db.add(link)
        db.flush()
    return link, token_of(link, secret)


def current_of(db: Session, participant: Participant) -> Participant:
    """The participant who is the same person now: whoever continues them in a later session
    of the initiative (they joined it through this participant's link), and so on; else
    ``participant`` itself."""
    seen = {participant.id}
    while True:
        later = db.scalar(
            select(Participant).where(Participant.continues_id == participant.id).order_by(Participant.id.desc())
        )
        if later is None or later.id in seen:
            return participant
        participant = later
        seen.add(later.id)


def hand_over(db: Session, link_id: int, earlier_id: int, participant_id: int) -> bool:
    """The link now reaches ``participant_id``, who continues ``earlier_id`` — only while it
    still works and reaches ``earlier_id``: one statement, so of two joins racing with one
    link only one moves it (the other is refused and its transaction undone)."""
    moved = db.execute(
        update(OwnerLink)
        .where(OwnerLink.id == link_id, OwnerLink.participant_id == earlier_id, OwnerLink.revoked_ms.is_(None))
        .values(participant_id=participant_id)
        .execution_options(synchronize_session=False)
    )
    return moved.rowcount == 1


def by_token(db: Session, token) -> OwnerLink | None:
    if not isinstance(token, str) or len(token) != TOKEN_LENGTH:
        return None
    return db.scalar(select(OwnerLink).where(OwnerLink.token_hash == token_hash(token)))


def links_of(db: Session, initiative_id: int) -> list[tuple[OwnerLink, Participant]]:
    rows = db.execute(
        select(OwnerLink, Participant)
        .join(Participant, Participant.id == OwnerLink.participant_id)
        .where(OwnerLink.initiative_id == initiative_id)
        .order_by(OwnerLink.id)
    )
    return [(link, participant) for link, participant in rows]


def revoke(db: Session, initiative_id: int, link_id) -> bool:
    link = db.get(OwnerLink, link_id) if isinstance(link_id, int) and not isinstance(link_id, bool) else None
    if link is None or link.initiative_id != initiative_id:
        return False
    if link.revoked_ms is None:
        link.revoked_ms = now_ms()
    return True
