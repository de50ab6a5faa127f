"""Each backup is noted with the database it is a copy of: a database is offered only its own backups."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from iurc_desktop.app import backups, database
from iurc_desktop.app import recovery as app_recovery
from iurc_desktop.core import backup, recovery
from iurc_desktop.core.errors import DatabaseDamaged
from iurc_desktop.core.paths import data_dir

pytestmark = pytest.mark.sqlite_only("backups are of SQLite files")


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user data folder of the test's own (its list of backups made, its auto-backup folder)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path


def _database(path: Path) -> str:
    """A migrated database file with enough rows to have pages worth damaging; its URL."""
    path.parent.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{path}"
    database.open(url).dispose()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE filler (t TEXT)")
        conn.execute("INSERT INTO filler SELECT hex(randomblob(200)) FROM (WITH RECURSIVE n(i) AS "
                     "(SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) SELECT i FROM n)")
    conn.close()
    return url


def _damage(path: Path) -> None:
    with path.open("r+b") as f:
        f.seek(path.stat().st_size // 2)
        f.write(b"\xff" * 4096)


def _age(path: Path, when: int) -> None:
    os.utime(path, (when, when))


def test_a_damaged_database_is_offered_only_its_own_backups_never_another_databases(data: Path) -> None:
    mine = _database(data / "d2" / "dmg2.db")
    other = _database(data / "other.db")
    monday = backups.backup(mine, data / "d2" / "dmg2-backup-monday.db").path  # anywhere: noted as its copy
    _age(monday, 1_000_000_000)
    (data / "d2" / "backups").mkdir()
    their_auto = backups.rotating_backup(other, data_dir() / "backups").path  # newer, the shared auto folder
    their_beside = backups.backup(other, data / "d2" / "backups" / "other-copy.db").path  # noted as the other's
    by_hand = data / "d2" / "backups" / "copied-by-hand.db"  # beside it, source not noted
    shutil.copyfile(monday, by_hand)
    _age(by_hand, 900_000_000)
    stray = data_dir() / "backups" / "unnoted.db"  # not beside it, source not noted: not offered
    shutil.copyfile(their_auto, stray)
    _damage(data / "d2" / "dmg2.db")

    with pytest.raises(DatabaseDamaged) as refused:
        database.open(mine)
    message = str(refused.value)
    assert f"(latest: {monday.resolve()})" in message
    assert str(their_auto) not in message and str(their_beside) not in message
    found = app_recovery.latest_backups(mine)
    assert [(f.path, f.noted) for f in found] == [(monday.resolve(), True), (by_hand.resolve(), False)]
    assert their_auto.resolve() not in {f.path for f in found} and stray.resolve() not in {f.path for f in found}


def test_only_backups_of_unknown_source_are_named_as_such_and_none_said_when_there_are_none(data: Path) -> None:
    path = data / "dmg.db"
    _database(path)
    (data / "backups").mkdir()
    shutil.copyfile(path, data / "backups" / "old-version-copy.db")
    _damage(path)
    refused = recovery.damaged(path)
    assert refused.backups == () and refused.unknown == ((data / "backups" / "old-version-copy.db").resolve(),)
    assert "its source is unknown" in str(refused) and "latest:" not in str(refused)
    (data / "backups" / "old-version-copy.db").unlink()
    assert "(no backup of it was found)" in str(recovery.damaged(path))


def test_the_list_of_backups_notes_each_source_and_reads_an_older_versions_bare_paths(data: Path) -> None:
    url = _database(data / "a.db")
    made = backups.backup(url, data / "copy.db").path
    legacy = data / "legacy.db"
    shutil.copyfile(made, legacy)
    listed = data_dir() / backup.MADE_LIST
    listed.write_text(listed.read_text(encoding="utf-8") + f"{legacy}\n", encoding="utf-8")
    assert backup.made_sources() == {made.resolve(): str((data / "a.db").resolve()), legacy: None}
    backups.backup(url, legacy)  # written again: now noted with its source, listed once
    assert backup.made_sources() == {made.resolve(): str((data / "a.db").resolve()),
                                     legacy.resolve(): str((data / "a.db").resolve())}


def test_rotation_in_a_shared_folder_keeps_each_databases_own_newest(data: Path) -> None:
    first, second = _database(data / "first.db"), _database(data / "second.db")
    folder = data / "auto"
    kept_of_second = backup.rotate_backup(second, folder, keep=2).path
    for _ in range(3):
        backup.rotate_backup(first, folder, keep=2)
    assert kept_of_second.exists()  # before, the first database's rotation deleted it
    assert len(list(folder.glob("iurc-auto-*.db"))) == 3


def test_the_damaged_file_kept_aside_leaves_no_empty_log_beside_it(data: Path) -> None:
    url = _database(data / "dmg.db")
    good = backups.backup(url, data / "good.db").path
    path = data / "dmg.db"
    Path(f"{path}-wal").write_bytes(b"")  # what SQLite leaves after a clean close in WAL mode
    Path(f"{path}-shm").write_bytes(b"\0" * 32768)
    _damage(path)
    restored = app_recovery.restore(url, good)
    assert restored.aside is not None and restored.aside.exists()
    assert not Path(f"{restored.aside}-wal").exists() and not Path(f"{restored.aside}-shm").exists()


def test_a_log_that_holds_something_goes_aside_with_the_damaged_file(data: Path) -> None:
    path = data / "dmg.db"
    path.write_bytes(b"x")
    Path(f"{path}-wal").write_bytes(b"pages not yet in the file")
    Path(f"{path}-shm").write_bytes(b"\0" * 32768)
    aside = recovery.move_aside(path)
    assert Path(f"{aside}-wal").read_bytes() == b"pages not yet in the file" and Path(f"{aside}-shm").exists()
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
