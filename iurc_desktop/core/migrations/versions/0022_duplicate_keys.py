"""What the duplicate search groups people by, read from indexes instead of from every row.

- `people.email_key`: the e-mail as compared (`normalise_email`: no case, no spaces), indexed, so
  people sharing an e-mail are one index scan. The app fills it on every write (search_text.py); a
  trigger clears it when a statement changes the e-mail and not the key, and readers fold the
  e-mails of rows whose key is NULL themselves, so a writer that knows nothing of it is still right.
- `ix_people_spelling`: given name, family name, order and local name, so the search groups people
  by how their name is written from the index alone and folds each spelling once.
- `ix_people_erased`: the few erased rows, which the search leaves out.

Revision ID: 0022
Revises: 0021
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

# Mirrors core.people.erasure.ERASED at this revision; the search's query spells the condition alike.
ERASED_ROWS = "notes = '[erased]' AND email IS NULL"
STALE_KEY = "NEW.email IS NOT OLD.email AND NEW.email_key IS OLD.email_key"


def upgrade() -> None:
    from iurc_desktop.core.textfold import normalise_email

    op.add_column("people", sa.Column("email_key", sa.String(254), nullable=True))
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, email FROM people WHERE email IS NOT NULL")).all()
    keys = [{"pid": pid, "key": normalise_email(email) or None} for pid, email in rows]
    if keys:
        bind.execute(sa.text("UPDATE people SET email_key = :key WHERE id = :pid"), keys)
    op.create_index("ix_people_email_key", "people", ["email_key"])
    op.create_index("ix_people_spelling", "people", ["given_name", "family_name", "name_order", "local_name"])
    op.create_index("ix_people_erased", "people", ["id"], sqlite_where=sa.text(ERASED_ROWS),
                    postgresql_where=sa.text(ERASED_ROWS))
    if bind.dialect.name == "sqlite":
        op.execute(f"CREATE TRIGGER people_email_key_stale AFTER UPDATE OF email ON people WHEN {STALE_KEY} "
                   "BEGIN UPDATE people SET email_key = NULL WHERE id = NEW.id; END")
    else:
        stale = STALE_KEY.replace("IS NOT OLD", "IS DISTINCT FROM OLD").replace("IS OLD", "IS NOT DISTINCT FROM OLD")
        op.execute("CREATE FUNCTION people_email_key_stale() RETURNS trigger LANGUAGE plpgsql AS "
                   "$$ BEGIN NEW.email_key := NULL; RETURN NEW; END $$")
        op.execute(f"CREATE TRIGGER people_email_key_stale BEFORE UPDATE OF email ON people FOR EACH ROW "
                   f"WHEN ({stale}) EXECUTE FUNCTION people_email_key_stale()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS people_email_key_stale")
    else:
        op.execute("DROP TRIGGER IF EXISTS people_email_key_stale ON people")
        op.execute("DROP FUNCTION IF EXISTS people_email_key_stale()")
    for name in ("ix_people_erased", "ix_people_spelling", "ix_people_email_key"):
        op.drop_index(name, "people")
    op.execute("ALTER TABLE people DROP COLUMN email_key")  # in place: a batch rebuild would trip over people's triggers
