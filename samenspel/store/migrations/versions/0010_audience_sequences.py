"""which broadcast each audience was sent last (phones skip what only screens need)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 07:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("game_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("audience_seq", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("game_sessions", schema=None) as batch_op:
        batch_op.drop_column("audience_seq")
