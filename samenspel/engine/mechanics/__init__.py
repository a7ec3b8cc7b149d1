"""The registry of mechanics: every module in this folder that registers one (``@register``).

Importing this package imports them all, found by looking in the folder: adding a mechanic
adds a module here (and its settings in ``samenspel/rules/mechanics/``); no list names it.
"""

import importlib
import pkgutil

from samenspel.engine.mechanics.base import MECHANICS, Mechanic, mechanic_for, mechanic_for_kind

for _info in pkgutil.iter_modules(__path__):
    if _info.name != "base":
        importlib.import_module(f"{__name__}.{_info.name}")

__all__ = ["MECHANICS", "Mechanic", "mechanic_for", "mechanic_for_kind"]
