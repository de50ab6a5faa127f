"""Attendance on participations: first join, last leave and minutes attended.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("participations") as batch:
        batch.add_column(sa.Column("first_join_utc", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("last_leave_utc", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("attended_minutes", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("participations") as batch:
        batch.drop_column("attended_minutes")
        batch.drop_column("last_leave_utc")
        batch.drop_column("first_join_utc")
