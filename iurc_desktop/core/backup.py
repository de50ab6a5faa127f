"""Consistent copies of a SQLite database, and restoring one safely.

Backups use SQLite's online backup API (never a file copy of a live WAL
database). A restore checks the candidate first (a SQLite file, integrity ok,
a schema revision this version knows) and keeps the current database aside.
Every backup written is noted in a list in the user data folder, so that an
erasure can find the backups that still hold the person wherever they were put.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from .errors import DatabaseError, IurcError, NewerDatabaseError, ValidationError
from .output_files import atomic_output, write_text
from .paths import data_dir
from .revisions import known_revisions
from .timeutil import utc_now

BACKUP_KEEP = 10
MADE_LIST = "backups.list"  # in the user data folder: one backup path a line, nothing else


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    revision: str | None


def sqlite_path(url: str) -> Path:
    """The file behind a SQLite URL; other databases are backed up with their own tools."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        raise DatabaseError(
            f"Backups are made of SQLite database files; {parsed.render_as_string(hide_password=True)} is not one "
            "(use the server's own backup tools, e.g. pg_dump)."
        )
    return Path(parsed.database)


def backup_to(url: str, target: Path) -> BackupInfo:
    """Write a consistent copy of the database at `url` to `target` (atomically)."""
    source_path = sqlite_path(url)
    if not source_path.exists():
        raise DatabaseError(f"There is no database at {source_path} to back up.")
    target = target.expanduser()
    if not target.parent.is_dir():
        raise DatabaseError(f"Cannot write the backup: the folder {target.parent} does not exist.")
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    try:
        with atomic_output(target) as partial:  # staged and journalled: a crash leaves no copy behind
            dest = sqlite3.connect(partial)
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
            finally:
                dest.close()
    except sqlite3.Error as exc:
        raise DatabaseError(f"The backup failed: {exc}. Nothing was written to {target}.") from None
    finally:
        source.close()
    note_made(target)
    return inspect_backup(target)


def inspect_backup(path: Path) -> BackupInfo:
    """Check that `path` is an intact IURC Desktop database and say which revision it has."""
    if not path.is_file():
        raise ValidationError(f"{path} does not exist or is not a file.")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            status = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] if "alembic_version" in tables else None
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise ValidationError(f"{path} is not a usable database backup: {exc}.") from None
    if status != "ok":
        raise ValidationError(f"{path} is damaged (integrity check: {status}); it was not restored.")
    if revision is None or "events" not in tables:
        raise ValidationError(f"{path} is not an IURC Desktop database.")
    if revision not in known_revisions()[0]:
        raise NewerDatabaseError(f"{path} was written by a newer version of IURC Desktop (schema revision {revision}).")
    return BackupInfo(path, path.stat().st_size, revision)


def restore_from(url: str, source: Path, prepare: Callable[[Path], None] | None = None) -> Path:
    """Replace the database at `url` with the backup `source`; return where the old one was kept.

    `prepare` works on the staged copy before it replaces the database (upgrade it, replay erasures),
    so the database is never, even for a moment, the backup as it was.
    """
    inspect_backup(source)
    target = sqlite_path(url)
    if not target.parent.is_dir():
        raise DatabaseError(f"Cannot restore: the folder {target.parent} does not exist.")
    aside = target.with_name(f"{target.stem}.before-restore-{_stamp()}{target.suffix or '.db'}")
    if target.exists():
        backup_to(url, aside)
    with atomic_output(target) as staged:
        shutil.copyfile(source, staged)
        if prepare is not None:
            prepare(staged)
        for suffix in ("-wal", "-shm"):  # a stale WAL would be replayed over the restored file
            Path(f"{target}{suffix}").unlink(missing_ok=True)
    return aside


def rotate_backup(url: str, folder: Path, *, keep: int = BACKUP_KEEP, reason: str = "auto") -> BackupInfo:
    """A timestamped backup in `folder`, keeping the newest `keep` of that reason."""
    folder.mkdir(parents=True, exist_ok=True)
    info = backup_to(url, folder / f"iurc-{reason}-{_stamp()}.db")
    olds = sorted(folder.glob(f"iurc-{reason}-*.db"))
    for old in olds[:-keep]:
        old.unlink(missing_ok=True)
    return info


def _stamp() -> str:
    now: datetime = utc_now()
    return now.strftime("%Y%m%dT%H%M%S%fZ")


def note_made(path: Path) -> None:
    """Add `path` to the list of backups this app wrote (a failure to note it never fails the backup)."""
    made = [p for p in made_backups() if p != path.resolve()]
    try:
        write_text(data_dir() / MADE_LIST, "".join(f"{p}\n" for p in [*made, path.resolve()]))
    except (OSError, IurcError):
        pass  # a read-only data folder: the backup stands, erasure still looks in the usual folders


def made_backups() -> list[Path]:
    """The backups this app wrote that are still where it wrote them."""
    try:
        lines = (data_dir() / MADE_LIST).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [path for path in map(Path, dict.fromkeys(line for line in lines if line)) if path.is_file()]
