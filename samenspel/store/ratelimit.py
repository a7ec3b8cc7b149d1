"""Fixed-window rate limits kept in the database, so they hold across processes and restarts."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from samenspel.store.clock import now_ms
from samenspel.store.models import RateCounter


def allow(db: Session, key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt under ``key``; False once more than ``limit`` fell in this window."""
    now = now_ms()
    counter = db.get(RateCounter, key, with_for_update=True)
    if counter is None:
        try:
            with db.begin_nested():  # another process may create the same counter right now
                counter = RateCounter(key=key, window_start_ms=now, count=0)
                db.add(counter)
        except IntegrityError:
            counter = db.get(RateCounter, key, with_for_update=True, populate_existing=True)
    if now - counter.window_start_ms >= window_seconds * 1000:
        counter.window_start_ms, counter.count = now, 0
    counter.count += 1
    db.flush()
    return counter.count <= limit


#: the counter's two columns, as one Core statement built once: every join and every socket
#: handshake reads it, and an ORM ``get`` (identity map, object population) cost three times
#: as much as the read itself (docs/performance.md, "Joins over HTTP: where the rest went")
_COUNTER = select(RateCounter.__table__.c.count, RateCounter.__table__.c.window_start_ms).where(
    RateCounter.__table__.c.key == bindparam("key")
)


def blocked(db: Session, key: str, *, limit: int, window_seconds: int) -> bool:
    """Whether ``key`` is over its limit in the current window, without counting."""
    return over_limit(db.execute(_COUNTER, {"key": key}).first(), limit=limit, window_seconds=window_seconds)


def over_limit(counter, *, limit: int, window_seconds: int) -> bool:
    """``blocked`` for a counter read already: ``(count, window start)``, None or
    ``(None, None)`` without one (a phone's handshake reads it with its session)."""
    count, window_start_ms = counter or (None, None)
    return count is not None and count >= limit and now_ms() - window_start_ms < window_seconds * 1000
