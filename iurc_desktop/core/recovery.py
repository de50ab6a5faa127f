"""The way back from a damaged database file: SQLite's own check on open, and the backups to restore.

`PRAGMA quick_check` reads every page once (see CHECK_BUDGET for its cost and
bound); a file that fails it is refused before anything reads or writes it,
naming the newest backups found. Restoring over it first moves the damaged file
aside as it is.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from sqlalchemy.engine import URL

from .backup import OwnBackup, backups_of
from .errors import DatabaseDamaged
from .timeutil import utc_now

# quick_check reads every page once: on this machine ~2 ms for the demo (0.4 MB) and 60-80 ms at 10x
# (9 MB) in a fresh connection, so a 100x file stays under the bound; a bigger one is checked as far as it gets.
CHECK_BUDGET = 1.0  # seconds
PROGRESS_STEPS = 1000  # SQLite instructions between looks at the clock
# What SQLite says when the file itself is broken (as opposed to busy, locked or read-only); a file that
# is not a database at all ("file is not a database") is told apart when it is opened.
DAMAGE_TEXT = ("malformed", "database corruption")


def is_damage(text: str) -> bool:
    """Whether a SQLite error text says the file is damaged."""
    lowered = text.lower()
    return any(words in lowered for words in DAMAGE_TEXT)


def latest_backups(database: Path, limit: int = 5) -> list[OwnBackup]:
    """The newest backups of the SQLite file `database` (see `backup.backups_of`; checked when restored, not here)."""
    return backups_of(_url(database))[:limit]


def damaged(database: Path) -> DatabaseDamaged:
    """The refusal of the damaged file `database`, naming its newest backups."""
    found = latest_backups(database)
    return DatabaseDamaged(database, [b.path for b in found if b.noted], [b.path for b in found if not b.noted])


def _url(database: Path) -> str:
    return URL.create("sqlite", database=str(database)).render_as_string()


def is_damaged(database: Path, budget: float = CHECK_BUDGET) -> bool:
    """Whether the SQLite file `database` fails `PRAGMA quick_check` within `budget` seconds.

    A missing or empty file is not damaged; a check that runs out of time counts as passed
    (opening must stay quick: the bound is reached only by files far beyond 100x the demo).
    """
    if not database.is_file() or database.stat().st_size == 0:
        return False  # a new database: nothing to check yet
    deadline = time.monotonic() + budget
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            conn.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)  # "interrupted" when over
            return conn.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok"
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return is_damage(str(exc))  # interrupted, locked or unreadable is not damage: opening says why if it matters


def check_file(database: Path) -> None:
    """Refuse a damaged SQLite file before anything reads or writes it, naming the backups to restore."""
    if is_damaged(database):
        raise damaged(database)


def _companions(database: Path) -> list[Path]:
    return [database, *(Path(f"{database}{suffix}") for suffix in ("-wal", "-shm"))]


def move_aside(database: Path) -> Path:
    """Rename a damaged file (with its journal) out of the way, as it is: SQLite cannot copy it. Where it went.

    An empty write-ahead log holds nothing: it and its index (-shm, rebuilt from the log) are removed
    rather than left as strays beside the kept file.
    """
    aside = database.with_name(f"{database.stem}.damaged-{utc_now():%Y%m%dT%H%M%S%fZ}{database.suffix or '.db'}")
    wal = Path(f"{database}-wal")
    if wal.exists() and wal.stat().st_size == 0:
        for empty in _companions(database)[1:]:
            empty.unlink(missing_ok=True)
    for here, there in zip(_companions(database), _companions(aside)):
        if here.exists():
            here.rename(there)
    return aside


def put_back(aside: Path, database: Path) -> None:
    """Undo `move_aside` (a restore that failed leaves the damaged file where it was)."""
    for here, there in zip(_companions(aside), _companions(database)):
        if here.exists():
            here.replace(there)
