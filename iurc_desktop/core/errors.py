"""Typed domain errors, each carrying a message a person can act on.

The UI and the CLI catch `IurcError` at one boundary each and show `str(error)`;
nothing below them formats messages for a particular front end.
"""

from __future__ import annotations

import errno
import re
import shlex
from pathlib import Path


class IurcError(Exception):
    """Base of every error the user is meant to read."""


class DatabaseError(IurcError):
    """The database cannot be opened, created or upgraded."""


class DatabaseBusy(DatabaseError):
    """Another window or process holds the write lock longer than we wait."""


class NewerDatabaseError(DatabaseError):
    """The database was written by a newer version of the app."""


class DatabaseDamaged(DatabaseError):
    """The database file fails SQLite's own check: reading or writing it could lose more data."""

    def __init__(self, path: Path, backups: list[Path] | tuple[Path, ...] = (),
                 unknown: list[Path] | tuple[Path, ...] = ()) -> None:
        """`backups` are noted as copies of this file, newest first; `unknown` lie beside it, their source not noted."""
        self.path, self.backups, self.unknown = Path(path), tuple(backups), tuple(unknown)
        if self.backups:
            latest = f"latest: {self.backups[0]}"
        elif self.unknown:
            latest = (f"none is noted as made of it; {self.unknown[0]}, beside it, may be one: its source is unknown, "
                      "check it first")
        else:
            latest = "no backup of it was found"
        # --db names this file whichever way it was chosen (--db, IURC_DB or the default), so the command is safe to copy.
        super().__init__(
            f"The database file {self.path} is damaged; restore the latest good backup with "
            f"`iurc-desktop --db {shlex.quote(str(self.path))} restore BACKUP` ({latest}). It was not changed."
        )


class DiskFull(IurcError):
    """The disk (or the database server's disk) has no room left for what was being written."""


class NotFound(IurcError):
    """A code, key or e-mail names nothing in the database."""


class Conflict(IurcError):
    """The action would create a duplicate or contradict existing data."""


class ValidationError(IurcError):
    """One or more values are invalid; `problems` lists each with the path of the bad value."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        shown = self.problems[:20]
        more = len(self.problems) - len(shown)
        text = "\n".join(shown) + (f"\n… and {more} more problems" if more > 0 else "")
        super().__init__(text)


class TimeError(ValidationError):
    """A local time that does not exist, is ambiguous, or names an unknown zone."""


class Cancelled(IurcError):
    """Long work was cancelled by the user; nothing was changed."""

    def __init__(self, message: str = "Cancelled: nothing was changed.") -> None:
        super().__init__(message)


def first_line(exc: BaseException) -> str:
    """The first line of what a failure says (a driver's own error when wrapped), or its kind when it says nothing."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# What SQLite and PostgreSQL say when their disk is full (sqlite3 text; PostgreSQL's SQLSTATE 53100).
_FULL_TEXT = ("database or disk is full", "no space left on device")
_FULL_SQLSTATE = "53100"
_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


def disk_full(where: Path | str | None, *, outcome: str = "Nothing was changed.") -> DiskFull:
    """The message for a full disk under `where` (a folder; None: wherever the database is, e.g. a server)."""
    place = f"free space on {where}" if where else "free space on the disk the database is on"
    return DiskFull(f"The disk is full: {place} and try again. {outcome}")


def is_disk_full(exc: BaseException) -> bool:
    """Whether `exc` (an OSError or a driver's error, wrapped or not) says the disk is full."""
    if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
        return True
    orig = getattr(exc, "orig", None) or exc
    if getattr(orig, "sqlstate", None) == _FULL_SQLSTATE or getattr(orig, "pgcode", None) == _FULL_SQLSTATE:
        return True
    return any(words in str(orig).lower() for words in _FULL_TEXT)


def plain_error(exc: BaseException) -> IurcError | None:
    """A failure of the computer rather than of the app (a full disk) in words a person can act on; else None."""
    if not is_disk_full(exc):
        return None
    name = getattr(exc, "filename", None)
    return disk_full(Path(name).parent if isinstance(name, (str, Path)) and str(name) else None)


# SQLAlchemy puts the statement and its parameters (a person's data) into the text of its errors;
# PostgreSQL's DETAIL line quotes the values themselves ("Key (email)=(…) already exists").
_STATEMENT = re.compile(r"\n?\[SQL: .*?(?=\n\(Background on this error|\Z)", re.DOTALL)
_DETAIL = re.compile(r"^DETAIL: .*$", re.MULTILINE)


def redacted(text: str) -> str:
    """`text` (a message or a traceback) without any SQL statement, parameters or values a driver error carried."""
    text = _DETAIL.sub("DETAIL: (not shown: it may hold personal data)", text)
    return _STATEMENT.sub("\n[SQL statement not shown: it may hold personal data]", text)


def summary(exc: BaseException) -> str:
    """`Kind: first line` of an unexpected failure, safe to print or log (no SQL, no parameters)."""
    return f"{type(exc).__name__}: {redacted(first_line(exc))}"
