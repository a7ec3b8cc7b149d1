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

A name also travels into the later sessions of the initiative (issue 13): a follow-up
imports the earlier plan's steps with their owner, partners and dated history notes (a
logged ``steps:import``), and its review copies names into ``reviewed``. Forgetting a
participant forgets them there too: the same ``scrub`` (it reaches into nested data: the
imported steps, their history, the review's record) and, as a logged ``steps:forget``
(``forgotten``) in each later session, the same claim rule, since a carried step keeps its
``owner_id``.

A person can have several participant records in one initiative: one who joins a
follow-up through their owner's link continues their earlier record (``continues_id``,
services/continuing.py). Forgetting them forgets every record (services/forgetting.py), so
``forget`` and ``scrub`` take several ids and names: the claim rule for each id, each name
scrubbed (the longest first, so "Henk de Vries" goes whole before "Henk").

Scrubbing never empties a field (the placeholder stands in), so every rewritten payload
is still one the rules accept.
"""

from __future__ import annotations

import re
from dataclasses import replace
from types import MappingProxyType
from typing import Collection, Iterable, Mapping

from samenspel.engine.errors import Rejected
from samenspel.engine.state import SessionState, Update

PLACEHOLDER = "…"
#: payload and item fields that hold text people typed; nothing else is scrubbed
TEXT_KEYS = frozenset({"text", "what", "owner", "partners", "needs", "word", "name", "note"})
#: the logged event of a later session that forgets a participant of an earlier one
EVENT = "steps:forget"
MIN_NAME_LENGTH = 2


def _pattern(names: str | Iterable[str]) -> re.Pattern | None:
    """One pattern for every name (a name alone or several), the longest first; None when
    none is long enough to be a name."""
    names = [names] if isinstance(names, str) else list(names)
    cleaned = {" ".join((name or "").split()) for name in names}
    cleaned = sorted((name for name in cleaned if len(name) >= MIN_NAME_LENGTH), key=lambda n: (-len(n), n))
    if not cleaned:
        return None
    either = "|".join(re.escape(name) for name in cleaned)
    return re.compile(rf"(?<!\w)(?:{either})(?!\w)", re.IGNORECASE)


def _scrub_value(value, pattern: re.Pattern, text: bool):
    """``value`` with the name replaced: in every string under a text field (``text``), and
    below other fields only under the text fields nested there."""
    if isinstance(value, str):
        return pattern.sub(PLACEHOLDER, value) if text else value
    if isinstance(value, (list, tuple)):
        return [_scrub_value(v, pattern, text) for v in value]
    if isinstance(value, Mapping):
        return {key: _scrub_value(v, pattern, text or key in TEXT_KEYS) for key, v in value.items()}
    return value


def scrub(data, names: str | Iterable[str]):
    """``data`` (an item's data or a logged payload) with the name (or each of ``names``)
    replaced in its text fields, at any depth (an imported step's data, its history notes,
    a review's record); the same object when nothing changed."""
    pattern = _pattern(names)
    if pattern is None or not isinstance(data, Mapping):
        return data
    changed = {key: _scrub_value(value, pattern, key in TEXT_KEYS) for key, value in data.items()}
    changed = {key: value for key, value in changed.items() if value != data[key]}
    return {**data, **changed} if changed else data


def forget(
    state: SessionState, participant_ids: int | Collection[int], names: str | Iterable[str] = ()
) -> list[Update]:
    """The item changes that forget a person: the claims of each of their records
    (``participant_ids``) lose the copied name, and (live, when the names are still known)
    every name is scrubbed from every text field."""
    ids = {participant_ids} if isinstance(participant_ids, int) else set(participant_ids)
    changes = []
    for item in state.items:
        data = dict(item.data)
        if item.kind == "step" and data.get("owner_id") in ids:
            data["owner"] = PLACEHOLDER
        data = scrub(data, names)
        if data != dict(item.data):
            changes.append(Update(item.id, data))
    return changes


def forgotten(state: SessionState, payload: Mapping) -> SessionState:
    """``steps:forget`` ``{"participant_id": id}`` in a later session of the initiative: the
    steps carried over with that participant's claim lose the copied name (``forget``'s
    claim rule; the name itself the store scrubs from the items and the log, as in the
    participant's own session). A redaction like ``remove``'s: the store writes the rows,
    and a replay finds the same (or, from the scrubbed import, nothing left to change)."""
    participant_id = payload.get("participant_id") if isinstance(payload, Mapping) else None
    if not isinstance(participant_id, int) or isinstance(participant_id, bool):
        raise Rejected("bad_request", "participant_id must be an integer")
    return apply(state, forget(state, participant_id))


def apply(state: SessionState, changes: list[Update]) -> SessionState:
    """The changes in memory (replay). A redaction is not an edit: ``updated_ms`` stays."""
    found = [(state.item(c.item_id), c.data) for c in changes]
    redacted = [replace(item, data=MappingProxyType(dict(data))) for item, data in found if item is not None]
    return replace(state, items=state.items.changed(put=redacted))


__all__ = ["EVENT", "PLACEHOLDER", "TEXT_KEYS", "apply", "forget", "forgotten", "scrub"]
