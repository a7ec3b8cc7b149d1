"""Each table's name and colour: the one source phones, console, projector, table screens,
table cards and exports read. Names are plants of the Dutch coast, meadows and woods
("Tafel Zeekraal" / "Table Samphire"); colours are dark enough for white text on them
(at least 4.5:1 against white, WCAG 2.1 AA) and are always shown with the name, so colour
is never the only cue. Past the last name a table is called by its number."""

from __future__ import annotations

from dataclasses import dataclass

from samenspel.rules.model import Text

#: (nl, en), in the order tables get them
NAMES: tuple[tuple[str, str], ...] = (
    ("Zeekraal", "Samphire"),
    ("Helmgras", "Marram"),
    ("Duindoorn", "Sea Buckthorn"),
    ("Lamsoor", "Sea Lavender"),
    ("Zeeaster", "Sea Aster"),
    ("Heide", "Heather"),
    ("Klaproos", "Poppy"),
    ("Korenbloem", "Cornflower"),
    ("Madelief", "Daisy"),
    ("Vlier", "Elder"),
    ("Hazelaar", "Hazel"),
    ("Linde", "Linden"),
    ("Eik", "Oak"),
    ("Berk", "Birch"),
    ("Wilg", "Willow"),
    ("Els", "Alder"),
    ("Beuk", "Beech"),
    ("Lijsterbes", "Rowan"),
    ("Meidoorn", "Hawthorn"),
    ("Sleedoorn", "Blackthorn"),
    ("Brem", "Broom"),
    ("Kamille", "Chamomile"),
    ("Salie", "Sage"),
    ("Tijm", "Thyme"),
    ("Lavendel", "Lavender"),
    ("Zonnebloem", "Sunflower"),
    ("Riet", "Reed"),
    ("Waterlelie", "Water Lily"),
    ("Boterbloem", "Buttercup"),
    ("Dotterbloem", "Marsh Marigold"),
    ("Hondsroos", "Dog Rose"),
    ("Kastanje", "Chestnut"),
    ("Walnoot", "Walnut"),
    ("Esdoorn", "Maple"),
    ("Populier", "Poplar"),
    ("Taxus", "Yew"),
    ("Kievitsbloem", "Snake's Head"),
    ("Koekoeksbloem", "Ragged Robin"),
    ("Pinksterbloem", "Cuckooflower"),
    ("Dopheide", "Cross-leaved Heath"),
)

#: colours in turn (twelve hues; neighbouring tables differ); each ≥ 4.5:1 against white
COLOURS: tuple[str, ...] = (
    "#0072B2",  # blue
    "#B14B00",  # vermillion, darkened
    "#007A5A",  # bluish green, darkened
    "#A0467A",  # reddish purple, darkened
    "#7A5C00",  # ochre
    "#5B4BA0",  # indigo
    "#A8322D",  # red
    "#2E6B2E",  # green
    "#006B7A",  # teal
    "#7A4A1E",  # brown
    "#3F5A8A",  # slate blue
    "#8A3F8A",  # violet
)


@dataclass(frozen=True)
class Table:
    id: int
    name: Text
    colour: str

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name.as_dict(), "colour": self.colour}


def table(table_id: int) -> Table:
    """Table ``table_id`` (1, 2, …): its name and colour."""
    if 1 <= table_id <= len(NAMES):
        nl, en = NAMES[table_id - 1]
        name = Text(f"Tafel {nl}", f"Table {en}")
    else:
        name = Text(f"Tafel {table_id}", f"Table {table_id}")
    return Table(table_id, name, COLOURS[(table_id - 1) % len(COLOURS)])


def tables(count: int) -> tuple[Table, ...]:
    return tuple(table(i) for i in range(1, count + 1))
