"""PostgreSQL: the change counter becomes a sequence, so writers no longer queue on one row (see notify.py).

`data_changes` becomes a view of the sequence with the same `id` and `counter`,
so the counter is read as before, by anyone who may read the tables (a role
granted SELECT on all tables cannot read a sequence itself). The sequence starts
after the counter's last value: a window that read it before the upgrade still
sees the next change. SQLite has one writer at a time and keeps the row.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

SEQUENCE = "data_change_seq"


def _counter() -> int | None:
    """The change counter now on PostgreSQL; None elsewhere (SQLite keeps its counter row)."""
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return None
    return int(bind.execute(sa.text("SELECT counter FROM data_changes WHERE id = 1")).scalar() or 0)


def upgrade() -> None:
    counter = _counter()
    if counter is None:
        return
    op.drop_table("data_changes")
    # MINVALUE 0: a sequence not yet called reads as its start minus one, i.e. the old counter.
    op.execute(f"CREATE SEQUENCE {SEQUENCE} AS bigint MINVALUE 0 START WITH {counter + 1}")
    op.execute(
        f"CREATE VIEW data_changes AS SELECT 1 AS id,"
        f" CASE WHEN is_called THEN last_value ELSE last_value - 1 END AS counter FROM {SEQUENCE}"
    )


def downgrade() -> None:
    counter = _counter()
    if counter is None:
        return
    op.execute("DROP VIEW data_changes")
    op.execute(f"DROP SEQUENCE {SEQUENCE}")
    op.create_table(
        "data_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_changes")),
    )
    op.execute(f"INSERT INTO data_changes (id, counter) VALUES (1, {counter})")
