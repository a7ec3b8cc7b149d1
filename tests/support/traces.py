"""Where a forgotten name may still stand in an instance's SQLite database: in its files (the
main file, ``-wal``, ``-journal``: pages that were overwritten or never checkpointed) and in
any row of any table (the database's own dump, so no table or column is overlooked)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

DATABASE = "samenspel.sqlite3"


def on_disk(instance: Path, needle: str) -> list[str]:
    """Files of the SQLite database (main, -wal, -journal) that contain ``needle``."""
    pattern = re.compile(re.escape(needle.encode()), re.IGNORECASE)
    return [f.name for f in instance.glob(f"{DATABASE}*") if pattern.search(f.read_bytes())]


def in_rows(instance: Path, needle: str) -> list[str]:
    """The statements of the database's dump (``INSERT`` per row) that contain ``needle``."""
    connection = sqlite3.connect(instance / DATABASE)
    try:
        return [line for line in connection.iterdump() if needle.lower() in line.lower()]
    finally:
        connection.close()
