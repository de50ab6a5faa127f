"""The check on open: a damaged SQLite file is found quickly, within a time bound, and the backups of it listed."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from iurc_desktop.core import backup, recovery
from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import DatabaseDamaged

pytestmark = pytest.mark.sqlite_only("checks a SQLite file on disk")


def _file(db: Database, folder: Path) -> Path:
    """A closed copy of the test database with some rows, so that it has pages to damage."""
    with db.transaction() as s:
        s.connection().exec_driver_sql("CREATE TABLE filler (t TEXT)")
        s.connection().exec_driver_sql("INSERT INTO filler SELECT hex(randomblob(200)) FROM "
                                       "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) SELECT i FROM n)")
    db.dispose()
    copy = folder / "copy.db"
    shutil.copyfile(db.file, copy)
    return copy


def _damage(path: Path) -> None:
    with path.open("r+b") as f:
        f.seek(path.stat().st_size // 2)
        f.write(b"\xff" * 4096)


def test_an_intact_file_passes_and_a_damaged_one_is_refused_naming_the_newest_backup(db, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = _file(db, tmp_path)
    recovery.check_file(path)  # intact: nothing said
    (tmp_path / "backups").mkdir()
    for name, when in (("old.db", 1_000_000_000), ("new.db", 1_100_000_000)):
        backup.backup_to(f"sqlite:///{path}", tmp_path / "backups" / name)
        os.utime(tmp_path / "backups" / name, (when, when))
    _damage(path)
    with pytest.raises(DatabaseDamaged) as refused:
        recovery.check_file(path)
    assert refused.value.backups == (tmp_path / "backups" / "new.db", tmp_path / "backups" / "old.db")
    assert f"(latest: {tmp_path / 'backups' / 'new.db'})" in str(refused.value)


def test_a_new_or_empty_file_is_not_checked(tmp_path):
    assert not recovery.is_damaged(tmp_path / "missing.db")
    (tmp_path / "empty.db").write_bytes(b"")
    assert not recovery.is_damaged(tmp_path / "empty.db")


def test_the_check_stops_at_its_time_bound(db, tmp_path, monkeypatch):
    path = _file(db, tmp_path)
    _damage(path)
    assert recovery.is_damaged(path)
    monkeypatch.setattr(recovery, "PROGRESS_STEPS", 1)  # look at the clock at every step
    assert not recovery.is_damaged(path, budget=-1)  # out of time at once: opening goes on unchecked


def test_a_file_that_is_not_a_database_is_left_to_the_opening_message(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("shopping list\n" * 500)
    assert not recovery.is_damaged(path)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("PRAGMA quick_check").fetchone()
