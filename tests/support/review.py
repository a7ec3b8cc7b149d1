"""A follow-up session in its review round, with the earlier plan's steps as an import
leaves them (engine/steps.py carried_over), and one that has been reviewed and ended: for
the review mechanic's engine and export tests."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

from samenspel.engine.apply import Action, apply
from samenspel.engine.state import Item, Player, SessionState
from samenspel.engine.steps import carried_over
from tests.support.factories import FATIMA, HENK, game_file, session_at

ONDERWEG = game_file("samenspel-onderweg")
AT = 1_800_000_000_000
ANNA = Player(3, "Anna", "ondernemer")


def step(item_id: int, what: str, owner: str = "", due: str | None = None, **data) -> Item:
    earlier = {"what": what, "owner": owner, "owner_id": 900 + item_id, "partners": [], "due": due, "needs": ""}
    earlier.update(idea=None, rev={"what": 0, "owner": 0}, **data)
    return Item(item_id, "actiepad", "step", None, MappingProxyType(carried_over(earlier, origin=item_id - 10)))


# the earlier plan's steps as the import leaves them; in the path's order: 21, 22, 20
STEPS = [
    step(20, "Subsidie aanvragen", owner="Henk"),
    step(21, "Grond regelen", owner="Fatima", due="2026-03-01", status="under_way"),
    step(22, "Zaden kopen", due="2026-04-01", partners=["Piet"]),
]


def review_session(*, items=STEPS, round_id="terugblik", players=(FATIMA, HENK, ANNA), game=None, **kwargs):
    return session_at(round_id, game=game or ONDERWEG, items=items, players=players, **kwargs)


def reviewed_session(ended: bool = True) -> SessionState:
    """Henk's step stuck and taken over by Karin with a new date, Anna helps with the seeds,
    Fatima's step done; then (``ended``) the game is over."""
    state = review_session()
    for event, payload, who in [
        ("review:status", {"step_id": 20, "status": "stuck", "note": "Wacht op de gemeente"}, HENK),
        ("review:reassign", {"step_id": 20, "owner": "Karin", "due": "2026-06-01"}, ANNA),
        ("review:help", {"step_id": 22}, ANNA),
        ("review:status", {"step_id": 21, "status": "done"}, FATIMA),
    ]:
        state = apply(state, Action(event, {"round_id": "terugblik", **payload}, AT, who)).state
    if ended:
        state = apply(state, Action("control", {"action": "end"}, AT)).state
    return replace(state)
