"""Reading events: the list with counts, one event's detail, itineraries and logistics checks."""

from __future__ import annotations

from ..core.events import checks
from ..core.events import listing as core_events
from ..core.events.checks import Problem
from ..core.events.listing import EventDetail, EventRow, ParticipantView
from ..core.paging import ListQuery
from ..core.travel import itineraries
from ..core.travel.itineraries import Itinerary
from .unit_of_work import UnitOfWork, reads

__all__ = [
    "EventDetail", "EventRow", "Itinerary", "ParticipantView", "Problem",
    "check_event", "count_events", "event_detail", "event_row", "group_itinerary", "list_events",
    "participants", "person_itinerary",
]


@reads
def list_events(uow: UnitOfWork, query: ListQuery = ListQuery()) -> list[EventRow]:
    """Events with their counts, filtered, sorted and windowed in SQL."""
    return core_events.list_events(uow.session, query)


@reads
def count_events(uow: UnitOfWork, text: str = "") -> int:
    return core_events.count_events(uow.session, text)


@reads
def event_row(uow: UnitOfWork, code: str) -> EventRow:
    return core_events.event_row(uow.session, code)


@reads
def event_detail(uow: UnitOfWork, code: str) -> EventDetail:
    """An event with its items and participants, in local times."""
    return core_events.get_event(uow.session, code)


@reads
def participants(uow: UnitOfWork, event_id: int) -> list[ParticipantView]:
    return core_events.list_participants(uow.session, event_id)


@reads
def group_itinerary(uow: UnitOfWork, code: str, group: str, viewer_zone: str | None = None) -> Itinerary:
    return itineraries.group_itinerary(uow.session, code, group, viewer_zone=viewer_zone)


@reads
def person_itinerary(uow: UnitOfWork, code: str, email: str, viewer_zone: str | None = None) -> Itinerary:
    return itineraries.person_itinerary(uow.session, code, email, viewer_zone=viewer_zone)


@reads
def check_event(uow: UnitOfWork, code: str) -> list[Problem]:
    """The event's logistics problems, each with a kind, a severity and who or what it concerns."""
    return list(checks.check_event(uow.session, code))
