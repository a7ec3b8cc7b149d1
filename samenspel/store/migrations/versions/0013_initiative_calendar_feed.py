"""initiatives: the calendar feed's secret (a salt and the hash of the token it gives)

An initiative's calendar feed (``/i/<id>/calendar/<token>.ics``) is off until a facilitator
turns it on: both columns stay empty. The token itself is never stored: it is derived from
the server's secret key and ``calendar_salt`` (store/initiatives.py), its hash finds the
initiative. Plain ``ADD COLUMN``s, also on SQLite: no copy of the table, whose DROP would
cascade to every session of every initiative while foreign keys are on.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 23:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("initiatives", sa.Column("calendar_salt", sa.String(length=64), nullable=True))
    op.add_column("initiatives", sa.Column("calendar_token_hash", sa.String(length=64), nullable=True))
    op.create_index("ix_initiatives_calendar_token_hash", "initiatives", ["calendar_token_hash"], unique=True)


def downgrade():
    op.drop_index("ix_initiatives_calendar_token_hash", table_name="initiatives")
    op.drop_column("initiatives", "calendar_token_hash")  # SQLite 3.35+: in place, no copy
    op.drop_column("initiatives", "calendar_salt")
