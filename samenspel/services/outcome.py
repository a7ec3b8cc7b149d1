"""What a use case returns: the ack for whoever acted, and the broadcasts to send after the
commit, each numbered in the session's sequence and shaped per viewer.

Ack before broadcast, and the author's own view: the socket that acted is skipped by every
broadcast of its outcome; its ack carries those broadcasts as it would have received them
(``events``, with their ``seq``), so nothing about its input can overtake the ack. The
author's other sockets (their personal room) get the author's own view first, then the
room's copy with the same ``seq``, which they ignore.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from samenspel.engine.state import FACILITATOR_PLAYER, Player
from samenspel.engine.views import PARTICIPANT, Viewer

#: shapes one broadcast for one kind of viewer: (event, payload), or None to send nothing
Build = Callable[[Viewer], "tuple[str, dict] | None"]


@dataclass(frozen=True)
class Broadcast:
    #: the session's sequence number; None for a notice outside the sequence (session:deleted)
    seq: int | None
    build: Build
    #: a table's item in a table round: only that table's phones (and the screens and the
    #: facilitator) may receive it; the other tables' phones get a ``tick``. None: everyone.
    table: int | None = None
    #: how many tables the session has (the rooms to tick), with ``table``
    tables: int = 0

    def shaped(self, viewer: Viewer) -> tuple[str, dict]:
        """The event and payload for ``viewer``: a ``tick`` when there is nothing to see."""
        built = self.build(viewer)
        if built is None:
            return "tick", {"seq": self.seq}
        event, payload = built
        return event, payload if self.seq is None else {"seq": self.seq, **payload}


@dataclass
class Outcome:
    ack: dict[str, Any]
    broadcasts: list[Broadcast] = field(default_factory=list)
    session_id: int | None = None
    #: the view of the socket that acted (its ack carries the broadcasts in this view)
    viewer: Viewer | None = None
    #: the participant whose input this was: their other sockets get their own view
    author: Player | None = None
    #: the tables at a glance changed (seats, the round): the console and the screens get
    #: a fresh one (live/overview.py; table items mark their broadcasts with ``table``)
    overview: bool = False

    @property
    def tables_changed(self) -> bool:
        return self.overview or any(b.table is not None for b in self.broadcasts)

    @property
    def author_view(self) -> Viewer | None:
        if self.author is None or self.author is FACILITATOR_PLAYER:
            return None
        return Viewer(PARTICIPANT, self.author)

    def reply(self) -> dict[str, Any]:
        """The ack for the acting socket, with the broadcasts it is skipped by."""
        sequenced = [b for b in self.broadcasts if b.seq is not None]
        if self.viewer is None or not sequenced:
            return self.ack
        events = [dict(zip(("event", "data"), b.shaped(self.viewer))) for b in sequenced]
        return {**self.ack, "seq": sequenced[-1].seq, "events": events}
