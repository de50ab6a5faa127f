"""What needs doing and where things are: the to-do list, upcoming events and search everywhere."""

from __future__ import annotations

from datetime import date

from ..core import search as core_search
from ..core.events import agenda, checks, todo as core_todo
from ..core.events.listing import get_event_model
from ..core.events.agenda import UpcomingEvent
from ..core.events.todo import TodoEntry, TodoSettings
from ..core.search import PLURALS, SearchHit
from .unit_of_work import UnitOfWork, reads

__all__ = ["PLURALS", "SearchHit", "TodoEntry", "TodoSettings", "UpcomingEvent", "search", "todo", "upcoming_events", "weekend_warning"]


@reads
def todo(uow: UnitOfWork, *, today: date | None = None, settings: TodoSettings = TodoSettings(),
         event_code: str | None = None, next_events: int | None = None) -> list[TodoEntry]:
    """What needs doing across upcoming events (or for one event, or the next few), most urgent first."""
    return core_todo.todo(uow.session, today=today, settings=settings, event_code=event_code, next_events=next_events)


@reads
def search(uow: UnitOfWork, text: str, *, limit: int = 20) -> list[SearchHit]:
    """People, organisations, events and items matching `text`, in any script."""
    return core_search.search(uow.session, text, limit=limit)


@reads
def search_totals(uow: UnitOfWork, text: str, hits: list[SearchHit], limit: int) -> dict[str, int]:
    """How many match `text` in all, of each kind whose `hits` (a search with this `limit`) may have been cut short."""
    cut = tuple(kind for kind in core_search.KINDS if sum(hit.kind == kind for hit in hits) >= limit)
    return core_search.totals(uow.session, text, cut) if cut else {}


@reads
def upcoming_events(uow: UnitOfWork, today: date, *, limit: int = 12,
                    working_hours: tuple[int, int] = (8, 20)) -> list[UpcomingEvent]:
    """Events not over and not cancelled, soonest first, with their checks counted."""
    return agenda.upcoming_events(uow.session, today, limit=limit, working_hours=working_hours)


@reads
def weekend_warning(uow: UnitOfWork, code: str, new_start: date, new_code: str = "") -> str:
    """What a duplicate of `code` starting `new_start` would put on a Saturday or Sunday ("" when nothing)."""
    event = get_event_model(uow.session, code)
    sessions = checks.weekend_sessions(event, new_start - event.start_date)
    return checks.weekend_message(new_code or f"The copy of {code}", sessions) if sessions else ""
