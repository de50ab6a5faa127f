"""Backups are consistent copies; restore refuses damaged files and keeps the old database."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from iurc_desktop.core import backup
from iurc_desktop.core.db import open_database
from iurc_desktop.core.errors import DatabaseError, ValidationError
from iurc_desktop.core.models import Event


def _add_event(db, code: str) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        s.add(Event(code=code, kind="webinar", title=code, zone="Europe/Brussels", start_date=date(2026, 4, 9), end_date=date(2026, 4, 9)))


def _codes(url: str) -> list[str]:
    db = open_database(url)
    with db.reading() as s:
        codes = sorted(e.code for e in s.query(Event))
    db.dispose()
    return codes


def test_backup_then_restore_round_trips_exactly(db, db_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _add_event(db, "before-backup")
    info = backup.backup_to(db_url, tmp_path / "copy.db")
    _add_event(db, "after-backup")
    db.dispose()
    aside = backup.restore_from(db_url, info.path)
    assert _codes(db_url) == ["before-backup"]
    assert _codes(f"sqlite:///{aside}") == ["after-backup", "before-backup"]


def test_backup_of_live_wal_database_contains_committed_rows(db, db_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _add_event(db, "in-wal")  # committed, possibly only in the -wal file
    info = backup.backup_to(db_url, tmp_path / "live.db")
    assert not Path(f"{info.path}-wal").exists()
    assert sqlite3.connect(info.path).execute("SELECT code FROM events").fetchall() == [("in-wal",)]


def test_corrupt_backup_is_refused_and_database_untouched(db, db_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _add_event(db, "keep-me")
    info = backup.backup_to(db_url, tmp_path / "b.db")
    data = bytearray(info.path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # smash a page
    info.path.write_bytes(bytes(data))
    db.dispose()
    with pytest.raises(ValidationError):
        backup.restore_from(db_url, info.path)
    assert _codes(db_url) == ["keep-me"]


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path, db_url: str, db) -> None:  # type: ignore[no-untyped-def]
    junk = tmp_path / "junk.db"
    junk.write_text("hello")
    with pytest.raises(ValidationError, match="not a usable database"):
        backup.restore_from(db_url, junk)


def test_rotation_keeps_the_newest(db, db_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for _ in range(4):
        backup.rotate_backup(db_url, tmp_path / "auto", keep=2)
    assert len(list((tmp_path / "auto").glob("iurc-auto-*.db"))) == 2


def test_backup_of_a_server_database_is_explained() -> None:
    with pytest.raises(DatabaseError, match="pg_dump"):
        backup.backup_to("postgresql+psycopg://localhost/iurc", Path("/tmp/x.db"))
