"""An organisation's sector in its search text, so "civil society" or "research" finds what the lists show.

The Organisations page shows each one's sector, but filtering by it found nothing: the search text
held key, name, local name, place, country and kind only. Each organisation's search text is
written again with the sector; triggers (0009, 0016) keep the search index in step.

Revision ID: 0027
Revises: 0026
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

# The columns feeding an organisation's search text before and after; mirrors core/search_text.py at this revision.
BEFORE = ("key", "name", "local_name", "place", "country", "kind")
AFTER = (*BEFORE, "sector")


def upgrade() -> None:
    _write(AFTER)


def downgrade() -> None:
    _write(BEFORE)


def _write(columns: tuple[str, ...]) -> None:
    from iurc_desktop.core.search_text import search_text_of

    conn = op.get_bind()
    rows = conn.execute(sa.text(f"SELECT id, {', '.join(columns)} FROM organisations")).all()
    if rows:
        conn.execute(sa.text("UPDATE organisations SET search_text = :t WHERE id = :id"),
                     [{"t": search_text_of(list(row[1:])), "id": row[0]} for row in rows])
