"""The plan as JSON (open data): the document itself, following docs/plan.schema.json."""

from __future__ import annotations

import json
from typing import Any, Mapping


def render(document: Mapping[str, Any]) -> bytes:
    # ensure_ascii=False keeps names and emoji readable; JSON strings cannot carry markup
    # into a consumer that treats them as text, and nothing here is ever inlined in HTML.
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
