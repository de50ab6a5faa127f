"""The database as a whole through the app: backup, restore (the old file kept aside), copy, the rotating backup."""

from __future__ import annotations

from pathlib import Path

import pytest

from iurc_desktop.app import backups, database, programme
from iurc_desktop.app.events import count_events
from iurc_desktop.core.errors import DatabaseError, IurcError


def _demo(url: str) -> None:
    db = database.open(url)
    try:
        programme.load_demo(db)
    finally:
        db.dispose()


def _events(url: str) -> int:
    db = database.open(url)
    try:
        return count_events(db)
    finally:
        db.dispose()


def test_backup_then_restore_over_a_changed_database_keeps_the_current_one_aside(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    _demo(url)
    demo_events = _events(url)
    info = backups.backup(url, tmp_path / "copy.db")
    assert info.path == tmp_path / "copy.db" and info.size > 0
    assert backups.check_backup(info.path).revision == info.revision

    (tmp_path / "live.db").unlink()
    assert _events(url) == 0  # a new, empty database in its place
    restored = backups.restore(url, info.path)
    assert restored.path == tmp_path / "live.db" and restored.aside is not None and restored.aside.exists()
    assert _events(url) == demo_events


def test_restoring_a_file_that_is_no_backup_says_the_database_is_unchanged(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    _demo(url)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database")
    with pytest.raises(IurcError, match="was not restored; the database at .* is unchanged"):
        backups.restore(url, junk)
    assert _events(url) > 0


def test_a_server_database_is_not_backed_up_by_the_app(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="pg_dump"):
        backups.backup("postgresql+psycopg://nobody@127.0.0.1:1/none", tmp_path / "b.db")
    assert not (tmp_path / "b.db").exists()


def test_copy_to_another_database_then_the_rotating_backup(tmp_path: Path) -> None:
    source, target = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    _demo(source)
    report = backups.copy(source, target)
    assert report.rows > 0 and _events(target) == _events(source)
    first = backups.rotating_backup(source, tmp_path / "auto")
    assert first.path.parent == tmp_path / "auto" and first.path.name.startswith("iurc-auto-")
