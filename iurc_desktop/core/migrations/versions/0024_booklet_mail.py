"""The message a mailed itinerary booklet went in (`booklet_prints.outbox_id`).

A booklet mailed and then cancelled in the Outbox (or refused by the server)
never reached its reader: the next booklet marks what changed since the last
one that did, so the log keeps which message carried each. No foreign key: a
message erased with its person leaves the number, read as delivered.

Revision ID: 0024
Revises: 0023
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("booklet_prints", sa.Column("outbox_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE booklet_prints DROP COLUMN outbox_id")  # in place, as 0021 and 0022 drop theirs
