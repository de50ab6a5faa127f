"""Erasing a person: their personal data leaves the database everywhere; past events still count them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.people import erasure
from ..core.people.erasure import ErasureReport
from .changes import Outcome, Topic
from .unit_of_work import UnitOfWork, writes

if TYPE_CHECKING:
    from .database import Database

__all__ = ["Erased", "ErasureReport", "erase_person"]


@dataclass(frozen=True)
class Erased:
    """What an erasure did, and whether the database file's log was cleaned of the old rows."""

    report: ErasureReport
    log_truncated: bool


@writes(Topic.PEOPLE, Topic.PARTICIPANTS, Topic.TRAVEL, Topic.STAYS)
def _erase(uow: UnitOfWork, email: str) -> ErasureReport:
    return erasure.erase_person(uow.session, email)


def erase_person(db: Database, email: str) -> Outcome[Erased]:
    """Erase the person with this e-mail; after the commit, scrub the file's log (SQLite) of the old rows."""
    done = _erase(db, email)
    return Outcome(Erased(done.value, erasure.scrub_file(db.engine)), done.changed)
