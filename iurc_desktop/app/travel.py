"""Travel legs and hotel stays of an event: listed, edited in place, removed and put back (same calendar UID)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.events import listing as core_events
from ..core.events.listing import EventDetail, EventRow
from ..core.travel import stays, legs as travel
from ..core.travel.airports import Airport, airport
from ..core.travel.legs import LegView, RemovedLeg, leg_label, leg_record
from ..core.travel.stays import RemovedStay, StayView, stay_record
from .changes import Topic
from .unit_of_work import UnitOfWork, reads, writes

__all__ = [
    "Airport", "EventArrangements", "LegView", "RemovedLeg", "RemovedStay", "StayView", "TravelOverview",
    "add_leg", "add_stay", "airport", "edit_leg", "edit_stay", "event_arrangements", "leg_by_id", "leg_label", "leg_record",
    "list_legs", "list_stays", "remove_leg", "remove_stay", "restore_leg", "restore_stay", "stay_record",
    "stay_by_id", "travel_overview", "update_leg", "update_stay",
]


@dataclass(frozen=True)
class TravelOverview:
    """What the Travel & stays tab shows: every leg and stay, and the participants' names by e-mail."""

    legs: tuple[LegView, ...]
    stays: tuple[StayView, ...]
    names: dict[str, str]  # participant e-mail -> name, for roommates named by e-mail
    event: EventRow  # its zone and dates, where a new stay starts


@reads
def travel_overview(uow: UnitOfWork, code: str) -> TravelOverview:
    session = uow.session
    event = core_events.event_row(session, code)
    people = core_events.list_participants(session, event.id)
    return TravelOverview(
        tuple(travel.list_legs(session, code)), tuple(stays.list_stays(session, code)),
        {p.email: p.name for p in people if p.email}, event,
    )


@reads
def list_legs(uow: UnitOfWork, code: str, email: str | None = None) -> list[LegView]:
    """The event's legs (or one participant's), in order of true departure."""
    return travel.list_legs(uow.session, code, email)


@reads
def leg_by_id(uow: UnitOfWork, code: str, leg_id: int) -> LegView:
    """One leg of the event, by the id `show EVENT --json` lists."""
    return travel.leg_by_id(uow.session, code, leg_id)


@reads
def stay_by_id(uow: UnitOfWork, code: str, stay_id: int) -> StayView:
    """One stay of the event, by its id."""
    return stays.stay_by_id(uow.session, code, stay_id)


@reads
def list_stays(uow: UnitOfWork, code: str, email: str | None = None) -> list[StayView]:
    """The event's stays (or one participant's), by check-in date."""
    return stays.list_stays(uow.session, code, email)


@writes(Topic.TRAVEL)
def add_leg(uow: UnitOfWork, code: str, raw: dict[str, Any]) -> LegView:
    """Book a leg given as in the programme file (`person`, `from`, `depart`, `to`, `arrive`, ...).

    The zone of an end that is an airport's IATA code comes from the airport table unless given.
    """
    return travel.leg_by_id(uow.session, code, travel.create_leg(uow.session, code, raw))


@writes(Topic.TRAVEL)
def edit_leg(uow: UnitOfWork, code: str, leg_id: int, changes: dict[str, Any]) -> LegView:
    """Change fields of a leg named as in the programme file; returns it as it now is."""
    return travel.edit_leg(uow.session, code, leg_id, changes)


@writes(Topic.TRAVEL)
def update_leg(uow: UnitOfWork, code: str, leg_id: int, **changes: object) -> LegView:
    """Change fields of a leg; returns it as it now is (the old values are the caller's to keep for undo)."""
    return travel.update_leg(uow.session, code, leg_id, **changes)


@writes(Topic.TRAVEL)
def remove_leg(uow: UnitOfWork, code: str, leg_id: int) -> RemovedLeg:
    """Delete a leg; the returned value is the undo token for `restore_leg`."""
    return travel.remove_leg(uow.session, code, leg_id)


@writes(Topic.TRAVEL)
def restore_leg(uow: UnitOfWork, code: str, removed: RemovedLeg) -> int:
    """Put a removed leg back under its old calendar UID; returns its new id."""
    return travel.restore_leg(uow.session, code, removed)


@writes(Topic.STAYS)
def add_stay(uow: UnitOfWork, code: str, raw: dict[str, Any]) -> StayView:
    """Book a stay given as in the programme file (`person`, `hotel`, `check_in`, `check_out`, ...)."""
    return stays.stay_by_id(uow.session, code, stays.create_stay(uow.session, code, raw))


@writes(Topic.STAYS)
def edit_stay(uow: UnitOfWork, code: str, stay_id: int, changes: dict[str, Any]) -> StayView:
    """Change fields of a stay named as in the programme file; returns it as it now is."""
    return stays.edit_stay(uow.session, code, stay_id, changes)


@writes(Topic.STAYS)
def update_stay(uow: UnitOfWork, code: str, stay_id: int, **changes: object) -> StayView:
    """Change fields of a stay; returns it as it now is."""
    return stays.update_stay(uow.session, code, stay_id, **changes)


@writes(Topic.STAYS)
def remove_stay(uow: UnitOfWork, code: str, stay_id: int) -> RemovedStay:
    """Delete a stay; the returned value is the undo token for `restore_stay`."""
    return stays.remove_stay(uow.session, code, stay_id)


@writes(Topic.STAYS)
def restore_stay(uow: UnitOfWork, code: str, removed: RemovedStay) -> int:
    """Put a removed stay back under its old calendar UID; returns its new id."""
    return stays.restore_stay(uow.session, code, removed)


@dataclass(frozen=True)
class EventArrangements:
    """An event's detail with every leg and stay, read together for its timeline."""

    detail: EventDetail
    legs: tuple[LegView, ...]
    stays: tuple[StayView, ...]


@reads
def event_arrangements(uow: UnitOfWork, code: str) -> EventArrangements:
    session = uow.session
    return EventArrangements(core_events.get_event(session, code), tuple(travel.list_legs(session, code)),
                             tuple(stays.list_stays(session, code)))
