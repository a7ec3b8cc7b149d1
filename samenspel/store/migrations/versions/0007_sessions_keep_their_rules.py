"""sessions keep a copy of their rules

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 01:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "rule_sets",
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("game_id", sa.String(length=80), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("hash"),
    )
    with op.batch_alter_table("game_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rules_hash", sa.String(length=64), nullable=True))
        batch_op.create_foreign_key("fk_game_sessions_rules_hash", "rule_sets", ["rules_hash"], ["hash"])


def downgrade():
    with op.batch_alter_table("game_sessions", schema=None) as batch_op:
        batch_op.drop_constraint("fk_game_sessions_rules_hash", type_="foreignkey")
        batch_op.drop_column("rules_hash")
    op.drop_table("rule_sets")
