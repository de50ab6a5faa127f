"""Events from templates: duplicate an event to new dates, and take the copy back (its undo)."""

from __future__ import annotations

from datetime import date

from ..core.clock_changes import DST_CHOICES, ClockChangeRefused, ItemTime
from ..core.events import admin as event_admin, templates
from ..core.events.templates import DuplicateResult
from .changes import Topic
from .unit_of_work import UnitOfWork, writes

__all__ = ["DST_CHOICES", "ClockChangeRefused", "DuplicateResult", "ItemTime", "duplicate_event", "remove_duplicate"]


@writes(Topic.EVENTS, Topic.ITEMS, Topic.PARTICIPANTS)
def duplicate_event(uow: UnitOfWork, code: str, *, new_code: str, new_start: date, with_participants: bool = False,
                    by: str = "", dst: str | None = None) -> DuplicateResult:
    """A new event `new_code` from `code`, starting `new_start`: local times and zones kept, new invite UIDs.

    A moved time the clocks skip or repeat refuses it all (ClockChangeRefused, naming each item's two readings)
    unless `dst` is 'earlier' or 'later': those items then take that reading and keep their length, each reported in
    the warnings. Its undo is `remove_duplicate(db, result.code)`.
    """
    return templates.duplicate_event(uow.session, code, new_code=new_code, new_start=new_start,
                                     with_participants=with_participants, by=by, dst=dst)


@writes(Topic.EVENTS, Topic.ITEMS, Topic.PARTICIPANTS)
def remove_duplicate(uow: UnitOfWork, code: str) -> None:
    """Remove the event `code` made by `duplicate_event`, with everything it holds; NotFound if it is gone."""
    event_admin.delete_event(uow.session, code)
