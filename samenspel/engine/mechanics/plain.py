"""The simplest mechanics: one introduction line per player, and discussion (prompt and
timer only)."""
from samenspel.engine.mechanics.base import Mechanic, register, single_own
from samenspel.engine.state import Create, Turn, Update
from samenspel.engine.text import clean_text


@register
class Discuss(Mechanic):
    key = "discuss"


@register
class Introduce(Mechanic):
    """One line per player: "what I bring to this initiative"; shown as a wall of faces."""

    key = "introduce"
    item_kind = "intro"
    verbs = ("set",)

    def set(self, turn: Turn, payload: dict):
        text = clean_text(payload.get("text"), max_length=turn.round.settings.get("max_length", 140))
        own = single_own(turn, "intro")
        return Update(own.id, {"text": text}) if own else Create("intro", {"text": text})
