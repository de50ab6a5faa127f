"""Stays: the hotel's name and address in the local script, for the booklet a taxi driver is shown.

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy of the table): the report's running totals and the search index keep
    # their triggers, which a rebuilt table would lose.
    op.add_column("stays", sa.Column("hotel_local", sa.String(length=200), nullable=False, server_default=""))
    op.add_column("stays", sa.Column("address_local", sa.String(length=300), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("stays") as batch:
        batch.drop_column("address_local")
        batch.drop_column("hotel_local")
