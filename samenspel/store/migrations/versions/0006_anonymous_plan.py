"""anonymous plan

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 11:05:34.493528
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("game_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("plan_anonymous", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table("game_sessions", schema=None) as batch_op:
        batch_op.drop_column("plan_anonymous")
