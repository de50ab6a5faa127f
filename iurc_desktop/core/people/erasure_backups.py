"""The app's own backups that still hold an erased person: finding them, and rewriting them without the person.

Which backups are the database's: the same rule as for restoring a damaged one
(`backup.backups_of`): those the app noted as copies of this database, and files
of unknown source in the `backups` folder beside it (copies kept before an upgrade
by an older version) or in a folder the caller names. Another database's backups
are not this erasure's to rewrite. A backup holds the person when its people table
has their e-mail.

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

import os
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

from ..backup import backups_of
from ..db import upgrade
from ..output_files import atomic_output
from . import erasure, erasure_register
from .erasure_register import Entry
from .listing import normalise_email

@dataclass(frozen=True)
class HeldBackup:
    """A backup file that holds a person: where, when it was written (UTC), its size in bytes, whether noted as ours.

    `noted` False: its source is unknown (see `backup.backups_of`).
    """

    path: Path
    made: datetime
    size: int
    noted: bool = True


def backups_holding(email: str, url: str, folders: Iterable[Path] = ()) -> list[HeldBackup]:
    """The backups of the database at `url` (see `backup.backups_of`) that hold the person with `email`, oldest first."""
    held = []
    for backup in backups_of(url, folders):
        if holds(backup.path, email):
            stat = backup.path.stat()
            held.append(HeldBackup(backup.path, datetime.fromtimestamp(stat.st_mtime, UTC), stat.st_size, backup.noted))
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
    """Rewrite the backup at `path` without the person with `email`, replacing it whole or not at all.

    The rewritten file keeps the backup's modification time: it is when the backup was made, as listed.
    """
    made = path.stat()
    with atomic_output(path) as staged:
        shutil.copyfile(path, staged)
        with edited(staged) as session:
            erasure.erase_person(session, email)
    os.utime(path, ns=(made.st_atime_ns, made.st_mtime_ns))


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
