"""People: the language a person's e-mails are written in (ISO 639-1), none meaning English.

Revision ID: 0021
Revises: 0020
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy of the table): the search index's and the report's triggers on people stay.
    op.add_column("people", sa.Column("preferred_language", sa.String(length=8), nullable=True))


def downgrade() -> None:
    # Dropped in place: a batch rebuild of people would trip over the triggers on it (0009, 0015, 0018).
    op.execute("ALTER TABLE people DROP COLUMN preferred_language")
