"""Typed domain errors, each carrying a message a person can act on.

The UI and the CLI catch `IurcError` at one boundary each and show `str(error)`;
nothing below them formats messages for a particular front end.
"""

from __future__ import annotations


class IurcError(Exception):
    """Base of every error the user is meant to read."""


class DatabaseError(IurcError):
    """The database cannot be opened, created or upgraded."""


class DatabaseBusy(DatabaseError):
    """Another window or process holds the write lock longer than we wait."""


class NewerDatabaseError(DatabaseError):
    """The database was written by a newer version of the app."""


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
