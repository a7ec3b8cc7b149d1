"""initiatives: every session belongs to one; step owners' personal links

Every session that exists becomes a one-session initiative with the same title, question
and place (the initiative takes the session's id, so nothing needs matching up); its last
activity is when the session ended, or was created when it never did.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 19:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "initiatives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        sa.Column("last_activity_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    # a plain ALTER TABLE … ADD COLUMN, also on SQLite: no copy of the table, whose DROP
    # would cascade to every participant and item while foreign keys are on
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE game_sessions ADD COLUMN initiative_id INTEGER REFERENCES initiatives (id) ON DELETE CASCADE"
        )
    else:
        op.add_column("game_sessions", sa.Column("initiative_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_game_sessions_initiative", "game_sessions", "initiatives", ["initiative_id"], ["id"], ondelete="CASCADE"
        )
    op.create_index("ix_game_sessions_initiative_id", "game_sessions", ["initiative_id"])
    op.execute(
        "INSERT INTO initiatives (id, title, question, place, created_ms, last_activity_ms) "
        "SELECT id, title, question, COALESCE(place, ''), created_ms, COALESCE(ended_ms, created_ms) "
        "FROM game_sessions"
    )
    op.execute("UPDATE game_sessions SET initiative_id = id")
    if op.get_bind().dialect.name == "postgresql":  # the next new initiative comes after the copied ids
        op.execute(
            "SELECT setval(pg_get_serial_sequence('initiatives', 'id'), "
            "COALESCE((SELECT MAX(id) FROM initiatives), 1), (SELECT COUNT(*) FROM initiatives) > 0)"
        )
    op.create_table(
        "owner_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("salt", sa.String(length=64), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        sa.Column("revoked_ms", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["initiative_id"], ["initiatives.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index("ix_owner_links_initiative_id", "owner_links", ["initiative_id"])
    op.create_index("ix_owner_links_participant_id", "owner_links", ["participant_id"])


def downgrade():
    op.drop_index("ix_owner_links_participant_id", table_name="owner_links")
    op.drop_index("ix_owner_links_initiative_id", table_name="owner_links")
    op.drop_table("owner_links")
    op.drop_index("ix_game_sessions_initiative_id", table_name="game_sessions")
    with op.batch_alter_table("game_sessions", schema=None) as batch_op:
        batch_op.drop_column("initiative_id")
    op.drop_table("initiatives")
