"""The app's own backups that still hold an erased person: finding them, and rewriting them without the person.

Where the app's backups are: the list of backups it wrote (`backup.made_backups`),
the default backup folder in the user data folder, the `backups` folder beside
the database file (copies kept before an upgrade), and any folder the caller
adds (the window's backup folder setting). A backup holds the person when its
people table has their e-mail.

Purging rewrites each backup rather than deleting it: a backup is the user's way
back from a mistake, and deleting it to remove one person would take every other
row with it. The person is erased inside a staged copy (upgraded to this
version's schema first, so the erasure's rules are today's), which then
replaces the backup atomically (core/output_files). The rewritten backup has the
person in its erasure register too. The copy is edited with secure delete on, so
no freed page keeps an old row, not even of the tables an upgrade rebuilds, and
with no journal, log or temporary file on disk: a crash leaves only the staged
copy, which the next start removes. The price: an older version of the app
cannot restore a backup rewritten by a newer one.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

from ..backup import made_backups
from ..db import upgrade
from ..output_files import atomic_output
from ..paths import data_dir
from . import erasure, erasure_register
from .erasure_register import Entry
from .listing import normalise_email

BACKUP_FOLDER = "backups"  # the default backup folder in the user data folder, and the one beside a database file


@dataclass(frozen=True)
class HeldBackup:
    """A backup file that holds a person: where, when it was last written (UTC) and its size in bytes."""

    path: Path
    made: datetime
    size: int


def backup_files(database: Path | None, folders: Iterable[Path] = ()) -> list[Path]:
    """Every backup the app may have written: the ones it listed, then the `.db` files of its backup folders."""
    found = dict.fromkeys(made_backups())
    roots = [data_dir() / BACKUP_FOLDER, *([database.parent / BACKUP_FOLDER] if database else []), *folders]
    for folder in roots:
        try:
            found.update(dict.fromkeys(path.resolve() for path in sorted(Path(folder).expanduser().glob("*.db")) if path.is_file()))
        except OSError:
            continue  # a folder that is gone or unreadable holds nothing the app can purge
    if database is not None:
        found.pop(database.resolve(), None)  # the database itself is not one of its backups
    return list(found)


def backups_holding(email: str, database: Path | None, folders: Iterable[Path] = ()) -> list[HeldBackup]:
    """The app's backups that hold the person with `email`, oldest first."""
    held = []
    for path in backup_files(database, folders):
        if holds(path, email):
            stat = path.stat()
            held.append(HeldBackup(path, datetime.fromtimestamp(stat.st_mtime, UTC), stat.st_size))
    return sorted(held, key=lambda backup: (backup.made, str(backup.path)))


def holds(path: Path, email: str) -> bool:
    """Whether the database file at `path` has a person with `email` (False for a file that is no database)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT 1 FROM people WHERE lower(trim(email)) = ? LIMIT 1", (normalise_email(email),)).fetchone()
        finally:
            conn.close()
    except (sqlite3.Error, OSError):
        return False
    return row is not None


def purge(path: Path, email: str) -> None:
    """Rewrite the backup at `path` without the person with `email`, replacing it whole or not at all."""
    with atomic_output(path) as staged:
        shutil.copyfile(path, staged)
        with edited(staged) as session:
            erasure.erase_person(session, email)


def replay_file(path: Path, others: Iterable[Entry]) -> int:
    """Merge `others` into the register of the database file at `path`, then erase again whoever it names; how many."""
    with edited(path) as session:
        erasure_register.merge(session, others)
        return erasure.replay(session)


def register_of(path: Path) -> list[Entry]:
    """The erasure register of the database file at `path` (empty for a file from before the register)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'erasures'").fetchone() is None:
                return []
            rows = conn.execute("SELECT salt, digest, erased_on FROM erasures").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []
    return [(salt, dig, date.fromisoformat(day)) for salt, dig, day in rows]


@contextmanager
def edited(path: Path) -> Iterator[Session]:
    """A transaction on the staged SQLite copy at `path`, upgraded first (keeping no copy of it as it was)."""
    engine = _staged_engine(path)
    try:
        upgrade(engine, keep_copy=False)
        with Session(engine) as session, session.begin():
            yield session
    finally:
        engine.dispose()


def _staged_engine(path: Path) -> Engine:
    """An engine that writes nothing but the file itself, and zeroes what it frees.

    A crash must leave only the staged file, which the next start removes (output_files): a log,
    journal or temporary file would hold the rows of everyone in it. A staged copy needs no
    durability: any failure throws it away.
    """
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        for pragma in ("foreign_keys=ON", "journal_mode=MEMORY", "temp_store=MEMORY", "secure_delete=ON"):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    return engine
