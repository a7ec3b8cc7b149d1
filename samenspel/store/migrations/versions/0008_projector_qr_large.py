"""the projector's QR code shown large

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 03:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("game_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("qr_large", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table("game_sessions", schema=None) as batch_op:
        batch_op.drop_column("qr_large")
