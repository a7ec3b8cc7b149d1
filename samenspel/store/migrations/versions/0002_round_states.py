"""round states

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 09:14:28.458086
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "round_states",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.String(length=80), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["game_sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("session_id", "round_id"),
    )


def downgrade():
    op.drop_table("round_states")
