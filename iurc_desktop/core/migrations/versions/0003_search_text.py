"""Folded search text on people, organisations, events and items (search across scripts and accents).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The columns feeding each table's search text; mirrors core/search_text.py at this revision.
SOURCES = {
    "people": ("given_name", "family_name", "local_name", "email", "job_title"),
    "organisations": ("key", "name", "local_name", "place", "country", "kind"),
    "events": ("code", "title", "theme", "kind", "zone"),
    "items": ("key", "title", "place", "kind"),
}


def upgrade() -> None:
    from iurc_desktop.core.search_text import search_text_of

    for table, columns in SOURCES.items():
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
        conn = op.get_bind()
        rows = conn.execute(sa.text(f"SELECT id, {', '.join(columns)} FROM {table}")).all()
        for row in rows:
            conn.execute(
                sa.text(f"UPDATE {table} SET search_text = :t WHERE id = :id"),
                {"t": search_text_of(list(row[1:])), "id": row[0]},
            )


def downgrade() -> None:
    for table in SOURCES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("search_text")
