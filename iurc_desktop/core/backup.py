"""Consistent copies of a SQLite database, and restoring one safely.

Backups use SQLite's online backup API (never a file copy of a live WAL
database). A restore checks the candidate first (a SQLite file, integrity ok,
a schema revision this version knows) and keeps the current database aside.
Every backup written is noted in a list in the user data folder, with the
database it is a copy of, so that an erasure can find the backups that still hold
the person wherever they were put, and a damaged database is offered only its own
backups (`backups_of`), never another database's.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable, Iterable
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
MADE_LIST = "backups.list"  # in the user data folder: a line per backup, {"path": …, "source": …} (older: a bare path)
BACKUPS_FOLDER = "backups"  # beside the database (before an upgrade) and in the user data folder (on close)


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


def source_of(url: str) -> str:
    """How a backup names the database it is a copy of: the resolved file of a SQLite URL, else the URL."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        return str(Path(parsed.database).expanduser().resolve())
    return parsed.render_as_string(hide_password=True)


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
    note_made(target, source_of(url))
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
    sources, source = made_sources(), source_of(url)
    # the folder is shared by every database: each keeps its own newest few (and one not noted may go)
    olds = sorted(old for old in folder.glob(f"iurc-{reason}-*.db") if sources.get(old.resolve()) in (source, None))
    for old in olds[:-keep]:
        old.unlink(missing_ok=True)
    return info


def _stamp() -> str:
    now: datetime = utc_now()
    return now.strftime("%Y%m%dT%H%M%S%fZ")


def note_made(path: Path, source: str | None) -> None:
    """Add `path`, a copy of the database `source`, to the list of backups this app wrote (never fails the backup)."""
    made = {p: src for p, src in made_sources().items() if p != path.resolve()}
    made[path.resolve()] = source
    lines = (json.dumps({"path": str(p), "source": src}, ensure_ascii=False) + "\n" for p, src in made.items())
    try:
        write_text(data_dir() / MADE_LIST, "".join(lines))
    except (OSError, IurcError):
        pass  # a read-only data folder: the backup stands; in the `backups` folder beside the database it is still found


def made_sources() -> dict[Path, str | None]:
    """The backups this app wrote that are still where it wrote them, each with its database (None: not noted)."""
    try:
        lines = (data_dir() / MADE_LIST).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    made: dict[Path, str | None] = {}
    for line in filter(None, lines):
        path, source = _made_line(line)
        if path.is_file():
            made[path] = source
    return made


def _made_line(line: str) -> tuple[Path, str | None]:
    """One line of the list: a JSON object, or a bare path written by an older version (its database not noted)."""
    if line.startswith("{"):
        try:
            entry = json.loads(line)
            return Path(entry["path"]), entry.get("source")
        except (ValueError, KeyError, TypeError):
            pass  # a damaged line: read as a path, which is then not a file and is skipped
    return Path(line), None


@dataclass(frozen=True)
class OwnBackup:
    """A backup of a given database: where, and whether it is noted as a copy of it (False: its source is unknown)."""

    path: Path
    noted: bool


def backups_of(url: str, folders: Iterable[Path] = ()) -> list[OwnBackup]:
    """The backups of the database at `url` this app knows of, newest first.

    Those noted as copies of it, wherever they are, and the `.db` files whose source is not noted
    (an older version's, or put there by hand), marked so, in the `backups` folder beside a database
    file and in `folders` (named by the user). A backup noted as another database's is never one of them.
    """
    source, sources = source_of(url), made_sources()
    found = {path: OwnBackup(path, True) for path, src in sources.items() if src == source}
    beside = _beside(url)
    for folder in [*([beside] if beside else []), *folders]:
        for path in _db_files(folder):
            if sources.get(path) is None and str(path) != source:
                found[path] = OwnBackup(path, False)
    return sorted(found.values(), key=_newest_first)


def _beside(url: str) -> Path | None:
    """The `backups` folder beside a SQLite database file (None for a server database)."""
    try:
        return sqlite_path(url).expanduser().resolve().parent / BACKUPS_FOLDER
    except DatabaseError:
        return None


def _db_files(folder: Path) -> list[Path]:
    try:
        return [path.resolve() for path in Path(folder).expanduser().glob("*.db") if path.is_file()]
    except OSError:
        return []  # a folder that is gone or unreadable holds no backup


def _newest_first(backup: OwnBackup) -> tuple[float, str]:
    try:
        return -backup.path.stat().st_mtime, str(backup.path)
    except OSError:
        return 0.0, str(backup.path)
