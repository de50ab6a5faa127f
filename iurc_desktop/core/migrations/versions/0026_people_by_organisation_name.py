"""People by organisation with their names, so a filter's first window of an organisation's people reads no row.

SQLite: a word found in an organisation's text (a city, a region) matches all its people, often
thousands. Their first 100 by name were looked up one by one in `people_name_keys` (0018), most of
such a keystroke; this index gives each organisation's people with the names their key is made of.
PostgreSQL: nothing (its filter stays as it was).

Revision ID: 0026
Revises: 0025
"""

from __future__ import annotations

from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

INDEX = "ix_people_organisation_name"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.create_index(INDEX, "people", ["organisation_id", "family_name", "given_name"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index(INDEX, table_name="people")
