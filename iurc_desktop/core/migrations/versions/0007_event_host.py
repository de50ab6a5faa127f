"""An event's host: the region or prefecture that receives a study visit (optional).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("host_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_events_host_id_organisations", "organisations", ["host_id"], ["id"],
                                 ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_constraint("fk_events_host_id_organisations", type_="foreignkey")
        batch.drop_column("host_id")
