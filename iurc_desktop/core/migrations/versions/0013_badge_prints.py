"""Badges: the log of badges printed per participant, so a batch can hold only those added since the last print.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "badge_prints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("printed_at_utc", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_badge_prints_event_id_events"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_badge_prints_person_id_people"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_badge_prints")),
    )
    op.create_index(op.f("ix_badge_prints_event_id"), "badge_prints", ["event_id"])
    op.create_index(op.f("ix_badge_prints_person_id"), "badge_prints", ["person_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_badge_prints_person_id"), table_name="badge_prints")
    op.drop_index(op.f("ix_badge_prints_event_id"), table_name="badge_prints")
    op.drop_table("badge_prints")
