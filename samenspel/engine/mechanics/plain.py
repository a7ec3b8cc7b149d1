"""Mechanics whose rounds take no input yet: prompt and timer only."""
from samenspel.engine.mechanics.base import Mechanic, register


@register
class Discuss(Mechanic):
    key = "discuss"


@register
class Introduce(Mechanic):
    key = "introduce"


@register
class Vote(Mechanic):
    key = "vote"


@register
class Plan(Mechanic):
    key = "plan"


@register
class Rate(Mechanic):
    key = "rate"
