"""Reminder rules per event, and the reminders they queued (each once per rule, person and item).

Revision ID: 0023
Revises: 0022
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reminder_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("template", sa.String(length=64), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=10), nullable=False),
        sa.Column("anchor", sa.String(length=10), nullable=False),
        sa.Column("recipients", sa.String(length=500), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_reminder_rules_event_id_events"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_rules")),
    )
    op.create_index(op.f("ix_reminder_rules_event_id"), "reminder_rules", ["event_id"])
    op.create_table(
        "reminders_sent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("due_utc", sa.DateTime(), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["rule_id"], ["reminder_rules.id"], name=op.f("fk_reminders_sent_rule_id_reminder_rules"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_reminders_sent_person_id_people"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"], name=op.f("fk_reminders_sent_item_id_items"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["outbox_id"], ["outbox.id"], name=op.f("fk_reminders_sent_outbox_id_outbox"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders_sent")),
    )
    op.create_index(op.f("ix_reminders_sent_person_id"), "reminders_sent", ["person_id"])
    # NULLs are never equal in a unique index: an event-wide reminder's item counts as 0, so it too is recorded once.
    op.create_index("uq_reminders_sent_once", "reminders_sent",
                    ["rule_id", "person_id", sa.text("coalesce(item_id, 0)")], unique=True)


def downgrade() -> None:
    op.drop_index("uq_reminders_sent_once", table_name="reminders_sent")
    op.drop_index(op.f("ix_reminders_sent_person_id"), table_name="reminders_sent")
    op.drop_table("reminders_sent")
    op.drop_index(op.f("ix_reminder_rules_event_id"), table_name="reminder_rules")
    op.drop_table("reminder_rules")
