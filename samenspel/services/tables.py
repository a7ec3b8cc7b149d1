"""Tables in one session: the facilitator sets them up (number or size, how people are
seated), moves a person, deals new tables, clears a call for help and sends a message to
all tables; a phone picks its table (when people choose their own) and calls for help.
Each is a logged action the engine applies (engine/tables/seating.py), so replay seats
everyone exactly as the session did. The room is told with a ``tables`` broadcast
(docs/protocol.md); when seats change during a table round, what each phone may see
changes too, so every client fetches a fresh snapshot (``resync``)."""

from __future__ import annotations

import secrets

from samenspel.engine import views
from samenspel.engine.apply import Action, Applied
from samenspel.engine.errors import Rejected
from samenspel.engine.state import FACILITATOR_PLAYER, SessionState
from samenspel.engine.tables import seating
from samenspel.engine.tables.overview import overview as glance
from samenspel.engine.tables.setup import parse
from samenspel.engine.views import FACILITATOR, PARTICIPANT
from samenspel.services.context import Context
from samenspel.services.outcome import Broadcast, Outcome
from samenspel.services.play import apply_and_save
from samenspel.services.unit import ActorRef, Unit, acting, reading
from samenspel.store.clock import now_ms

#: the actions that deal seats anew: the server draws the seed and logs it
DEALING = ("tables:set", "tables:reshuffle")


def new_seed() -> int:
    return secrets.randbelow(2**31)


def setup_payload(tables, assign) -> dict:
    """A checked ``tables:set`` payload (``tables``: ``{count}``/``{size}``/null, ``assign``)
    with a fresh seed for random deals."""
    setup = parse(tables, assign)
    if setup is None:
        return {"tables": None, "seed": 0}
    return {**setup.as_dict(), "seed": new_seed()}


def seats(state: SessionState) -> list[dict]:
    return [{"id": p.id, "table": p.table} for p in state.players]


def told(unit: Unit, applied: Applied) -> list[Broadcast]:
    """What the room hears after a table action: the tables and seats when they changed (and
    a resync when that changes what phones may see now), a message, a call for help."""
    before, state = applied.before, applied.state
    out = []
    moved = before.players is not state.players and seats(before) != seats(state)
    if moved or before.tables != state.tables:
        out.append(
            unit.broadcast(
                lambda viewer: (
                    "tables",
                    {
                        "tables": views.tables_view(state, viewer),
                        "settings": views.tables_state(state, viewer),
                        "seats": seats(state),
                    },
                )
            )
        )
        if moved:  # phones change table rooms at their sync (and see another table's items)
            out.append(unit.same_for_all("resync", {"reason": "tables"}))
    return out


def _run(ctx: Context, ref: ActorRef, kind: str, event: str, payload) -> Outcome:
    with acting(ctx, ref, kind) as unit:
        if not isinstance(payload, dict):
            raise Rejected("bad_request", "payload must be an object")
        if event == "tables:set":
            payload = setup_payload(payload.get("tables"), payload.get("assign"))
        elif event == "tables:reshuffle":
            payload = {"seed": new_seed()}
        player = unit.player if kind == PARTICIPANT else FACILITATOR_PLAYER
        applied = apply_and_save(unit, Action(event, payload, now_ms(), player))
        tables = views.tables_state(applied.state, unit.viewer)
        ack = {"ok": True, "tables": views.tables_view(applied.state, unit.viewer), "settings": tables}
        # the player concerned gets their own copy: a call for help answered (``help_asked``)
        concerned = applied.state.player(payload.get("participant_id")) if event == "tables:helped" else unit.player
        return Outcome(ack, told(unit, applied), unit.session.id, viewer=unit.viewer, author=concerned, overview=True)


def facilitator(event: str):
    """The use case of one of the facilitator's table events (``seating.FACILITATOR_EVENTS``)."""

    def use_case(ctx: Context, ref: ActorRef, payload) -> Outcome:
        return _run(ctx, ref, FACILITATOR, event, payload)

    return use_case


def player(event: str):
    """The use case of one of a phone's table events (``seating.PLAYER_EVENTS``)."""

    def use_case(ctx: Context, ref: ActorRef, payload) -> Outcome:
        return _run(ctx, ref, PARTICIPANT, event, payload)

    return use_case


def overview(ctx: Context, session_id: int) -> dict | None:
    """The tables at a glance (engine/tables/overview.py), read without the lock."""
    with reading(ctx, session_id) as unit:
        return glance(unit.state())


USE_CASES = {
    **{event: facilitator(event) for event in seating.FACILITATOR_EVENTS},
    **{event: player(event) for event in seating.PLAYER_EVENTS},
}
