"""Discussion: the prompt and the timer only; the talk happens in the room."""

from samenspel.engine.mechanics.base import Mechanic, register


@register
class Discuss(Mechanic):
    key = "discuss"
