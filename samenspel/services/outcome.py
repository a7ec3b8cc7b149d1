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
from typing import Any, Callable, Mapping

from samenspel.engine.state import FACILITATOR_PLAYER, Player
from samenspel.engine.views import AUDIENCES, PARTICIPANT, Viewer, audience_of

#: shapes one broadcast for one kind of viewer: (event, payload), or None to send nothing
Build = Callable[[Viewer], "tuple[str, dict] | None"]


@dataclass(frozen=True)
class Broadcast:
    """One change told to the room, numbered in the session's sequence.

    Each audience (engine/views.py ``AUDIENCES``) gets its own copy, shaped once; an
    audience with nothing to see gets no frame at all. So that its clients still find every
    gap, a copy carries ``prev``, the ``seq`` of the last broadcast that audience was sent,
    when that is not ``seq - 1`` (docs/protocol.md)."""

    #: the session's sequence number; None for a notice outside the sequence (session:deleted)
    seq: int | None
    build: Build
    #: per audience: the ``seq`` of the last broadcast it was sent before this one
    before: Mapping[str, int] = field(default_factory=dict)
    #: per audience: its copy, or None when it is not sent this one
    copies: Mapping[str, "tuple[str, dict] | None"] = field(default_factory=dict)
    #: a table's item in a table round: only that table's phones (and the screens and the
    #: facilitator) may receive it; the other tables' phones get a ``tick``. None: everyone.
    table: int | None = None
    #: how many tables the session has (the rooms to tick), with ``table``
    tables: int = 0
    #: an item's author when the phones are not sent it (a round no phone shows): their
    #: own view goes to their own room, so their other sockets keep their items (and learn
    #: of the facilitator's moderation of them)
    owner: Player | None = None

    @classmethod
    def numbered(cls, seq: int, build: Build, heard: Mapping[str, int]) -> "Broadcast":
        """Shape the broadcast numbered ``seq`` for every audience; ``heard`` holds the last
        ``seq`` each audience was sent so far."""
        shells = {name: build(viewer) for name, viewer in AUDIENCES.items()}
        before = {name: heard.get(name, seq - 1) for name in AUDIENCES}
        return cls(seq, build, before, shells)

    def heard_after(self) -> dict[str, int]:
        """Per audience, the last ``seq`` it was sent once this broadcast is (at tables every
        phone gets a frame: its table's copy, or a ``tick``)."""
        return {name: self.seq if self.copies.get(name) else self.before[name] for name in AUDIENCES}

    def _numbered(self, built: tuple[str, dict], audience: str) -> tuple[str, dict]:
        event, payload = built
        if self.seq is None:
            return event, payload
        prev = self.before.get(audience, self.seq - 1)
        return event, {"seq": self.seq, **({"prev": prev} if prev != self.seq - 1 else {}), **payload}

    def copy_for(self, audience: str) -> tuple[str, dict] | None:
        """The audience's copy (event, payload), or None: this audience is not sent it."""
        built = self.copies[audience] if audience in self.copies else self.build(AUDIENCES[audience])
        return None if built is None else self._numbered(built, audience)

    def tick_for(self, audience: str) -> tuple[str, dict]:
        """A ``tick`` in the audience's sequence: this ``seq`` happened, not for you."""
        return self._numbered(("tick", {}), audience)

    def shaped(self, viewer: Viewer) -> tuple[str, dict]:
        """The event and payload for ``viewer`` (an ack, a person's own room): a ``tick`` when
        there is nothing to see."""
        built = self.build(viewer)
        if built is None:
            return self._numbered(("tick", {}), audience_of(viewer))
        return self._numbered(built, audience_of(viewer))

    def own(self, viewer: Viewer) -> tuple[str, dict] | None:
        """The copy for one person's own room, or None when there is nothing for them."""
        built = self.build(viewer)
        return None if built is None else self._numbered(built, audience_of(viewer))


@dataclass
class Outcome:
    ack: dict[str, Any]
    broadcasts: list[Broadcast] = field(default_factory=list)
    session_id: int | None = None
    #: the view of the socket that acted (its ack carries the broadcasts in this view)
    viewer: Viewer | None = None
    #: the participant concerned (whose input this was, or who was taken out): their
    #: other sockets get their own view
    author: Player | None = None
    #: who plays changed: (how many play now, the ``seq`` of that change), for the phones'
    #: count (the ``people`` notice, told at most once a second: live/broadcast.py)
    headcount: "tuple[int, int] | None" = None
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
