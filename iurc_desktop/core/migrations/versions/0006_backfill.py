"""Repair rows written before two fixes: search text of bulk-imported rows, and the label of erased people.

Rows bulk-inserted by the tabular import before it filled `search_text` could
not be found by search; people erased before erasure wrote the "(erased person)"
label showed as blank rows.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Mirrors core/search_text.py and core/people/erasure.py at this revision.
SOURCES = {
    "people": ("given_name", "family_name", "local_name", "email", "job_title"),
    "organisations": ("key", "name", "local_name", "place", "country", "kind"),
    "events": ("code", "title", "theme", "kind", "zone"),
    "items": ("key", "title", "place", "kind"),
}
ERASED = "[erased]"
ERASED_NAME = "(erased person)"


def upgrade() -> None:
    from iurc_desktop.core.search_text import search_text_of

    conn = op.get_bind()
    conn.execute(
        sa.text("UPDATE people SET family_name = :label WHERE notes = :erased AND given_name = '' AND family_name = ''"),
        {"label": ERASED_NAME, "erased": ERASED},
    )
    for table, columns in SOURCES.items():
        rows = conn.execute(sa.text(f"SELECT id, {', '.join(columns)} FROM {table} WHERE search_text = ''")).all()
        for row in rows:
            conn.execute(sa.text(f"UPDATE {table} SET search_text = :t WHERE id = :id"),
                         {"t": search_text_of(list(row[1:])), "id": row[0]})


def downgrade() -> None:
    pass  # the repaired values are correct at every revision
