"""What the fuzz suites throw at the server: every event a client may send — the mechanics'
events come from their registry, so a new mechanic is fuzzed without editing this file —
names that are no event (or that Socket.IO reserves), and the payload keys the handlers read."""

from __future__ import annotations

from samenspel.engine import wall
from samenspel.engine.flow import Control
from samenspel.engine.mechanics import MECHANICS

PLAYER_EVENTS = sorted(f"{m.item_kind}:{verb}" for m in MECHANICS.values() if m.item_kind for verb in m.verbs)
OTHER_EVENTS = [
    "control",
    "moderate",
    "sync",
    "leave",
    "session:lock",
    "session:plan",
    "session:qr",
    "participant:add",
    "participant:remove",
    "session:delete",
]
# not events: refused with an ack; the reserved names never re-run the handshake
NOT_EVENTS = ["nonsense", "", "card:", ":add", "card:add:extra", "connect", "disconnect", "connect_error", "*"]
EVENTS = PLAYER_EVENTS + OTHER_EVENTS + NOT_EVENTS

KEYS = [
    # what the mechanics read
    "round_id", "text", "id", "client_id", "card_id", "count", "category", "scores", "word",
    "what", "owner", "due", "partners", "needs", "idea", "base", "resource", "hours", "amount",
    # what the controls, moderation and housekeeping read
    "action", "from_round", "minutes", "locked", "anonymous", "large", "participant_id", "code", "into",
    "on_behalf_of", "name", "role", "forget_name",
]  # fmt: skip

#: the actions ``control`` understands (the flow's, the mechanics' own, the wall's), so that
#: random payloads also hit real controls with wrong company
ACTIONS = sorted({c.value for c in Control} | {a for m in MECHANICS.values() for a in m.controls} | set(wall.CONTROLS))
