"""The registry of block renderers, one module per block type (= mechanic), found by
looking in this folder. See ``base.py`` for what a renderer does."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from samenspel.export.blocks.base import RENDERERS, Block, BlockRenderer, Table, register

for _info in pkgutil.iter_modules(__path__):
    if _info.name != "base":
        importlib.import_module(f"{__name__}.{_info.name}")

#: The folder of the renderers and their HTML templates (``<type>.html``).
FOLDER = Path(__file__).resolve().parent
_PLAIN = BlockRenderer()


def renderer_for(block_type: str) -> BlockRenderer:
    """The renderer of a block type; a type without one shows its round's prompt only."""
    return RENDERERS.get(block_type, _PLAIN)


def html_template(block_type: str) -> str | None:
    """The name of the block's HTML template for the plan's Jinja environment, if it has one."""
    return f"blocks/{block_type}.html" if (FOLDER / f"{block_type}.html").is_file() else None


__all__ = ["FOLDER", "RENDERERS", "Block", "BlockRenderer", "Table", "html_template", "register", "renderer_for"]
