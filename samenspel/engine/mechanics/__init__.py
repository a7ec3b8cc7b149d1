"""The registry of mechanics. Importing this package registers every mechanic."""
from samenspel.engine.mechanics import cards, plain, plan, rate, vote  # noqa: F401  (registration)
from samenspel.engine.mechanics.base import MECHANICS, Mechanic, mechanic_for, mechanic_for_kind

__all__ = ["MECHANICS", "Mechanic", "mechanic_for", "mechanic_for_kind"]
