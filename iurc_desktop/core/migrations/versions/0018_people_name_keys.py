"""People's sort key by name in a narrow table of its own, so a filter's first window by name reads no person's row.

SQLite: a search matching thousands of people picks its first 100 by name. Read from the
people table, that costs a lookup of each match's whole row and the key computed again
(most of a keystroke at 100,000 people); `people_name_keys` holds the key alone, by id,
a tenth of the row's size, kept in step by triggers like 0009's index, so every writer
(ORM, bulk insert, raw UPDATE) updates it. A migration that rebuilds the people table
(batch mode) drops these triggers and must create them again.
PostgreSQL: nothing (its filter stays as it was).

Revision ID: 0018
Revises: 0017
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

# Mirrors 0009's PEOPLE_BY_NAME and core/people/listing.py's sort by name, which it must spell alike.
PEOPLE_BY_NAME = "lower(family_name || ' ' || given_name)"


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    key = PEOPLE_BY_NAME.replace("family_name", "new.family_name").replace("given_name", "new.given_name")
    for statement in (
        "CREATE TABLE people_name_keys (id INTEGER PRIMARY KEY, name_key TEXT NOT NULL)",
        f"INSERT INTO people_name_keys (id, name_key) SELECT id, {PEOPLE_BY_NAME} FROM people",
        f"CREATE TRIGGER people_name_keys_insert AFTER INSERT ON people BEGIN "
        f"INSERT INTO people_name_keys (id, name_key) VALUES (new.id, {key}); END",
        f"CREATE TRIGGER people_name_keys_update AFTER UPDATE OF family_name, given_name, id ON people BEGIN "
        f"DELETE FROM people_name_keys WHERE id = old.id; "
        f"INSERT INTO people_name_keys (id, name_key) VALUES (new.id, {key}); END",
        "CREATE TRIGGER people_name_keys_delete AFTER DELETE ON people BEGIN "
        "DELETE FROM people_name_keys WHERE id = old.id; END",
    ):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for action in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS people_name_keys_{action}")
    op.execute("DROP TABLE IF EXISTS people_name_keys")
