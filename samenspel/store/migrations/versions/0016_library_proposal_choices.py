"""library proposals keep the facilitator's choices (theme, municipality, edits), so the
review page shows them again while the phones answer

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 00:15:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("library_proposals", sa.Column("choices", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("library_proposals") as batch_op:
        batch_op.drop_column("choices")
