"""Words of two characters through the search index too (a family name in kanji, 鈴木; an initial and a letter).

SQLite: the trigram index holds no two-character term, but every place a two-character word
occurs is the start of a trigram, except at the very end of the text. So a two-character word
is looked up as the trigrams that start with it, listed by an fts5vocab table over each FTS5
table (`<table>_search_terms`), plus the rows whose text ends with it, found through an index
on the last two characters of the search text. Both are read-only views of what the triggers
of 0009 already keep in step: writes cost no more than before.
A migration that rebuilds one of these tables (batch mode) drops the index on the last two
characters and must create it again, as it must 0009's triggers.
PostgreSQL: nothing (its LIKE stays a LIKE; pg_trgm needs three characters as well).

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

# Mirrors core/search_index.py at this revision.
TABLES = ("people", "organisations", "events", "items")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        op.execute(f"CREATE VIRTUAL TABLE {table}_search_terms USING fts5vocab('{table}_search', 'row')")
        op.execute(f"CREATE INDEX ix_{table}_search_tail ON {table} (substr(search_text, -2))")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_search_tail")
        op.execute(f"DROP TABLE IF EXISTS {table}_search_terms")
