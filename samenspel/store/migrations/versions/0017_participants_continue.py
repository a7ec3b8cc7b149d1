"""a participant may continue one of an earlier session of the initiative (they joined the
follow-up through that person's owner's link)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 15:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    # a plain ALTER TABLE … ADD COLUMN, also on SQLite (as in 0011): no copy of the table,
    # whose DROP would cascade to every item and owner's link while foreign keys are on
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE participants ADD COLUMN continues_id INTEGER REFERENCES participants (id) ON DELETE SET NULL"
        )
    else:
        op.add_column("participants", sa.Column("continues_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_participants_continues_id",
            "participants",
            "participants",
            ["continues_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_index("ix_participants_continues_id", "participants", ["continues_id"])


def downgrade():
    op.drop_index("ix_participants_continues_id", table_name="participants")
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_column("continues_id")
