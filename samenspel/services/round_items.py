"""``items:round`` for a hall at the cost of one build: when the game moves to a vote, every
phone asks for the ideas round at the same moment (static/js/socket.js, after the ``flow``).

Built per request, 1,000 phones each built and encoded the same 380 ideas (≈ 1 ms of views
and ≈ 0.5 ms of JSON apiece). Now the round's items as an audience sees them (phones,
screens, facilitators) are built and JSON-encoded once per ``seq`` and kept in the
process's snapshot cache (services/snapshots.py), one entry per session, round and audience
(the newest ``seq`` only, so a vote's stream of ballots does not fill the cache); each
phone's answer is that shared part with two per-viewer parts put back:

- its **own** items, in its own view (``mine``, its own ballot, its card while the round
  conceals the others'): built per request, a few items;
- in a **table round**, another table's items are left out (``seating.hidden_from``, a
  cheap test per item).

Everything else a phone sees of an item is the same for every phone (engine/views.py
``others_item_view``), so a phone can never be sent another audience's view: the audience
is part of the key. The wire stays as it was — the whole round, own items included — so a
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
    """One round's items at one ``seq`` as its audience sees those that are not theirs:
    every item of the round in order, with its view (None: hidden from the audience) and
    that view's JSON; and the whole answer for a viewer with no items of their own here."""

    entries: tuple[tuple[Item, dict | None, str | None], ...]
    everyone: Encoded


def build(state: SessionState, round_id: str, kind: str) -> Shared:
    entries = []
    for item in state.items_of(round_id):
        view = views.others_item_view(item, kind, state)
        entries.append((item, view, None if view is None else _json(view)))
    shown = [(view, text) for _item, view, text in entries if view is not None]
    everyone = Encoded([view for view, _ in shown], "[" + ",".join(text for _, text in shown) + "]")
    return Shared(tuple(entries), everyone)


def round_items(
    cache: SnapshotCache, session_id: int, seq: int, round_id: str, viewer: Viewer, state: SessionState
) -> Encoded:
    """Every item of ``round_id`` as ``viewer`` may see it, equal to ``views.round_items``
    (tests/services/test_round_items.py holds them to it), from the part shared by the
    viewer's audience at ``seq``."""
    key = ("items:round", session_id, round_id, viewer.kind)
    shared = cache.newest(key, seq, lambda: build(state, round_id, viewer.kind))
    player = viewer.player
    if player is None:
        return shared.everyone
    at_tables = seating.current_at_tables(state)
    if not at_tables and not any(item.author_id == player.id for item, _, _ in shared.entries):
        return shared.everyone
    found, texts = [], []
    for item, view, text in shared.entries:
        if item.author_id == player.id:
            view = views.item_view(item, viewer, state)
            text = None if view is None else _json(view)
        elif view is None or (at_tables and seating.hidden_from(state, item, player)):
            continue
        if view is not None:
            found.append(view)
            texts.append(text)
    return Encoded(found, "[" + ",".join(texts) + "]")
