"""The database opens migrated, in WAL mode, and refuses what it cannot use."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from iurc_desktop.core.db import head_revision, open_database
from iurc_desktop.core.errors import DatabaseError, NewerDatabaseError


def test_new_sqlite_database_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_database(f"sqlite:///{path}").dispose()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"events", "items", "people", "participations", "travel_legs", "stays"} <= tables


def test_database_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    open_database(f"sqlite:///{path}").dispose()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num='9999_future'")
    conn.commit()
    conn.close()
    with pytest.raises(NewerDatabaseError, match="newer version"):
        open_database(f"sqlite:///{path}")
    assert sqlite3.connect(path).execute("SELECT version_num FROM alembic_version").fetchone()[0] == "9999_future"


def test_missing_folder_gives_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(f"sqlite:///{tmp_path / 'nowhere' / 'x.db'}")


def test_not_a_url_gives_a_clear_error() -> None:
    with pytest.raises(DatabaseError):
        open_database("nosuchdialect://foo/bar")


def test_foreign_keys_are_enforced(db) -> None:  # type: ignore[no-untyped-def]
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_upgrade_keeps_existing_rows_and_fills_search_text(tmp_path: Path) -> None:
    """A database from an older release is upgraded in place; its rows become searchable."""
    from alembic import command
    from sqlalchemy import create_engine

    from iurc_desktop.core.db import _alembic_config
    from iurc_desktop.core.people.listing import count_people

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0002")  # type: ignore[arg-type]
        conn.exec_driver_sql(
            "INSERT INTO people (given_name, family_name, name_order, local_name, email, phone, job_title, gender,"
            " nationality, dietary, accessibility, notes) VALUES ('Elin', 'Lindström', 'given_first', '', 'elin@example.se',"
            " '', '', '', '', '', '', '')"
        )
    engine.dispose()
    db = open_database(f"sqlite:///{path}")
    with db.reading() as session:
        assert count_people(session, "lindstrom") == 1
    db.dispose()


def test_head_read_from_the_migration_files_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from iurc_desktop.core.db import _alembic_config, known_revisions

    script = ScriptDirectory.from_config(_alembic_config(None))  # type: ignore[arg-type]
    known, head = known_revisions()
    assert head == script.get_current_head()
    assert known == {rev.revision for rev in script.walk_revisions()}


def test_opening_an_up_to_date_database_does_not_load_alembic(db_url: str) -> None:
    """Alembic is slow to import; the app starts without it unless a migration is due."""
    import subprocess
    import sys

    open_database(db_url).dispose()
    code = ("import sys; from iurc_desktop.core.db import open_database; open_database(sys.argv[1]).dispose(); "
            "print(any(m == 'alembic' or m.startswith('alembic.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, db_url], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.mark.sqlite_only("holds SQLite's file write lock from a second connection")
def test_a_writer_waiting_too_long_is_told_the_database_is_busy(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from iurc_desktop.core.errors import DatabaseBusy
    from iurc_desktop.core.models import Event

    holder = sqlite3.connect(db.engine.url.database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process is in the middle of saving
    try:
        with pytest.raises(DatabaseBusy, match="another window or program is saving"):
            with db.transaction() as session:
                session.add(Event(code="waits", kind="webinar", title="Waits", zone="Europe/Brussels",
                                  start_date=date(2027, 1, 1), end_date=date(2027, 1, 1)))
    finally:
        holder.rollback()
        holder.close()
    with db.reading() as session:
        assert session.query(Event).filter_by(code="waits").count() == 0


def test_a_folder_or_a_non_database_file_is_explained(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="it is a folder"):
        open_database(f"sqlite:///{tmp_path}")
    junk = tmp_path / "notes.db"
    junk.write_text("not a database at all, just some notes" * 100)
    with pytest.raises(DatabaseError, match="not an IURC Desktop database"):
        open_database(f"sqlite:///{junk}")


def test_upgrade_repairs_unsearchable_imports_and_blank_erased_people(tmp_path: Path) -> None:
    """Rows written by earlier releases (bulk imports without search text, erasures without a label) are repaired."""
    from alembic import command
    from sqlalchemy import create_engine

    from sqlalchemy import text

    from iurc_desktop.core.db import _alembic_config
    from iurc_desktop.core.search import search

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    columns = ("given_name, family_name, name_order, local_name, email, phone, job_title, gender, nationality,"
               " dietary, accessibility, notes, search_text, version")
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0005")  # type: ignore[arg-type]
        conn.exec_driver_sql(f"INSERT INTO people ({columns}) VALUES ('Joe', 'Bloggs', 'given_first', '', "
                             "'joe@example.com', '', '', '', '', '', '', '', '', 1)")
        conn.exec_driver_sql(f"INSERT INTO people ({columns}) VALUES ('', '', 'given_first', '', NULL, '', '', '', '', "
                             "'', '', '[erased]', '', 1)")
    engine.dispose()
    db = open_database(f"sqlite:///{path}")
    with db.reading() as session:
        assert [h.key for h in search(session, "bloggs")] == ["joe@example.com"]
        names = sorted(r[0] for r in session.execute(text("SELECT family_name FROM people")))
        assert names == ["(erased person)", "Bloggs"]
    db.dispose()
