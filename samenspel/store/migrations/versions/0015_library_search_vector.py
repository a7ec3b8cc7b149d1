"""library search on PostgreSQL: a stored tsvector column, indexed

Matching and ranking against ``to_tsvector('simple', search_text)`` computed per row took
~200–300 ms over 1,000 entries (benchmarks/bench_library.py); a generated, stored column
``search_vector`` with a GIN index answers in a few ms. SQLite keeps its FTS5 table.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 00:10:00
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "ALTER TABLE library_entries ADD COLUMN search_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED"
    )
    op.execute("CREATE INDEX ix_library_entries_vector ON library_entries USING GIN (search_vector)")
    op.execute("DROP INDEX IF EXISTS ix_library_entries_search")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_library_entries_vector")
    op.execute("ALTER TABLE library_entries DROP COLUMN search_vector")
    op.execute(
        "CREATE INDEX ix_library_entries_search ON library_entries USING GIN (to_tsvector('simple', search_text))"
    )
