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
    from iurc_desktop.core.people import count_people

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
