"""Visa invitation letters: the log of letters issued per person, and the passport number a letter may carry.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("passport_number", sa.String(40), nullable=False, server_default=""))
    op.create_table(
        "letter_issues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(100), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("with_passport", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_letter_issues_event_id_events"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_letter_issues_person_id_people"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_issues")),
        sa.UniqueConstraint("number", name=op.f("uq_letter_issues_number")),
    )
    op.create_index(op.f("ix_letter_issues_event_id"), "letter_issues", ["event_id"])
    op.create_index(op.f("ix_letter_issues_person_id"), "letter_issues", ["person_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_letter_issues_person_id"), table_name="letter_issues")
    op.drop_index(op.f("ix_letter_issues_event_id"), table_name="letter_issues")
    op.drop_table("letter_issues")
    with op.batch_alter_table("people") as batch:
        batch.drop_column("passport_number")
