"""Failures of the computer, not of the app: a full disk, a damaged or read-only database, said plainly.

No message, on stderr or in a log, carries the SQL statement or its parameters (a person's data).
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from iurc_desktop.core import db as core_db
from tests.cli_support import run

pytest_plugins = ("tests.cli_fixtures",)

SECRET = "Zbigniewa Quellhorst-Tanaka"  # a person's name that must never be printed


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every new SQLite connection may grow its file by two pages only: the disk is 'full' at once."""
    set_pragmas = core_db._set_sqlite_pragmas

    def pragmas(connection: object, record: object) -> None:
        set_pragmas(connection, record)
        cursor = connection.cursor()  # type: ignore[attr-defined]
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count={pages + 2}")
        cursor.close()

    monkeypatch.setattr(core_db, "_set_sqlite_pragmas", pragmas)


def _people_csv(path: Path, rows: int = 400) -> Path:
    lines = ["Name,Email"]
    lines += [f"{SECRET} {i},zq{i}@example.org" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _count(url: str, table: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    finally:
        engine.dispose()


def _no_sql_and_no_person(err: str) -> None:
    assert "internal error" not in err and "Traceback" not in err
    assert "INSERT" not in err and "[SQL" not in err and "parameters" not in err
    assert SECRET not in err and "example.org" not in err


def test_a_full_disk_during_import_says_where_to_make_room_and_prints_no_personal_data(
        url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], full_disk: None) -> None:
    before = _count(url, "people")
    source = _people_csv(tmp_path / "people.csv")
    code, _, err = run(capsys, "--db", url, "import", str(source), "--event", "r2r-japan-2022")
    assert code == 1
    assert f"The disk is full: free space on {tmp_path} and try again." in err
    _no_sql_and_no_person(err)
    assert _count(url, "people") == before


def test_a_full_disk_during_load_is_a_message_and_the_database_is_unchanged(
        url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], full_disk: None) -> None:
    programme = tmp_path / "programme.json"
    people = [{"key": f"p{i}", "given_name": SECRET, "family_name": str(i), "email": f"zq{i}@example.org"} for i in range(300)]
    programme.write_text(json.dumps({"format": "iurc-programme/1", "people": people}), encoding="utf-8")
    before = _count(url, "people")
    code, _, err = run(capsys, "--db", url, "load", str(programme))
    assert code == 1 and "The disk is full" in err, err
    _no_sql_and_no_person(err)
    assert _count(url, "people") == before


def test_a_full_disk_while_writing_an_export_names_the_folder_and_leaves_no_file(
        url: str, out: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from iurc_desktop.exchange.rosters import rosters

    def no_room(path: Path, _table: object, *, into: Path | None = None, **_: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(into or path))

    monkeypatch.setattr(rosters, "write_table", no_room)
    target = out / "participants.csv"
    code, _, err = run(capsys, "--db", url, "export", "roster", "r2r-japan-2022", "--kind", "participants", "-o", str(target))
    assert code == 1
    assert f"The disk is full: free space on {out} and try again. Nothing was written to {target}." in err
    assert not target.exists() and list(out.iterdir()) == []


def test_an_unexpected_driver_error_prints_one_line_without_the_statement(
        url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.exc import IntegrityError

    from iurc_desktop import cli

    def boom(_args: object) -> int:
        raise IntegrityError("INSERT INTO people (name) VALUES (?)", (SECRET,), Exception("UNIQUE constraint failed: people.email"))

    monkeypatch.setattr(cli, "cmd_events", boom)
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)
    code, _, err = run(capsys, "--db", url, "events")
    assert code == 1
    assert err.splitlines()[0] == "internal error: IntegrityError: UNIQUE constraint failed: people.email"
    assert "INSERT" not in err and SECRET not in err


def _damage(path: Path) -> bytes:
    """Overwrite 4 KB in the middle of the file, as a failing disk or a crashed copy would; the damaged bytes."""
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.seek(size // 2)
        f.write((b"IURC damaged sector " * 205)[:4096])
    return path.read_bytes()


@pytest.fixture
def own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user data folder of this test alone: backups other tests left in the shared one are not listed."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def test_a_damaged_database_is_refused_on_open_naming_the_latest_backup(
        url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], own_data_folder: Path) -> None:
    path = Path(url.removeprefix("sqlite:///"))
    backups = tmp_path / "backups"  # where the app keeps its backups of a database (before an upgrade)
    backups.mkdir()
    assert run(capsys, "--db", url, "backup", "-o", str(backups / "older.db"))[0] == 0
    assert run(capsys, "--db", url, "backup", "-o", str(backups / "newest.db"))[0] == 0
    os.utime(backups / "older.db", (1_000_000_000, 1_000_000_000))
    damaged = _damage(path)
    code, out, err = run(capsys, "--db", url, "events")
    assert code == 1 and out == ""
    assert err.splitlines()[0] == (
        f"error: The database file {path} is damaged; restore the latest good backup with "
        f"`iurc-desktop --db {path} restore BACKUP` (latest: {backups / 'newest.db'}). It was not changed."
    )
    assert path.read_bytes() == damaged  # neither read into nor written
    code, out, _ = run(capsys, "--db", url, "restore", str(backups / "newest.db"))
    assert code == 0  # the way out works, though SQLite cannot copy the damaged file aside
    kept = next(tmp_path.glob("work.damaged-*.db"))
    assert f"kept as {kept}" in out and kept.read_bytes() == damaged
    assert run(capsys, "--db", url, "events")[0] == 0


def test_a_damaged_database_without_backups_says_so(url: str, capsys: pytest.CaptureFixture[str], own_data_folder: Path) -> None:
    path = Path(url.removeprefix("sqlite:///"))
    _damage(path)
    code, _, err = run(capsys, "--db", url, "show", "r2r-japan-2022")
    assert code == 1 and "is damaged" in err and "no backup of it was found" in err


def test_a_read_only_folder_is_named_as_such(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "team-folder"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):  # root ignores the mode: make the folder read-only as far as the app can tell
        real_access = os.access
        monkeypatch.setattr(core_db.os, "access", lambda p, mode: False if Path(p) == folder else real_access(p, mode))
        monkeypatch.setattr(core_db, "_set_sqlite_pragmas", _refusing_open)
    try:
        code, _, err = run(capsys, "--db", str(folder / "iurc.db"), "init")
    finally:
        folder.chmod(0o755)
    assert code == 1
    assert err.splitlines()[0] == (
        f"error: The folder {folder} is read-only: IURC Desktop needs to write its database there "
        "(and its journal beside it); choose another folder (--db PATH or IURC_DB), or ask for write access to this one."
    )
    assert "unable to open database file" not in err


def _refusing_open(_connection: object, _record: object) -> None:
    """What SQLite says when it may not create the file (as it does in a read-only folder)."""
    import sqlite3

    raise sqlite3.OperationalError("unable to open database file")


def test_a_read_only_file_that_needs_writing_is_named_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from iurc_desktop.core.errors import DatabaseError

    path = tmp_path / "iurc.db"
    path.write_bytes(b"")
    real_access = os.access
    monkeypatch.setattr(core_db.os, "access", lambda p, mode: False if Path(p) == path else real_access(p, mode))
    monkeypatch.setattr(core_db, "_set_sqlite_pragmas", _refusing_write)
    with pytest.raises(DatabaseError, match=f"The database file {path} is read-only, and opening it needs to write"):
        core_db.open_database(str(path))


def _refusing_write(_connection: object, _record: object) -> None:
    import sqlite3

    raise sqlite3.OperationalError("attempt to write a readonly database")



def test_a_full_disk_during_a_backup_is_a_message_and_leaves_no_file(
        url: str, out: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from iurc_desktop.core import backup as core_backup

    real_connect = sqlite3.connect

    def connect_small(target: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real_connect(target, *args, **kwargs)
        if not str(target).startswith("file:"):  # the copy being written, not the database read
            conn.execute("PRAGMA max_page_count=2")
        return conn

    monkeypatch.setattr(core_backup.sqlite3, "connect", connect_small)
    code, _, err = run(capsys, "--db", url, "backup", "-o", str(out / "copy.db"))
    assert code == 1 and "disk is full" in err and "Nothing was written" in err
    assert "internal error" not in err and "Traceback" not in err
    assert list(out.iterdir()) == []


def test_a_full_disk_while_dumping_names_the_folder(url: str, out: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from iurc_desktop.core import output_files

    def no_room(_source: object, _target: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output_files.os, "replace", no_room)
    target = out / "programme.json"
    code, _, err = run(capsys, "--db", url, "dump", "-o", str(target))
    assert code == 1 and err == f"error: The disk is full: free space on {out} and try again. Nothing was written to {target}.\n"
    assert not target.exists()
