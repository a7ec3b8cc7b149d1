"""Automatic checks on a text before it is published: does it hold something that could
name or reach a person? They flag; the facilitator decides (publish.py leaves a flagged
text out unless they edited it and kept it).

- ``name``: a first name of someone who took part (whole word, any case);
- ``email``: an e-mail address;
- ``phone``: a Dutch phone number (06-12345678, 06 1234 5678, 020-123 4567, (010) 1234567,
  +31 6 12345678, 0031 20 1234567, …: ten digits from a 0, or nine after +31/0031, with
  spaces, dots, dashes or brackets between them);
- ``address``: a street and house number (Kerkstraat 12, Dorpsweg 3a, Molenlaan 10-2).

The checks err on the careful side: a name that is also an ordinary word is flagged too.
"""

from __future__ import annotations

import re
from typing import Iterable

KINDS = ("name", "email", "phone", "address")

EMAIL = re.compile(r"[^\s@<>()\[\],;:\"]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_SEP = r"[\s.\-()/]{0,3}"
PHONE = re.compile(r"(?<![\d])(?:(?:\+|00)\s?31" + _SEP + r"(?:\(0\)" + _SEP + r")?|0)(?:\d" + _SEP + r"){8}\d(?!\d)")
STREET_WORDS = (
    "straat|laan|weg|plein|gracht|kade|singel|dijk|pad|dreef|hof|steeg|markt|park|ring|baan|wal|haven"
    "|plantsoen|erf|akker|veld|hoeve|gaarde|dam|zijde|poort|boulevard|allee|wijk|lei|donk|kamp|straatweg"
)
ADDRESS = re.compile(
    r"\b[\w'’-]*(?:" + STREET_WORDS + r")\s+\d{1,4}(?:\s?[a-zA-Z](?![a-zA-Z]))?(?:\s?[-/]\s?\d{1,4})?\b",
    re.IGNORECASE | re.UNICODE,
)


def flags(text: str, names: Iterable[str] = ()) -> list[dict]:
    """What in ``text`` could name or reach a person: ``[{"kind", "found"}]``, in order of
    appearance (a phone number inside an address is one flag, the address)."""
    found: list[tuple[int, int, str]] = []
    for kind, pattern in (("email", EMAIL), ("address", ADDRESS), ("phone", PHONE)):
        for match in pattern.finditer(text or ""):
            if not any(start < match.end() and match.start() < end for start, end, _ in found):
                found.append((match.start(), match.end(), kind))
    for name in _names(names):
        for match in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text or "", re.IGNORECASE):
            if not any(start <= match.start() and match.end() <= end for start, end, _ in found):
                found.append((match.start(), match.end(), "name"))
    return [{"kind": kind, "found": text[start:end]} for start, end, kind in sorted(found)]


def _names(names: Iterable[str]) -> list[str]:
    """Each name and each of its words (a player "Anna Maria" is flagged for "Anna" too),
    longest first; single letters are no names to look for."""
    words = set()
    for name in names:
        name = (name or "").strip()
        if len(name) >= 2:
            words.add(name)
            words.update(w for w in re.split(r"[\s\-]+", name) if len(w) >= 2)
    return sorted(words, key=len, reverse=True)
