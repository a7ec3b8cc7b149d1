"""The settings of every mechanic, one module each, found by looking in this folder.

A module here defines ``SETTINGS``, a :class:`samenspel.rules.settings.MechanicSettings`.
Adding a mechanic adds a module; no list elsewhere names it. The engine side of a mechanic
lives in ``samenspel/engine/mechanics/<key>.py``, its plan-document renderers in
``samenspel/export/blocks/<key>.py``, its screens in ``static/js/mechanics/<key>.js``.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import MappingProxyType
from typing import Mapping

from samenspel.rules.settings import MechanicSettings


def _discover() -> Mapping[str, MechanicSettings]:
    found: dict[str, MechanicSettings] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        spec = getattr(module, "SETTINGS", None)
        if isinstance(spec, MechanicSettings):
            found[spec.key] = spec
    return MappingProxyType(dict(sorted(found.items())))


#: Every mechanic's settings by key, in alphabetical order (as messages list them).
MECHANICS: Mapping[str, MechanicSettings] = _discover()


def settings_of(key: str) -> MechanicSettings:
    return MECHANICS[key]


__all__ = ["MECHANICS", "settings_of"]
