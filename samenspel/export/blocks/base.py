"""What a block renderer is: everything the exports need to show one type of block of the
plan document (one per mechanic), in every format, next to each other.

A renderer module in this folder subclasses ``BlockRenderer`` and decorates it with
``@register``; its HTML (the plan page and the PDF) is the template ``<type>.html`` next to
it. The formats (``export/markdown.py``, ``docx.py``, ``csv.py``, ``ics.py``, ``html.py``)
write the frame (cover, summary, sections, follow-up) and ask the renderer of each block's
type for the rest; a type without a renderer shows its round's prompt only.

The format passes a small writer object (``md``, ``word``, ``sheet``, ``cal``) with its
helpers (escaping, tables, the words of the document's language), so renderers never import
a format module.
"""

from __future__ import annotations

from typing import Any, ClassVar, Mapping

Block = Mapping[str, Any]
#: A CSV table: its header row and its rows.
Table = tuple[list[str], list[list[Any]]]


class BlockRenderer:
    type: ClassVar[str]
    #: words this block needs, per language; merged into ``export.labels.labels``
    labels: ClassVar[Mapping[str, Mapping[str, str]]] = {}
    #: show the round's prompt above the block
    shows_prompt: ClassVar[bool] = True
    #: a wide block (a table of many columns): landscape pages in DOCX, a page of its own in the PDF
    wide: ClassVar[bool] = False
    #: the table of participants goes into the first section that has such a block
    lists_participants: ClassVar[bool] = False
    #: lines of the plan's "in short", as label keys whose text holds ``{figure}`` placeholders
    #: (the figures of the document's summary); shown when the document has a block of this type
    in_short: ClassVar[tuple[str, ...]] = ()

    def markdown(self, block: Block, md: Any) -> list[str]:
        """Markdown lines (CommonMark with GitHub tables); every typed text through ``md.escape``."""
        return []

    def docx(self, block: Block, word: Any) -> None:
        """Add paragraphs and tables with ``word.para``, ``word.item``, ``word.table`` …"""

    def csv(self, block: Block, sheet: Any) -> list[Table]:
        """Tables for the CSV export (a block without rows to track gives none)."""
        return []

    def ics(self, block: Block, cal: Any) -> list[Any]:
        """Calendar components: events (``cal.event(...)``) for what has a date, to-dos for
        what someone takes on without one (UIDs from ``cal.uid``)."""
        return []


def from_table(idea: Mapping[str, Any] | None, words: Mapping[str, str]) -> str:
    """ " (uit Tafel Zeekraal)" for an idea that came from a table (a session played at
    tables), else ""."""
    table = (idea or {}).get("table")
    return f" ({words['from_table'].format(table=table['name'])})" if table else ""


RENDERERS: dict[str, BlockRenderer] = {}


def register(cls: type[BlockRenderer]) -> type[BlockRenderer]:
    RENDERERS[cls.type] = cls()
    return cls
