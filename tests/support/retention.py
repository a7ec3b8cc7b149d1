"""An initiative of two sessions driven through the use cases on a real database (SQLite file
or PostgreSQL), for the retention, deletion and forgetting tests: the sample's plan in the
first session (tests/support/sample.py, its participants with their ids), a follow-up that
continues it, and every timestamp of an initiative moved into the past."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Iterator

from sqlalchemy import select, text, update

from samenspel.services import create
from samenspel.services.context import Context
from samenspel.store.housekeeping import DAY_MS
from samenspel.store.models import ActionRow, GameSession, Initiative
from tests.support.databases import postgres_database, reachable
from tests.support.sample import sample_session_state
from tests.support.seeding import seed
from tests.support.writers import GAME, context

#: the database's tables that hold something of a session or an initiative
TABLES = ("initiatives", "game_sessions", "participants", "items", "actions", "round_states", "owner_links")


@dataclass(frozen=True)
class Made:
    code: str
    key: str
    session_id: int
    initiative_id: int


def database_context(kind: str, tmp_path, postgres_url: str | None) -> Context:
    made_ctx = context(f"sqlite:///{tmp_path / 'r.sqlite3'}" if kind == "sqlite" else postgres_url)
    return replace(made_ctx, config={**made_ctx.config, "SECRET_KEY": "test-secret"})  # owners' links


@contextmanager
def database_of(kind: str, tmp_path) -> Iterator[Context]:
    """A context on a fresh database of ``kind`` ("sqlite" or "postgresql": required in CI,
    skipped elsewhere when it is not running), disposed of afterwards."""
    if kind == "sqlite":
        made_ctx = database_context("sqlite", tmp_path, None)
        yield made_ctx
        made_ctx.database.dispose()
        return
    from tests.conftest import require

    require(reachable(5432), "PostgreSQL is not running on 127.0.0.1:5432")
    with postgres_database() as url:
        made_ctx = database_context("postgresql", tmp_path, url)
        yield made_ctx
        made_ctx.database.dispose()


def made(ctx: Context, created) -> Made:
    with ctx.database.unit_of_work(write=False) as db:
        row = db.scalar(select(GameSession).where(GameSession.code == created.code))
        return Made(created.code, created.key, row.id, row.initiative_id)


def seeded_start(ctx: Context) -> Made:
    """The first session of a new initiative, ended, with the sample's plan (seed a fresh
    database: the rows take the sample's ids)."""
    created = create.create(ctx, {"game": GAME, "title": "Moestuin", "question": "Hoe beginnen we?"})
    seed(ctx.database, created.code, sample_session_state()[0])
    return made(ctx, created)


def follow_up(ctx: Context, earlier: Made, game: str = GAME) -> Made:
    """A session that continues ``earlier`` (its plan's steps imported)."""
    return made(ctx, create.create(ctx, {"game": game, "continues": earlier.code, "key": earlier.key}))


def age(ctx: Context, initiative_id: int, days: int) -> None:
    """Everything of the initiative happened ``days`` earlier than it did."""
    shift = days * DAY_MS
    with ctx.database.unit_of_work() as db:
        ids = list(db.scalars(select(GameSession.id).where(GameSession.initiative_id == initiative_id)))
        db.execute(
            update(Initiative)
            .where(Initiative.id == initiative_id)
            .values(created_ms=Initiative.created_ms - shift, last_activity_ms=Initiative.last_activity_ms - shift)
        )
        db.execute(
            update(GameSession)
            .where(GameSession.id.in_(ids))
            .values(created_ms=GameSession.created_ms - shift, ended_ms=GameSession.ended_ms - shift)
        )
        db.execute(update(ActionRow).where(ActionRow.session_id.in_(ids)).values(at_ms=ActionRow.at_ms - shift))


def counts(ctx: Context) -> dict[str, int]:
    with ctx.database.unit_of_work(write=False) as db:
        return {table: db.execute(text(f"SELECT count(*) FROM {table}")).scalar() for table in TABLES}
