"""``samenspel library import FILE``: load another instance's library export (its
``/bibliotheek/export.json``) into this instance's library, read-only, each entry shown
with its source and licence; an entry already here (by id) is skipped."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from samenspel.engine.errors import Rejected
from samenspel.services import library


def main_import(path: str, ctx, out=sys.stdout, err=sys.stderr) -> int:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"cannot read {path}: {error}", file=err)
        return 1
    try:
        imported = library.import_export(ctx, data)
    except Rejected as rejected:
        print(f"{path} is no library export: {rejected.detail}", file=err)
        return 1
    licence = data.get("licence", "")
    print(
        f"imported {len(imported.added)} entr{'y' if len(imported.added) == 1 else 'ies'} from {imported.source}"
        f" ({licence}); {len(imported.skipped)} already here",
        file=out,
    )
    return 0
