"""Someone else saved a row first: put the user's own change on top of theirs, once they have seen it."""

from __future__ import annotations

from ..core.team import concurrency
from ..core.team.concurrency import EditConflict
from .changes import Topic
from .unit_of_work import UnitOfWork, writes

__all__ = ["EditConflict", "apply_mine"]


@writes(Topic.EVERYTHING)
def apply_mine(uow: UnitOfWork, conflict: EditConflict) -> int:
    """Write the conflict's own values over the other person's version; returns the row's new version."""
    return concurrency.apply_mine(uow.session, conflict)
