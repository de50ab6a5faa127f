"""Visa tracking: each change of a participation's visa state, with its date and note, and an event's own visa
processing time where its country's default does not fit (see core/registrations/visas.py).

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visa_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participation_id", sa.Integer(), nullable=False),
        sa.Column("at_utc", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(120), nullable=False),
        sa.Column("from_state", sa.String(30), nullable=False),
        sa.Column("to_state", sa.String(30), nullable=False),
        sa.Column("note", sa.String(300), nullable=False),
        sa.ForeignKeyConstraint(["participation_id"], ["participations.id"],
                                name=op.f("fk_visa_changes_participation_id_participations"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visa_changes")),
    )
    op.create_index(op.f("ix_visa_changes_participation_id"), "visa_changes", ["participation_id"])
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("visa_days", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("visa_days")
    op.drop_index(op.f("ix_visa_changes_participation_id"), table_name="visa_changes")
    op.drop_table("visa_changes")
