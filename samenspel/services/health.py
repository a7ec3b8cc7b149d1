"""Whether this process can reach its database (for /healthz)."""

from __future__ import annotations

from samenspel.services.context import Context


def database_ok(ctx: Context) -> bool:
    try:
        with ctx.database.unit_of_work(write=False) as db:
            db.connection().exec_driver_sql("SELECT 1")
        return True
    except Exception:  # unreachable, or too busy to answer
        return False
