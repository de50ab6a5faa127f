"""Events: the list with counts, one event's detail, itineraries and checks; create, edit, remove, cancel, groups."""

from __future__ import annotations

from typing import Any

from ..core.events import admin, checks, groups
from ..core.events import listing as core_events
from ..core.events.admin import Cancellation
from ..core.events.groups import RemovedGroup
from ..core.events.checks import Problem
from ..core.events.listing import EventDetail, EventRow, ParticipantView
from ..core.paging import ListQuery
from ..core.travel import itineraries
from ..core.travel.itineraries import Itinerary
from .changes import Topic
from .unit_of_work import UnitOfWork, reads, writes

__all__ = [
    "Cancellation", "EventDetail", "EventRow", "Itinerary", "ParticipantView", "Problem", "RemovedGroup",
    "add_group", "cancel", "check_event", "count_events", "create_event", "edit_event", "event_detail", "event_heading",
    "event_record", "event_row", "group_itinerary", "host_choices", "list_events", "participants", "person_itinerary",
    "reinstate", "remove_event", "remove_group", "rename_group", "restore_event", "restore_group",
]
# Removing an event (or putting it back) changes every kind of data it holds.
WHOLE_EVENT = (Topic.EVENTS, Topic.ITEMS, Topic.PARTICIPANTS, Topic.TRAVEL, Topic.STAYS)


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
def event_heading(uow: UnitOfWork, code: str) -> EventDetail:
    """An event with its items and groups but not its participants (counted in `row`): its page's first read."""
    return core_events.event_heading(uow.session, code)


@reads
def participants(uow: UnitOfWork, event_id: int) -> list[ParticipantView]:
    """The event's participants as plain rows, by family name."""
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


@reads
def event_record(uow: UnitOfWork, code: str) -> dict[str, Any]:
    """The event's own fields and groups in the programme file's shape."""
    return admin.event_record(uow.session, code)


@reads
def host_choices(uow: UnitOfWork) -> list[tuple[str, str]]:
    """(key, name) of the regions and prefectures that can host a study visit."""
    return core_events.host_choices(uow.session)


@writes(Topic.EVENTS)
def create_event(uow: UnitOfWork, record: dict[str, Any]) -> dict[str, Any]:
    """A new event from its programme-file record (code, kind, title, zone, start, end, ... groups, uid)."""
    return admin.create_event(uow.session, record)


@writes(Topic.EVENTS, Topic.ITEMS)
def edit_event(uow: UnitOfWork, code: str, changes: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Change some fields of an event (programme-file names); returns (old, new) values. Items keep their instants."""
    return admin.update_event(uow.session, code, changes)


@writes(*WHOLE_EVENT)
def remove_event(uow: UnitOfWork, code: str) -> str:
    """Remove the event and all it holds; returns the token `restore_event` takes to put it back."""
    return admin.remove_event(uow.session, code)


@writes(*WHOLE_EVENT)
def restore_event(uow: UnitOfWork, token: str) -> str:
    """Put back an event removed by `remove_event` (same calendar UIDs); returns its code."""
    return admin.restore_event(uow.session, token)


@writes(Topic.EVENTS, Topic.ITEMS)
def cancel(uow: UnitOfWork, code: str, item_key: str | None = None) -> Cancellation:
    """Cancel one item or the whole event (its calendar SEQUENCE rises); `reinstate` undoes it."""
    return admin.cancel(uow.session, code, item_key)


@writes(Topic.EVENTS, Topic.ITEMS)
def reinstate(uow: UnitOfWork, cancellation: Cancellation) -> None:
    """Undo a cancellation: items scheduled again, the event's status back."""
    admin.reinstate(uow.session, cancellation)


@writes(Topic.EVENTS)
def add_group(uow: UnitOfWork, code: str, name: str) -> str:
    """Add a group to the event; returns its name as stored."""
    groups.create_group(uow.session, code, name)
    return name.strip()


@writes(Topic.EVENTS, Topic.PARTICIPANTS, Topic.ITEMS)
def rename_group(uow: UnitOfWork, code: str, name: str, new_name: str) -> str:
    """Rename a group (members and items follow); returns the new name."""
    groups.rename_group(uow.session, code, name, new_name)
    return new_name.strip()


@writes(Topic.EVENTS, Topic.PARTICIPANTS, Topic.ITEMS)
def remove_group(uow: UnitOfWork, code: str, name: str) -> RemovedGroup:
    """Remove a group (members stay in the event); returns the token `restore_group` takes."""
    return groups.remove_group(uow.session, code, name)


@writes(Topic.EVENTS, Topic.PARTICIPANTS, Topic.ITEMS)
def restore_group(uow: UnitOfWork, code: str, removed: RemovedGroup) -> None:
    """Put back a group with its members and items."""
    groups.restore_group(uow.session, code, removed)
