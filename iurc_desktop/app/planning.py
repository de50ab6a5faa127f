"""What needs doing and where things are: the to-do list, upcoming events and search everywhere."""

from __future__ import annotations

from datetime import date

from ..core import search as core_search
from ..core.events import agenda, todo as core_todo
from ..core.events.agenda import UpcomingEvent
from ..core.events.todo import TodoEntry, TodoSettings
from ..core.search import SearchHit
from .unit_of_work import UnitOfWork, reads

__all__ = ["SearchHit", "TodoEntry", "TodoSettings", "UpcomingEvent", "search", "todo", "upcoming_events"]


@reads
def todo(uow: UnitOfWork, *, today: date | None = None, settings: TodoSettings = TodoSettings()) -> list[TodoEntry]:
    """What needs doing across upcoming events, most urgent first."""
    return core_todo.todo(uow.session, today=today, settings=settings)


@reads
def search(uow: UnitOfWork, text: str, *, limit: int = 20) -> list[SearchHit]:
    """People, organisations, events and items matching `text`, in any script."""
    return core_search.search(uow.session, text, limit=limit)


@reads
def upcoming_events(uow: UnitOfWork, today: date, *, limit: int = 12,
                    working_hours: tuple[int, int] = (8, 20)) -> list[UpcomingEvent]:
    """Events not over and not cancelled, soonest first, with their checks counted."""
    return agenda.upcoming_events(uow.session, today, limit=limit, working_hours=working_hours)
