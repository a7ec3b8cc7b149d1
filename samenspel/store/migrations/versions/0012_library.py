"""library: published initiatives, searchable in full text

SQLite gets an FTS5 table (``library_search``) that store/library.py keeps in step with
``library_entries``; PostgreSQL a GIN index over ``to_tsvector('simple', search_text)``,
the expression store/library.py searches with (so the planner uses it).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 23:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "library_entries",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=300), nullable=False, server_default=""),
        sa.Column("licence", sa.String(length=40), nullable=False),
        sa.Column("hidden", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("withdrawn", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("theme", sa.String(length=40), nullable=False, server_default=""),
        sa.Column("municipality", sa.String(length=120), nullable=False, server_default=""),
        sa.Column("game", sa.String(length=80), nullable=False, server_default=""),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False, server_default=""),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_library_entries_listing", "library_entries", ["withdrawn", "hidden", "created_ms"])
    op.create_index("ix_library_entries_initiative_id", "library_entries", ["initiative_id"])
    op.create_index("ix_library_entries_theme", "library_entries", ["theme"])
    op.create_index("ix_library_entries_municipality", "library_entries", ["municipality"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE library_search USING fts5("
            "entry_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
    elif op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX ix_library_entries_search ON library_entries USING GIN (to_tsvector('simple', search_text))"
        )


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS library_search")
    op.drop_table("library_entries")
