"""library proposals: what a session's facilitator proposes to publish, and the answers

One open proposal per session (the latest replaces the one before, answers and all): the
exact document every phone was shown, the theme, and each participant's answer.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 00:05:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "library_proposals",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["game_sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("session_id"),
    )


def downgrade():
    op.drop_table("library_proposals")
