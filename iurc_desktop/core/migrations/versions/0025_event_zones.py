"""The zones an event must work in besides its own and its participants' (`events.zones`).

A new webinar is asked for them; the World clock shows each, with nobody in it yet.

Revision ID: 0025
Revises: 0024
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("events", sa.Column("zones", sa.String(400), nullable=False, server_default=""))


def downgrade() -> None:
    op.execute("ALTER TABLE events DROP COLUMN zones")  # in place, as 0021, 0022 and 0024 drop theirs
