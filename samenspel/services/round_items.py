"""``items:round`` for a hall at the cost of one build: when the game moves to a vote, every
phone asks for the ideas round at the same moment (static/js/socket.js, after the ``flow``).

Built per request, 1,000 phones each built and encoded the same 380 ideas (≈ 1 ms of views
and ≈ 0.5 ms of JSON apiece, docs/performance.md). Now the round's items as an audience sees them (phones,
screens, facilitators) are built and JSON-encoded once per ``seq`` and kept in the
process's snapshot cache (services/snapshots.py), one entry per session, round and audience
(the newest ``seq`` only, so a vote's stream of ballots does not fill the cache); each
phone's answer is that shared part with two per-viewer parts put back:

- its **own** items, in its own view (``mine``, its own ballot, its card while the round
  conceals the others'): built per request, a few items;
- in a **table round**, another table's items are left out (``seating.hidden_from``, a
  cheap test per item).

What a phone sees of someone else's item is what every phone sees (engine/views.py
``others_item_view``); the audience is part of the key, so a phone is never sent a screen's
or a facilitator's view. The answer's JSON text goes out as made (``Encoded``,
live/packets.py). The wire stays as it was — the whole round, own items included — so a
phone replaces the round's items with the answer as before, and an old client works.

Why not carry the ideas in the phones' ``flow`` copy instead: that copy is one for all
phones, but in a table round the phones at each table see different items, a phone that
reconnects or reloads still asks, and so does a review for its plan round; the request
path stays the one way in, and is now cheap for every round."""

from __future__ import annotations

import json
from dataclasses import dataclass

from samenspel.engine import views
from samenspel.engine.state import Item, SessionState
from samenspel.engine.tables import seating
from samenspel.engine.views import Viewer
from samenspel.services.snapshots import Encoded, SnapshotCache


def _json(value) -> str:
    return json.dumps(value, separators=(",", ":"))  # as python-socketio encodes a packet


@dataclass(frozen=True)
class Shared:
    """One round's items at one ``seq`` as its audience sees those that are not theirs: every
    item of the round in order, its view (None: hidden from the audience) and that view's
    JSON, where each author's items are; and the whole answer for a viewer with no items of
    their own here."""

    items: tuple[Item, ...]
    views: tuple[dict | None, ...]
    texts: tuple[str | None, ...]
    by_author: dict[int | None, tuple[int, ...]]
    everyone: Encoded


def build(state: SessionState, round_id: str, kind: str) -> Shared:
    items = state.items_of(round_id)
    seen = [views.others_item_view(item, kind, state) for item in items]
    texts = [None if view is None else _json(view) for view in seen]
    by_author: dict[int | None, list[int]] = {}
    for at, item in enumerate(items):
        by_author.setdefault(item.author_id, []).append(at)
    everyone = _encoded(seen, texts)
    return Shared(tuple(items), tuple(seen), tuple(texts), {k: tuple(v) for k, v in by_author.items()}, everyone)


def _encoded(seen: list, texts: list) -> Encoded:
    return Encoded([view for view in seen if view is not None], "[" + ",".join(t for t in texts if t is not None) + "]")


def round_items(
    cache: SnapshotCache, session_id: int, seq: int, round_id: str, viewer: Viewer, state: SessionState
) -> Encoded:
    """Every item of ``round_id`` as ``viewer`` may see it, equal to ``views.round_items``
    (tests/live/test_round_items_shared.py holds them to it), from the part shared by the
    viewer's audience at ``seq``."""
    key = ("items:round", session_id, round_id, viewer.kind)
    shared = cache.newest(key, seq, lambda: build(state, round_id, viewer.kind))
    player = viewer.player
    own = () if player is None else shared.by_author.get(player.id, ())
    at_tables = player is not None and seating.current_at_tables(state)
    if not own and not at_tables:
        return shared.everyone
    seen, texts = list(shared.views), list(shared.texts)
    for at in own:
        seen[at] = views.item_view(shared.items[at], viewer, state)
        texts[at] = None if seen[at] is None else _json(seen[at])
    if at_tables:  # another table's items are not sent (their authors' own always are)
        for at, item in enumerate(shared.items):
            if seen[at] is not None and seating.hidden_from(state, item, player):
                seen[at] = texts[at] = None
    return _encoded(seen, texts)
