"""Everything about one person on one page: details, needs, every event, travel legs and hotel stays.

Builds on `card` (the details shown when comparing duplicates) and adds
what a logistics officer checks before a trip: needs per event (visa, a passport
that expires too soon after the event), each participation with its group, and
each travel leg with both ends on their own clocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .. import timeutil
from ..events.checks import add_months
from ..events.todo import TodoSettings
from ..models import Event, Participation, Person, Stay, TravelLeg
from ..travel.legs import leg_label
from .card import PersonCard, person_card


@dataclass(frozen=True)
class EventPart:
    """One of the person's participations."""

    event_code: str
    event_title: str
    event_kind: str
    start: date  # local dates in the event's zone, inclusive
    end: date
    zone: str
    role: str
    status: str
    group: str  # "" when not in a group
    waitlist_position: int | None
    visa_needed: bool
    visa_status: str
    passport_short: bool  # the passport expires within the programme's margin after the event ends (study visits)


@dataclass(frozen=True)
class LegLine:
    """A travel leg, each end on its own clock."""

    event_code: str
    kind: str
    label: str  # "AF276", or the kind when there is no number
    from_place: str
    depart: datetime  # aware, in the departure zone
    to_place: str
    arrive: datetime  # aware, in the arrival zone
    booking_ref: str


@dataclass(frozen=True)
class StayLine:
    """A hotel stay; check_out is exclusive."""

    event_code: str
    hotel: str
    zone: str
    check_in: date
    check_out: date
    room: str
    shares_with: str  # the roommate's name, "" when none

    @property
    def nights(self) -> int:
        return (self.check_out - self.check_in).days


@dataclass(frozen=True)
class PersonSummary:
    """A person's page: the card's details plus needs, participations, travel and stays."""

    card: PersonCard
    given_name: str
    family_name: str
    organisation_local: str
    gender: str
    accessibility: str
    notes: str
    events: tuple[EventPart, ...]  # by event start
    legs: tuple[LegLine, ...]  # by departure
    stays: tuple[StayLine, ...]  # by check-in

    @property
    def id(self) -> int:
        return self.card.id

    @property
    def name(self) -> str:
        return self.card.name


def person_summary(session: Session, person_id: int, *, settings: TodoSettings = TodoSettings()) -> PersonSummary:
    """The person's whole page; NotFound if they no longer exist (merged or erased)."""
    card = person_card(session, person_id)
    person = session.get(Person, person_id)
    assert person is not None  # person_card raised otherwise
    org = person.organisation
    return PersonSummary(
        card, person.given_name, person.family_name, org.local_name if org else "", person.gender,
        person.accessibility, person.notes, _events(session, person, settings), _legs(session, person_id),
        _stays(session, person_id),
    )


def _events(session: Session, person: Person, settings: TodoSettings) -> tuple[EventPart, ...]:
    stmt = (
        select(Participation)
        .join(Event, Participation.event_id == Event.id)
        .where(Participation.person_id == person.id)
        .options(selectinload(Participation.event), selectinload(Participation.group))
        .order_by(Event.start_date, Event.code)
    )
    return tuple(_event_part(part, person, settings) for part in session.scalars(stmt))


def _event_part(part: Participation, person: Person, settings: TodoSettings) -> EventPart:
    event = part.event
    # the same margin as the to-do list's passport rule, so the two never disagree
    short = (event.kind == "study_visit" and person.passport_expiry is not None
             and person.passport_expiry < add_months(event.end_date, settings.passport_months))
    return EventPart(
        event.code, event.title, event.kind, event.start_date, event.end_date, event.zone, part.role, part.status,
        part.group.name if part.group else "", part.waitlist_position, part.visa_needed, part.visa_status, short,
    )


def _legs(session: Session, person_id: int) -> tuple[LegLine, ...]:
    stmt = (
        select(TravelLeg, Event.code)
        .join(Event, TravelLeg.event_id == Event.id)
        .where(TravelLeg.person_id == person_id)
        .order_by(TravelLeg.depart_utc)
    )
    return tuple(
        LegLine(code, leg.kind, leg_label(leg.carrier, leg.number) or leg.kind, leg.from_place,
                timeutil.to_local(leg.depart_utc, leg.from_zone), leg.to_place,
                timeutil.to_local(leg.arrive_utc, leg.to_zone), leg.booking_ref)
        for leg, code in session.execute(stmt).all()
    )


def _stays(session: Session, person_id: int) -> tuple[StayLine, ...]:
    stmt = (
        select(Stay, Event.code)
        .join(Event, Stay.event_id == Event.id)
        .where(Stay.person_id == person_id)
        .options(selectinload(Stay.shares_with))
        .order_by(Stay.check_in)
    )
    return tuple(
        StayLine(code, stay.hotel, stay.zone, stay.check_in, stay.check_out, stay.room,
                 stay.shares_with.display_name if stay.shares_with else "")
        for stay, code in session.execute(stmt).all()
    )
