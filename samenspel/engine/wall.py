"""The projector's wall of a round, as far as the facilitator steers it.

A full hall writes more than one screen holds, so the projector shows a round's wall in
pages that turn by themselves (static/js/wall-pager.js). How many pages there are depends
on the screen, which only the projector knows; what the facilitator decides is kept here:
whether the wall is *held* on the page it shows, and how many pages they turned it forward
(``wall_next``) or back (``wall_prev``). ``turns`` is a running sum: the projector moves by
the difference to the value it saw last, so a press is never applied twice and a projector
that reloads simply starts from the sum it finds.

Controls of every round, whatever its mechanic, sent as ``control`` events like the flow's
and kept in the round's state, so a reloaded projector still holds the page and the log
replays them. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Mapping

from samenspel.engine.errors import Rejected

if TYPE_CHECKING:
    from samenspel.engine.state import RoundState, SessionState

#: what a page of the wall stays up before it turns by itself, unless the wall is held
#: (the projector reads it from its page data, samenspel/web/pages.py)
PAGE_SECONDS = 12
#: the least time a page stays up before the wall turns to the page of a newly arrived card
NEW_SECONDS = 5

HOLD, RUN, NEXT, PREV = "wall_hold", "wall_run", "wall_next", "wall_prev"
CONTROLS = (HOLD, RUN, NEXT, PREV)


@dataclass(frozen=True)
class Wall:
    held: bool = False
    turns: int = 0

    def as_dict(self) -> dict:
        return {"held": self.held, "turns": self.turns}

    @classmethod
    def from_data(cls, data: Mapping | None) -> "Wall | None":
        if not isinstance(data, Mapping):
            return None
        return cls(bool(data.get("held")), int(data.get("turns") or 0))


def is_wall_control(action) -> bool:
    return action in CONTROLS


def control(session: "SessionState", action: str) -> tuple[str, "RoundState"]:
    """The current round and its state after a wall control. The round must be on the
    projector: running or paused (the lobby and the end screen have no wall)."""
    index = session.flow.round_index
    if index is None or not session.flow.is_open(index):
        raise Rejected("invalid_transition", f"{action} works while a round is on the wall")
    rnd = session.game.rounds[index]
    state = session.round_state(rnd.id)
    wall = state.wall or Wall()
    if action == HOLD:
        wall = replace(wall, held=True)
    elif action == RUN:
        wall = replace(wall, held=False)
    else:
        wall = replace(wall, turns=wall.turns + (1 if action == NEXT else -1))
    if wall == state.wall or (state.wall is None and wall == Wall()):
        return rnd.id, state  # already so: nothing to store or tell
    return rnd.id, replace(state, wall=wall)
