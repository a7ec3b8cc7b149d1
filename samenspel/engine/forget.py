"""Forgetting a participant's name (``leave`` / ``participant:remove`` with ``forget_name``)
everywhere it was copied: not only the participant's own record but every item and every
logged payload that holds it.

Two parts, so that replaying the log stays exact:

- ``scrub``: the name as typed (a card, an introduction "ik ben Fatima", a step's owner or
  partner) is replaced by ``PLACEHOLDER`` wherever it stands as a whole word in a text
  field. The store applies it to the stored items *and* rewrites the logged payloads with
  the same function, so a replay builds the scrubbed texts from the scrubbed log. Only text
  fields are touched (``TEXT_KEYS``): ids, categories and round ids are never names.
- ``forget``: what needs no name to find — a step claimed with "ik pak dit op" copied the
  claimer's name into ``owner``; it becomes the placeholder (the step stays claimed, and a
  required owner stays filled). This is an engine change that the ``remove`` action
  (``forget_name: true``) replays, knowing only the participant's id; a replayed claim by a
  participant whose name is gone copies the placeholder too (mechanics/plan.py).

Scrubbing never empties a field (the placeholder stands in), so every rewritten payload
is still one the rules accept.
"""

from __future__ import annotations

import re
from dataclasses import replace
from types import MappingProxyType

from samenspel.engine.state import SessionState, Update

PLACEHOLDER = "…"
#: payload and item fields that hold text people typed; nothing else is scrubbed
TEXT_KEYS = frozenset({"text", "what", "owner", "partners", "needs", "word", "name"})
MIN_NAME_LENGTH = 2


def _pattern(name: str) -> re.Pattern | None:
    name = " ".join((name or "").split())
    if len(name) < MIN_NAME_LENGTH:
        return None
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)


def _scrub_value(value, pattern: re.Pattern):
    if isinstance(value, str):
        return pattern.sub(PLACEHOLDER, value)
    if isinstance(value, list):
        return [_scrub_value(v, pattern) for v in value]
    return value


def scrub(data, name: str):
    """``data`` (an item's data or a logged payload) with ``name`` replaced in its text
    fields; the same object when nothing changed."""
    pattern = _pattern(name)
    if pattern is None or not isinstance(data, (dict, MappingProxyType)):
        return data
    changed = {key: _scrub_value(value, pattern) for key, value in data.items() if key in TEXT_KEYS}
    changed = {key: value for key, value in changed.items() if value != data[key]}
    return {**data, **changed} if changed else data


def forget(state: SessionState, participant_id: int, name: str = "") -> list[Update]:
    """The item changes that forget a participant: their claims lose the copied name, and
    (live, when the name is still known) the name is scrubbed from every text field."""
    changes = []
    for item in state.items:
        data = dict(item.data)
        if item.kind == "step" and data.get("owner_id") == participant_id:
            data["owner"] = PLACEHOLDER
        data = scrub(data, name)
        if data != dict(item.data):
            changes.append(Update(item.id, data))
    return changes


def apply(state: SessionState, changes: list[Update]) -> SessionState:
    """The changes in memory (replay). A redaction is not an edit: ``updated_ms`` stays."""
    found = [(state.item(c.item_id), c.data) for c in changes]
    redacted = [replace(item, data=MappingProxyType(dict(data))) for item, data in found if item is not None]
    return replace(state, items=state.items.changed(put=redacted))


__all__ = ["PLACEHOLDER", "TEXT_KEYS", "apply", "forget", "scrub"]
