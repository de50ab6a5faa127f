"""Row versions for optimistic concurrency on people, events, items and participations; a change counter
(see notify.py); wider name_order.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

VERSIONED = ("people", "events", "items", "participations")


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.create_table(
        "data_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_changes")),
    )
    op.execute("INSERT INTO data_changes (id, counter) VALUES (1, 0)")
    # 'family_first' does not fit in 10 characters; SQLite never enforced the length, PostgreSQL does.
    # SQLite is left alone: changing a type there rebuilds the table, and it ignores lengths anyway.
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("people", "name_order", type_=sa.String(length=20), existing_type=sa.String(length=10), existing_nullable=False)


def downgrade() -> None:
    op.drop_table("data_changes")
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("people", "name_order", type_=sa.String(length=10), existing_type=sa.String(length=20), existing_nullable=False)
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
