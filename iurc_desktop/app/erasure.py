"""Erasing a person: their personal data leaves the database everywhere; past events still count them.

The app's own backups that still hold the person are found by their e-mail and,
when the user asks, rewritten without them (see core/people/erasure_backups.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from ..core.errors import IurcError, NotFound
from ..core.people import erasure, erasure_backups, erasure_register
from ..core.people.erasure import ErasureReport
from ..core.people.erasure_backups import HeldBackup
from .changes import Outcome, Topic
from .database import resolve_url
from .unit_of_work import UnitOfWork, reads, writes

if TYPE_CHECKING:
    from .database import Database

__all__ = ["Erased", "ErasureReport", "HeldBackup", "Purged", "backups_holding", "erase_person", "purge_backups",
           "was_erased"]


@dataclass(frozen=True)
class Erased:
    """What an erasure did, and whether the database file's log was cleaned of the old rows."""

    report: ErasureReport
    log_truncated: bool


@dataclass(frozen=True)
class Purged:
    """Backups rewritten without the person, and those that could not be, each with why."""

    rewritten: tuple[Path, ...]
    failed: tuple[tuple[Path, str], ...]


@writes(Topic.PEOPLE, Topic.PARTICIPANTS, Topic.TRAVEL, Topic.STAYS)
def _erase(uow: UnitOfWork, email: str) -> ErasureReport:
    return erasure.erase_person(uow.session, email)


def erase_person(db: Database, email: str) -> Outcome[Erased]:
    """Erase the person with this e-mail; after the commit, scrub the file's log (SQLite) of the old rows."""
    done = _erase(db, email)
    return Outcome(Erased(done.value, erasure.scrub_file(db.engine)), done.changed)


@reads
def was_erased(uow: UnitOfWork, email: str) -> bool:
    """Whether the erasure register names `email` (someone erased here, or in a database restored or copied in)."""
    return erasure_register.is_registered(uow.session, email)


def backups_holding(url: str | None, email: str, folders: Iterable[Path] = ()) -> tuple[HeldBackup, ...]:
    """This database's backups that hold the person, oldest first (see `core.backup.backups_of` for which are its)."""
    return tuple(erasure_backups.backups_holding(email, resolve_url(url), folders))


def purge_backups(email: str, paths: Sequence[Path]) -> Purged:
    """Rewrite each backup without the person with `email`; one that cannot be rewritten is left as it was, with why."""
    rewritten: list[Path] = []
    failed: list[tuple[Path, str]] = []
    for path in paths:
        try:
            erasure_backups.purge(path, email)
        except NotFound:
            pass  # the backup no longer holds them: nothing to rewrite
        except IurcError as exc:
            failed.append((path, str(exc)))
            continue
        except OSError as exc:
            failed.append((path, f"it could not be rewritten: {exc.strerror or 'the file could not be written'}"))
            continue
        except (sqlite3.Error, SQLAlchemyError):  # their text may quote a row: never shown
            failed.append((path, "it is damaged or not an IURC Desktop database; delete it if it is not needed"))
            continue
        rewritten.append(path)
    return Purged(tuple(rewritten), tuple(failed))
