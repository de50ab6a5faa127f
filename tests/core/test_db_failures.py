"""A driver's failure never carries a person's data into a message, and a full disk or damaged file is said plainly."""

from __future__ import annotations

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import IntegrityError

from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import DiskFull, redacted, summary
from iurc_desktop.core.models import Person

from .factories import person

SECRET = "quellhorst.private@example.org"


def test_a_failed_statement_never_shows_its_parameters(db: Database) -> None:
    with db.transaction() as s:
        person(s, "Ada", "Quellhorst", email=SECRET)
    with pytest.raises(IntegrityError) as failure:
        with db.transaction() as s:
            person(s, "Ada", "Quellhorst", email=SECRET)
    assert "parameters hidden" in str(failure.value)  # the engine never puts them into an error's text
    assert SECRET not in redacted(str(failure.value))  # PostgreSQL's DETAIL line quotes the value; SQLite's not
    assert SECRET not in summary(failure.value) and "INSERT" not in summary(failure.value)


@pytest.mark.sqlite_only("fills a SQLite file with max_page_count")
def test_a_full_disk_in_a_transaction_is_a_message_naming_the_folder_and_nothing_is_kept(db: Database) -> None:
    with db.transaction() as s:
        person(s, "Ada", "Quellhorst", email="ada@example.org")
    db.engine.dispose()

    @event.listens_for(db.engine, "connect")
    def no_room(connection: object, _record: object) -> None:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]  # type: ignore[attr-defined]
        connection.execute(f"PRAGMA max_page_count={pages}")  # type: ignore[attr-defined]

    with pytest.raises(DiskFull) as failure:
        with db.transaction() as s:
            for i in range(500):
                person(s, "Zbigniewa", f"Quellhorst {i}", email=f"zq{i}@example.org")
    assert str(failure.value) == f"The disk is full: free space on {db.file.parent} and try again. Nothing was changed."
    assert failure.value.__cause__ is None and failure.value.__suppress_context__  # no statement in a traceback
    event.remove(db.engine, "connect", no_room)
    db.engine.dispose()
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 1


def test_redacted_drops_statement_and_parameters_but_keeps_the_rest() -> None:
    text = ("Traceback (most recent call last):\n  File \"x.py\", line 1\nsqlalchemy.exc.IntegrityError: (sqlite3.IntegrityError) "
            "UNIQUE constraint failed: people.email\n[SQL: INSERT INTO people (email)\nVALUES (?)]\n"
            f"[parameters: ('{SECRET}',)]\n(Background on this error at: https://sqlalche.me/e/21/gkpj)\n")
    shown = redacted(text)
    assert SECRET not in shown and "INSERT" not in shown
    assert "UNIQUE constraint failed: people.email" in shown and "Background on this error" in shown
