"""tables in one session: the session's set-up, each participant's and each item's table

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 07:15:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("game_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tables", sa.JSON(), nullable=True))
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("table", sa.Integer(), nullable=True))
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("table", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_column("table")
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_column("table")
    with op.batch_alter_table("game_sessions", schema=None) as batch_op:
        batch_op.drop_column("tables")
