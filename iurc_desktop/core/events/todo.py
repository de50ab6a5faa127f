"""What needs doing, computed from the data: the home page's list and `todo`.

Each rule is a small function over one event; `todo` runs them over every event
that is not over yet, reading each kind of row once for all of them: objects only
for the few people a travel rule may name, plain rows for the many others. Conventions the rules rely on: an empty dietary field
means "not asked yet" (write "none" when there are no needs); a pick-up is a car
or bus leg from the arrival place, or a transfer item the person attends,
within six hours of the arrival, where the arrival is the leg that brings the person
into the event's zones (core/travel/journeys.py). The mail rules read the outbox: an
invitation counts as sent once it is queued, being sent or sent, not when it failed,
waits for review or was cancelled there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select, tuple_
from sqlalchemy.orm import Session

from .. import local_times, timeutil
from ..models import Event, OutboxMessage, Participation, Person, TravelLeg
from ..names import display_name
from ..registrations import visas
from ..travel.journeys import arrival_leg, event_zones
from ..travel.legs import leg_label
from ..vocab import GETS_INVITES, HOLDS_PLACE, TAKING_PART, UNCONFIRMED
from .agenda import not_over
from .checks import passports
from .listing import get_event_model
from .logistics import DEFAULT_ORDER, events_with_logistics

PICKUP_WINDOW = timedelta(hours=6)
INVITES = ("invitation", "update")  # the outbox's kinds that invite someone to the event's items
ON_ITS_WAY = ("queued", "sending", "sent")  # an invitation in one of these states is not to be sent again
NOT_DELIVERED = {"failed": "refused by the server", "review": "to check"}  # outbox states, as the to-do says them

@dataclass(frozen=True)
class TodoEntry:
    rule: str  # not_confirmed, missing_details, passport_expiring, no_pickup, invite_changed, waitlist_promotable,
    # visa_deadline, mail_not_delivered, not_invited
    severity: str  # "high" or "normal"
    message: str
    event_code: str
    target: str  # where the fix is made: "person" (their page), "item", "participants" or "travel" (the event's tabs),
    # "outbox" (the Outbox page)
    key: str  # e-mail or item key; "" for the participants page; for the outbox, the state to show ("": several)
    due: date | None = None
    field: str = ""  # on the person's page, the field to fill in (the programme file's name: dietary, passport_expiry)

@dataclass(frozen=True)
class TodoSettings:
    confirm_days: int = 14  # people should be confirmed this many days before an event
    passport_months: int = 6

@dataclass(frozen=True)
class _Someone:
    """A participant as a rule over many rows reads them: plain values, no objects."""

    name: str
    email: str
    dietary: str
    passport_expiry: date | None


@dataclass(frozen=True)
class _Mail:
    """What the outbox holds about an event, as the mail rules read it."""

    not_delivered: tuple[tuple[str, int], ...] = ()  # (failed or review, how many), in NOT_DELIVERED's order
    invites_sent: date | None = None  # the day the first invitation went out; None: none sent yet
    invites_queued: date | None = None  # the day the first one still queued or being sent was queued
    uninvited: tuple[_Someone, ...] = ()  # participants invitations go to, with none on its way or sent


@dataclass(frozen=True)
class Planned:
    """An upcoming event as the rules read it: few objects, whatever its size."""

    event: Event  # items, travel and stays; participations: only those `_named` selects
    delegates: tuple[_Someone, ...]  # study visits: active delegates missing dietary needs or passport expiry
    waiting: tuple[_Someone, ...]  # waitlisted, first in line first
    held: int  # participations holding a place
    mail: _Mail = _Mail()  # what its outbox holds

Rule = Callable[[Planned, date, TodoSettings], Iterator[TodoEntry]]

def _active(event: Event) -> list[Participation]:
    return [p for p in event.participations if p.status in TAKING_PART]

def not_confirmed(planned: Planned, today: date, settings: TodoSettings) -> Iterator[TodoEntry]:
    """Invited or registered people when the event starts within `confirm_days`."""
    event = planned.event
    days = (event.start_date - today).days
    if not 0 <= days <= settings.confirm_days:
        return
    for part in event.participations:
        if part.status in UNCONFIRMED:
            who = part.person
            yield TodoEntry("not_confirmed", "high" if days <= 3 else "normal",
                            f"{who.display_name} is still {part.status}, {days} days before {event.code}: confirm or chase.",
                            event.code, "person", who.email or "", event.start_date)

def missing_details(planned: Planned, today: date, settings: TodoSettings) -> Iterator[TodoEntry]:
    """Study-visit delegates without dietary needs or passport expiry recorded."""
    event = planned.event
    if event.kind != "study_visit":
        return
    for who in planned.delegates:
        missing = [(name, field) for name, field, empty in (
            ("dietary needs", "dietary", not who.dietary),
            ("passport expiry", "passport_expiry", who.passport_expiry is None)) if empty]
        if missing:
            names = " and ".join(name for name, _field in missing)
            yield TodoEntry("missing_details", "normal", f"{who.name}: {names} not recorded for {event.code}.",
                            event.code, "person", who.email, event.start_date, missing[0][1])

def passport_expiring(planned: Planned, today: date, settings: TodoSettings) -> Iterator[TodoEntry]:
    """Passports of people travelling to the event that will not last, as the event's checks find them."""
    event = planned.event
    for t, problem in passports(event):
        if problem is not None:
            who = t.part.person
            yield TodoEntry("passport_expiring", "high" if problem.severity == "error" else "normal", problem.message,
                            event.code, "person", who.email or "", event.start_date, "passport_expiry")

def no_pickup(planned: Planned, today: date, settings: TodoSettings) -> Iterator[TodoEntry]:
    """Flights arriving for an event without a car/bus leg or transfer item soon after."""
    event = planned.event
    active = {p.person_id: p for p in _active(event)}
    legs = [leg for leg in event.travel_legs if leg.person_id in active]
    legs_of: dict[int, list[TravelLeg]] = defaultdict(list)
    for leg in legs:
        legs_of[leg.person_id].append(leg)
    zones = event_zones(event.zone, event.items)
    for person_id in active:
        leg = arrival_leg(legs_of[person_id], zones)
        if leg is None or leg.kind != "flight" or not _near_the_start(leg, event):
            continue
        if _has_ground_leg(leg, legs) or _has_transfer(leg, event, active[leg.person_id]):
            continue
        local = timeutil.to_local(leg.arrive_utc, leg.to_zone)
        yield TodoEntry("no_pickup", "normal", f"{leg.person.display_name} lands at {leg.to_place} on {local_times.moment(local)} ({leg.to_zone})"
                        f" on {leg_label(leg.carrier, leg.number) or leg.kind} with no pick-up arranged.",
                        event.code, "travel", leg.person.email or "", local.date())

def _near_the_start(leg: TravelLeg, event: Event) -> bool:
    local = timeutil.to_local(leg.arrive_utc, leg.to_zone).date()
    return event.start_date - timedelta(days=2) <= local <= event.end_date

def _has_ground_leg(flight: TravelLeg, legs: list[TravelLeg]) -> bool:
    return pickup_leg(flight, legs) is not None


def pickup_leg(flight: TravelLeg, legs: list[TravelLeg]) -> TravelLeg | None:
    """The car or bus leg that picks the person up where `flight` lands, within `PICKUP_WINDOW`; None if none."""
    return next((
        other for other in legs
        if other.kind in ("car", "bus") and other.person_id == flight.person_id and other.from_place == flight.to_place
        and timedelta(0) <= other.depart_utc - flight.arrive_utc <= PICKUP_WINDOW
    ), None)

def _has_transfer(flight: TravelLeg, event: Event, part: Participation) -> bool:
    for item in event.items:
        if item.kind != "transfer" or item.status == "cancelled":
            continue
        if not timedelta(0) <= item.start_utc - flight.arrive_utc <= PICKUP_WINDOW:
            continue
        group_ids = {g.id for g in item.groups}
        assigned = {a.person_id for a in item.assigned}
        if not group_ids or part.group_id in group_ids or part.person_id in assigned:
            return True
    return False

def invite_changed(planned: Planned, today: date, settings: TodoSettings) -> Iterator[TodoEntry]:
    """Items whose invite was sent and has changed since (SEQUENCE moved)."""
    event = planned.event
    for item in event.items:
        if item.sent_sequence is not None and item.sequence > item.sent_sequence:
            what = "was cancelled" if item.status == "cancelled" else "changed"
            yield TodoEntry("invite_changed", "high", f"'{item.title}' {what} since its invite was sent: send the update.",
                            event.code, "item", item.key, event.start_date)

def waitlist_promotable(planned: Planned, today: date, settings: TodoSettings) -> Iterator[TodoEntry]:
    """Waitlisted people while places are free."""
    event, waiting = planned.event, planned.waiting
    if not waiting:
        return
    free = len(waiting) if event.capacity is None else max(0, event.capacity - planned.held)
    for who in waiting[:free]:
        yield TodoEntry("waitlist_promotable", "normal", f"{who.name} is waitlisted for {event.code} and a place is free: confirm them.",
                        event.code, "participants", who.email, event.start_date)

def visa_deadline(planned: Planned, today: date, settings: TodoSettings) -> Iterator[TodoEntry]:
    """Visas not granted yet whose application deadline is within 14 days or passed (the checks' rule)."""
    event = planned.event
    legs_of: dict[int, list[TravelLeg]] = defaultdict(list)
    for leg in event.travel_legs:
        legs_of[leg.person_id].append(leg)
    for part in _active(event):
        legs = legs_of[part.person_id]
        due = visas.deadline_due(part, event, legs, today)
        if due is not None:
            who, state = part.person, visas.state_of(part.visa_needed, part.visa_status)
            yield TodoEntry("visa_deadline", "high" if due < today else "normal", visas.deadline_message(
                who.display_name, state, event, legs, today),
                event.code, "participants", who.email or "", due)  # the visa is moved on where participants are

def mail_not_delivered(planned: Planned, today: date, settings: TodoSettings) -> Iterator[TodoEntry]:
    """The event's e-mails the server refused or whose fate is unknown (outbox: failed, review), in one line."""
    counts = planned.mail.not_delivered
    if not counts:
        return
    total = sum(n for _state, n in counts)
    parts = ", ".join(f"{n} {NOT_DELIVERED[state]}" for state, n in counts)
    were, them = ("was", "it") if total == 1 else ("were", "them")
    event = planned.event
    yield TodoEntry("mail_not_delivered", "high",
                    f"{_count(total, 'e-mail')} about {event.code} {were} not delivered ({parts}): retry or cancel {them}"
                    " in the Outbox.", event.code, "outbox", counts[0][0] if len(counts) == 1 else "", event.start_date)


def not_invited(planned: Planned, today: date, settings: TodoSettings) -> Iterator[TodoEntry]:
    """Participants (invited to attended) not sent the invitation that went out to the others through the outbox.

    Someone added after the invitations went out, or whose invitation was cancelled in the Outbox, is named;
    someone whose invitation was sent, or is queued or being sent, never. An event whose invitations were only
    exported as files (no invitation in the outbox) gets no such line: the app cannot know who was sent one.
    """
    mail, event = planned.mail, planned.event
    first = mail.invites_sent or mail.invites_queued
    if first is None:
        return
    went = "went out" if mail.invites_sent is not None else "were queued"
    severity = "high" if (event.start_date - today).days <= 3 else "normal"
    for who in mail.uninvited:
        yield TodoEntry("not_invited", severity, f"{who.name} has not been sent the invitation to {event.code}"
                        f" (the others' {went} on {local_times.day(first)}): send theirs.",
                        event.code, "participants", who.email, event.start_date)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


RULES: tuple[Rule, ...] = (
    not_confirmed, passport_expiring, invite_changed, no_pickup, missing_details, waitlist_promotable, visa_deadline,
    mail_not_delivered, not_invited)

def todo(session: Session, *, today: date | None = None, settings: TodoSettings = TodoSettings(),
         event_code: str | None = None, next_events: int | None = None) -> list[TodoEntry]:
    """Everything to do for events that are not over or cancelled (or for the one event `event_code`, or for the
    first `next_events` of them by start), most urgent first.

    `today` is the user's local date (callers know their zone); without it, UTC's date.
    """
    today = today or timeutil.utc_now().date()
    upcoming = select(Event.id).where(*not_over(today))
    if event_code is not None:
        upcoming = upcoming.where(Event.id == get_event_model(session, event_code).id)
    if next_events is not None:
        upcoming = upcoming.order_by(*DEFAULT_ORDER).limit(next_events)
    events = events_with_logistics(session, Event.id.in_(upcoming), participants=_named(today, settings), stays=False)
    return todo_of(session, events, upcoming, today, settings)


def todo_of(session: Session, events: list[Event], chosen: Select[tuple[int]], today: date,
            settings: TodoSettings) -> list[TodoEntry]:
    """What the loaded `events` (`events_with_logistics`, whose ids `chosen` selects) need doing, most urgent first."""
    delegates, waiting = _delegates(session, chosen), _waiting(session, chosen)
    held = dict(session.execute(
        select(Participation.event_id, func.count()).where(Participation.event_id.in_(chosen), Participation.status.in_(HOLDS_PLACE))
        .group_by(Participation.event_id)).all())
    mail = _mail(session, chosen)
    planned = [Planned(event, tuple(delegates[event.id]), tuple(waiting[event.id]), held.get(event.id, 0),
                       mail.get(event.id, _Mail())) for event in events]
    entries = [entry for one in planned for rule in RULES for entry in rule(one, today, settings)]
    return sorted(entries, key=lambda e: (e.severity != "high", e.due or date.max, e.event_code))


def _named(today: date, settings: TodoSettings) -> ColumnElement[bool]:
    """The participations the rules over objects may name: the unconfirmed of events starting soon
    (`not_confirmed`), those who may travel (`no_pickup`, `passport_expiring`): with legs booked,
    or study-visit delegates with a passport expiry (the only ones whose passport can be a problem),
    and those whose visa is needed and not granted yet (`visa_deadline`)."""
    soon = select(Event.id).where(Event.start_date.between(today, today + timedelta(days=settings.confirm_days)))
    visits = select(Event.id).where(Event.kind == "study_visit")
    with_legs = tuple_(Participation.event_id, Participation.person_id).in_(select(TravelLeg.event_id, TravelLeg.person_id))
    with_passport = Participation.person_id.in_(select(Person.id).where(Person.passport_expiry.is_not(None)))
    return or_(
        and_(Participation.status.in_(UNCONFIRMED), Participation.event_id.in_(soon)),
        and_(Participation.status.in_(TAKING_PART), or_(
            with_legs, and_(Participation.role == "delegate", Participation.event_id.in_(visits), with_passport),
            and_(Participation.visa_needed.is_(True), Participation.visa_status.not_in(visas.SETTLED)))),
    )


def _someone(session: Session, *where: ColumnElement[bool], order_by: tuple[Any, ...]) -> dict[int, list[_Someone]]:
    """The participants matching `where` as plain rows, by event id."""
    rows = session.execute(
        select(Participation.event_id, Person.given_name, Person.family_name, Person.name_order, Person.email,
               Person.dietary, Person.passport_expiry)
        .join(Person, Person.id == Participation.person_id).where(*where).order_by(*order_by))
    of: dict[int, list[_Someone]] = defaultdict(list)
    for event_id, given, family, order, email, dietary, expiry in rows:
        of[event_id].append(_Someone(display_name(given, family, order), email or "", dietary or "", expiry))
    return of


def _delegates(session: Session, upcoming: Select[tuple[int]]) -> dict[int, list[_Someone]]:
    """Active delegates of the upcoming study visits without dietary needs or passport expiry, by event id."""
    visits = select(Event.id).where(Event.id.in_(upcoming), Event.kind == "study_visit")
    return _someone(session, Participation.event_id.in_(visits), Participation.status.in_(TAKING_PART),
                    Participation.role == "delegate",
                    or_(Person.dietary.is_(None), Person.dietary == "", Person.passport_expiry.is_(None)),
                    order_by=(Participation.event_id, Participation.person_id))


def _waiting(session: Session, upcoming: Select[tuple[int]]) -> dict[int, list[_Someone]]:
    """The waitlisted of the upcoming events, first in line first, by event id."""
    return _someone(session, Participation.event_id.in_(upcoming), Participation.status == "waitlisted",
                    order_by=(func.coalesce(Participation.waitlist_position, 0), Participation.id))


def _mail(session: Session, upcoming: Select[tuple[int]]) -> dict[int, _Mail]:
    """The outbox of the upcoming events, by event id: one grouped read of the messages, one of the uninvited."""
    invite = and_(OutboxMessage.kind.in_(INVITES), OutboxMessage.state.in_(ON_ITS_WAY))
    # Only invitations are read in the states that are not "not delivered" (the WHERE): the state tells them apart.
    rows = session.execute(
        select(OutboxMessage.event_id, OutboxMessage.state, func.count(), func.min(OutboxMessage.sent_at),
               func.min(OutboxMessage.queued_at))
        .where(OutboxMessage.event_id.in_(upcoming), or_(OutboxMessage.state.in_(tuple(NOT_DELIVERED)), invite))
        .group_by(OutboxMessage.event_id, OutboxMessage.state))
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    sent: dict[int, date] = {}
    queued: dict[int, date] = {}
    for event_id, state, n, sent_at, queued_at in rows:  # the outbox's instants are UTC: so are the days named
        if state in NOT_DELIVERED:
            counts[event_id][state] = n
        elif state == "sent":
            sent[event_id] = (sent_at or queued_at).date()
        else:  # queued or sending: both rows may come
            queued[event_id] = min(queued.get(event_id, queued_at.date()), queued_at.date())
    uninvited = _uninvited(session, upcoming, invite)
    return {
        event_id: _Mail(tuple((state, counts[event_id][state]) for state in NOT_DELIVERED if state in counts[event_id]),
                       sent.get(event_id), queued.get(event_id), tuple(uninvited.get(event_id, ())))
        for event_id in counts.keys() | sent.keys() | queued.keys()
    }


def _uninvited(session: Session, upcoming: Select[tuple[int]], invite: ColumnElement[bool]) -> dict[int, list[_Someone]]:
    """Participants invitations go to (invited to attended, whom the Send dialog chooses) with an e-mail address and
    no invitation on its way or sent, of the upcoming events whose invitations go through the outbox, by event id."""
    through_outbox = select(OutboxMessage.event_id).where(OutboxMessage.event_id.in_(upcoming), invite)
    theirs = exists().where(OutboxMessage.event_id == Participation.event_id,
                            OutboxMessage.person_id == Participation.person_id, invite)
    return _someone(session, Participation.event_id.in_(through_outbox), Participation.status.in_(GETS_INVITES),
                    Person.email.is_not(None), Person.email != "", ~theirs,
                    order_by=(Participation.event_id, Participation.id))
