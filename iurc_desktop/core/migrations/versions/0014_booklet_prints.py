"""Booklets: a digest per entry of each booklet saved, so the next one marks what changed since.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "booklet_prints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("printed_at_utc", sa.DateTime(), nullable=False),
        sa.Column("version", sa.String(length=120), nullable=False),
        sa.Column("marks", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_booklet_prints_event_id_events"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_booklet_prints_person_id_people"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booklet_prints")),
    )
    op.create_index(op.f("ix_booklet_prints_event_id"), "booklet_prints", ["event_id"])
    op.create_index(op.f("ix_booklet_prints_person_id"), "booklet_prints", ["person_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_booklet_prints_person_id"), table_name="booklet_prints")
    op.drop_index(op.f("ix_booklet_prints_event_id"), table_name="booklet_prints")
    op.drop_table("booklet_prints")
