"""What an operation returns: the ack for the actor and the broadcasts to send after the
commit, each numbered in the session's sequence."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from sqlalchemy.orm import Session

from samenspel.engine.views import Viewer
from samenspel.store.models import GameSession
from samenspel.store.sessions import next_seq

#: shapes one broadcast for one kind of viewer: (event, payload), or None to send nothing
Build = Callable[[Viewer], "tuple[str, dict] | None"]


@dataclass(frozen=True)
class Broadcast:
    seq: int
    build: Build


@dataclass
class Outcome:
    ack: dict[str, Any]
    broadcasts: list[Broadcast] = field(default_factory=list)


def broadcast(db: Session, session: GameSession, build: Build) -> Broadcast:
    return Broadcast(next_seq(db, session), build)


def same_for_all(db: Session, session: GameSession, event: str, payload: dict) -> Broadcast:
    return broadcast(db, session, lambda _viewer: (event, payload))
