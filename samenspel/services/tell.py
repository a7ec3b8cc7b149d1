"""What the room is told after a change: the broadcasts each use case builds from the
engine's result, shaped per viewer (engine/views.py decides what each viewer may see)."""

from __future__ import annotations

from dataclasses import replace

from samenspel.engine import views
from samenspel.engine.apply import Applied
from samenspel.engine.mechanics import mechanic_for
from samenspel.engine.state import Create, Delete, SessionState
from samenspel.engine.tables import seating
from samenspel.engine.views import PARTICIPANT, Viewer
from samenspel.services.outcome import Broadcast, Build
from samenspel.services.unit import Unit

EVENTS = {Create: "item:added", Delete: "item:removed"}


def summary(
    unit: Unit, state: SessionState, round_id: str | None, before: SessionState | None = None
) -> list[Broadcast]:
    """The round's summary (tallies, perspectives …), when it has one. Given the state
    ``before`` the change, only the audiences whose summary changed are sent it."""
    if round_id is None or views.summary(round_id, Viewer(views.FACILITATOR), state) is None:
        return []

    def build(viewer: Viewer):
        now = views.summary(round_id, viewer, state)
        if before is not None and now == views.summary(round_id, viewer, before):
            return None
        return "summary", {"round_id": round_id, "summary": now}

    if before is not None and all(build(viewer) is None for viewer in views.AUDIENCES.values()):
        return []
    return [unit.broadcast(build)]


def roster(unit: Unit, event: str, payload: dict, participant_id: int) -> Broadcast:
    """Who plays changed (``participant:joined``, ``participant:removed``): the screens and
    the facilitators are told, and the participant concerned; the phones are not (they show
    a count, told at most once a second: docs/protocol.md ``people``), so a hall of N phones
    joining is not N² frames."""

    def build(viewer: Viewer):
        if viewer.kind == PARTICIPANT and (viewer.player is None or viewer.player.id != participant_id):
            return None
        return event, payload

    return unit.broadcast(build)


def items(unit: Unit, applied: Applied) -> list[Broadcast]:
    """One broadcast per item change, then the round's summary. While a table round is on,
    a table's item is told to that table only (the screens and the facilitator see all).
    An item of a round no phone shows now (``views.phone_rounds``: a cards round shows the
    player's own) is not sent to the phones at all — only to its author, in their own room
    (``Broadcast.owner``): a hall's card is a frame per screen and console, not per phone."""
    told = []
    shown = views.phone_rounds(applied.state)
    for change, item_id in applied.changes:
        item = applied.state.item(item_id) or applied.before.item(item_id)
        round_id = item.round_id if item is not None else applied.round_id
        phones = round_id in shown
        author = item.author_id if item is not None else None
        build = _item_build(EVENTS.get(type(change), "item:updated"), item_id, applied.round_id, applied.state)
        broadcast = unit.broadcast(build if phones else _own_only(build, author))
        if not phones and author is not None:
            broadcast = replace(broadcast, owner=applied.state.player(author) or applied.before.player(author))
        told.append(_at_table(broadcast, applied, item_id))
    told += summary(unit, applied.state, applied.round_id) if _summary_touched(applied, applied.round_id) else []
    current = views.current_round_id(applied.state)
    if current not in (None, applied.round_id) and _summary_touched(applied, current):
        # the open round reads the changed round: a card merged while the vote is on (or
        # its result shown) moves its dots, so the tally on the screens follows
        told += summary(unit, applied.state, current, before=applied.before)
    return told


def _summary_touched(applied: Applied, round_id: str | None) -> bool:
    """Whether the change can have changed ``round_id``'s summary: its state changed, or
    items of a round the summary is computed from (``Mechanic.summary_reads``)."""
    if round_id is None:
        return False
    if round_id in applied.round_states:
        return True
    game = applied.state.game
    rnd = game.round(round_id)
    reads = set(mechanic_for(rnd.mechanic).summary_reads(rnd, game))
    for _change, item_id in applied.changes:
        item = applied.state.item(item_id) or applied.before.item(item_id)
        if item is None or item.round_id in reads:
            return True
    return False


def _own_only(build: Build, author: int | None) -> Build:
    """The phones' shape of an item no phone shows: nothing, but for its author's own view."""

    def own_only(viewer: Viewer):
        if viewer.kind == PARTICIPANT and (viewer.player is None or viewer.player.id != author):
            return None
        return build(viewer)

    return own_only


def _at_table(broadcast: Broadcast, applied: Applied, item_id: int) -> Broadcast:
    state = applied.state
    if state.tables is None or not seating.current_at_tables(state):
        return broadcast
    item = state.item(item_id) or applied.before.item(item_id)
    if item is None or item.table is None:
        return broadcast
    return replace(broadcast, table=item.table, tables=state.tables.count)


def _item_build(event: str, item_id: int, round_id: str, state: SessionState) -> Build:
    item = state.item(item_id)
    removed = ("item:removed", {"id": item_id, "round_id": round_id})

    def build(viewer: Viewer):
        if item is None:
            return removed
        view = views.item_view(item, viewer, state)
        if view is None:
            # moderated away: those who saw it drop it; private items (ballots, ratings) were
            # never theirs to see, so they only get a tick
            return removed if event == "item:updated" and item.hidden else None
        return event, {"item": view}

    return build
