"""A substring index over the folded search text, so a filter keystroke does not scan.

SQLite: an FTS5 table per searchable table with the trigram tokenizer, reading its
text from the table itself (external content) and kept in step by triggers, so every
writer (ORM, bulk insert, raw UPDATE) updates it. A migration that rebuilds one of
these tables (batch mode) drops its triggers and must create them again.
PostgreSQL: a pg_trgm GIN index, which `LIKE '%word%'` uses as it is; where the
server refuses the extension, searches stay plain LIKE scans.
Both: the indexes the lists read through. People by organisation (a search
matches people through their organisation; the Organisations page counts its
people), participations by person (the People page counts each one's events: a
scan of every participation per person without it, 16 s for the first window at
100,000 people), participations by event and status (the Events page counts the
confirmed), and people, organisations and events in their lists' default order, so a
first window is read in order rather than sorted.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Mirrors core/search_index.py at this revision.
TABLES = ("people", "organisations", "events", "items")
# Mirror the lists' sorts by name (core/people/listing.py, organisations.py), which the indexes must spell alike.
PEOPLE_BY_NAME = "lower(family_name || ' ' || given_name)"
ORGANISATIONS_BY_NAME = "lower(name)"


def upgrade() -> None:
    op.create_index("ix_people_organisation_id", "people", ["organisation_id"])
    op.create_index("ix_participations_person_id", "participations", ["person_id"])
    op.execute(f"CREATE INDEX ix_people_sort_name ON people ({PEOPLE_BY_NAME}, id)")
    op.execute(f"CREATE INDEX ix_organisations_sort_name ON organisations ({ORGANISATIONS_BY_NAME}, id)")
    op.create_index("ix_participations_event_status", "participations", ["event_id", "status"])
    op.create_index("ix_events_start", "events", ["start_date", "id"])
    if op.get_bind().dialect.name == "sqlite":
        for table in TABLES:
            for statement in _sqlite_index(table):
                op.execute(statement)
    elif _has_trigrams():
        for table in TABLES:
            op.execute(f"CREATE INDEX ix_{table}_search_trgm ON {table} USING gin (search_text gin_trgm_ops)")


def downgrade() -> None:
    for table in TABLES:
        if op.get_bind().dialect.name == "sqlite":
            for action in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_search_{action}")
            op.execute(f"DROP TABLE IF EXISTS {table}_search")
        else:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_search_trgm")
    op.drop_index("ix_events_start", "events")
    op.drop_index("ix_participations_event_status", "participations")
    op.drop_index("ix_organisations_sort_name", "organisations")
    op.drop_index("ix_people_sort_name", "people")
    op.drop_index("ix_participations_person_id", "participations")
    op.drop_index("ix_people_organisation_id", "people")


def _sqlite_index(table: str) -> list[str]:
    """The FTS5 table of `table`, filled from its rows and the triggers that keep it in step."""
    index = f"{table}_search"
    add = f"INSERT INTO {index}(rowid, search_text) VALUES (new.id, new.search_text);"
    remove = f"INSERT INTO {index}({index}, rowid, search_text) VALUES ('delete', old.id, old.search_text);"
    return [
        f"CREATE VIRTUAL TABLE {index} USING fts5(search_text, content='{table}', content_rowid='id', tokenize='trigram')",
        f"INSERT INTO {index}({index}) VALUES ('rebuild')",
        f"CREATE TRIGGER {index}_insert AFTER INSERT ON {table} BEGIN {add} END",
        f"CREATE TRIGGER {index}_delete AFTER DELETE ON {table} BEGIN {remove} END",
        f"CREATE TRIGGER {index}_update AFTER UPDATE OF search_text ON {table} BEGIN {remove} {add} END",
    ]


def _has_trigrams() -> bool:
    """Whether pg_trgm is (or could now be) installed; a server that refuses it keeps LIKE scans."""
    bind = op.get_bind()
    savepoint = bind.begin_nested()
    try:
        bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError:
        savepoint.rollback()
        return False
    savepoint.commit()
    return True
