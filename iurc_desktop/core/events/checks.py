"""Logistics checks of an event: each problem says what is wrong, for whom, and what to do.

Only active participants (registered, confirmed, attended) and scheduled items
count. A person's arrival is the first leg that enters the event's zones (the
event's own and its items') from outside; their departure is the first leg that
leaves them again. People without such legs (hosts at home, online guests) are
not checked for travel, so a well-planned participant raises nothing. A
delegate of a study visit from outside its zones is expected to travel: a
missing arrival or departure is a problem of its own, their nights count from
the visit's dates, and their passport is checked as for anyone who travels.
A room-mate named in another's stay has those nights covered.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property

from sqlalchemy.orm import Session

from .. import local_times, timeutil
from ..models import Event, Item, Participation, TravelLeg
from ..registrations import visas
from ..travel.itineraries import attends, placement
from ..travel.journeys import arrival_leg, departure_leg, event_zones
from ..travel.legs import leg_label
from ..vocab import HOLDS_PLACE, TAKING_PART
from .groups import person_label
from .listing import get_event_model
from .logistics import events_with_logistics
from .worldclock import ZoneTime, clock_for

KINDS = (
    "double_booked", "arrives_late", "leaves_early", "no_stay", "passport_expiry", "over_capacity", "outside_hours",
    "no_arrival", "no_departure", "outside_dates", "stay_outside_dates", "weekend", "visa_deadline",
)
SEVERITIES = ("error", "warning")
PASSPORT_MONTHS = 6
WEEKEND_FROM = 5  # date.weekday(): Saturday and Sunday
# Days a stay may reach beyond the event: arriving early to get over jet lag or leaving after a weekend is
# common; a check-in more than this before the first day (or a check-out after the last) is most likely a typo.
STAY_MARGIN = timedelta(days=3)


@dataclass(frozen=True)
class Problem:
    kind: str  # one of KINDS
    severity: str  # error | warning
    message: str
    people: tuple[str, ...] = ()  # e-mails (names where none)
    items: tuple[str, ...] = ()  # item keys


@dataclass(frozen=True)
class _Traveller:
    """What the checks need to know about one active participant."""

    part: Participation
    label: str
    name: str
    scheduled: tuple[Item, ...]  # the event's scheduled items, by start
    legs: tuple[TravelLeg, ...]  # by departure
    arrival: TravelLeg | None
    departure: TravelLeg | None

    @cached_property
    def items(self) -> tuple[Item, ...]:
        """The scheduled items they attend, by start (worked out when a check asks: the passport rule never does)."""
        return tuple(i for i in self.scheduled if attends(i, self.part))


def _when(instant: datetime, zone: str) -> str:
    return local_times.moment(timeutil.to_local(instant, zone))


def _leg_name(leg: TravelLeg) -> str:
    label = leg_label(leg.carrier, leg.number)
    return f"{leg.kind} {label}" if label else leg.kind


def _travellers(event: Event) -> list[_Traveller]:
    scheduled = tuple(_scheduled(event))
    zones = event_zones(event.zone, scheduled)
    legs_of: dict[int, list[TravelLeg]] = defaultdict(list)
    for leg in sorted(event.travel_legs, key=lambda leg: (leg.depart_utc, leg.id)):
        legs_of[leg.person_id].append(leg)
    out = []
    for part in event.participations:
        if part.status not in TAKING_PART:
            continue
        legs = legs_of.get(part.person_id, [])
        arrival, departure = arrival_leg(legs, zones), departure_leg(legs, zones)
        out.append(_Traveller(
            part, person_label(part.person), part.person.display_name, scheduled, tuple(legs), arrival, departure,
        ))
    return sorted(out, key=lambda t: (t.name.casefold(), t.label))


def _place(item: Item) -> str:
    return " ".join(item.place.split()).casefold()


def clashes(a: Item, b: Item, part: Participation) -> bool:
    """Whether attending both overlapping items is a real double booking for this participant.

    Two items for everyone are parallel tracks (people choose), and a personal
    assignment wins over an item for everyone (a speaker goes to their own
    session); anything else placed on the person twice is a clash.
    """
    kinds = {placement(a, part), placement(b, part)}
    return kinds not in ({"everyone"}, {"assigned", "everyone"})


def double_booked(event: Event, travellers: list[_Traveller]) -> list[Problem]:
    """People placed in two overlapping items at different places."""
    pairs: dict[tuple[Item, Item], list[_Traveller]] = defaultdict(list)
    for t in travellers:
        for n, a in enumerate(t.items):
            for b in t.items[n + 1:]:
                if b.start_utc >= a.end_utc:
                    break  # items are by start: no later one overlaps a
                if _place(a) and _place(b) and _place(a) != _place(b) and clashes(a, b, t.part):
                    pairs[(a, b)].append(t)
    problems = []
    for (a, b), who in pairs.items():
        names = ", ".join(t.name for t in who)
        problems.append(Problem(
            "double_booked", "error",
            f"{names} {'is' if len(who) == 1 else 'are'} booked into '{a.title}' ({a.place}, from {_when(a.start_utc, a.zone)})"
            f" and '{b.title}' ({b.place}, from {_when(b.start_utc, b.zone)}), which overlap."
            " Take them off one of the two items or change a group.",
            tuple(t.label for t in who), (a.key, b.key),
        ))
    return problems


def arrives_late(event: Event, travellers: list[_Traveller]) -> list[Problem]:
    """People whose arrival comes after the start of items they attend."""
    problems = []
    for t in travellers:
        if t.arrival is None:
            continue
        missed = [i for i in t.items if i.start_utc < t.arrival.arrive_utc]
        if missed:
            first = missed[0]
            problems.append(Problem(
                "arrives_late", "error",
                f"{t.name} arrives at {t.arrival.to_place} on {_when(t.arrival.arrive_utc, t.arrival.to_zone)}"
                f" ({_leg_name(t.arrival)}), after '{first.title}' starts on {_when(first.start_utc, first.zone)}"
                f"{f' and {len(missed) - 1} more item(s)' if len(missed) > 1 else ''}."
                " Book an earlier arrival or excuse them from these items.",
                (t.label,), tuple(i.key for i in missed),
            ))
    return problems


def leaves_early(event: Event, travellers: list[_Traveller]) -> list[Problem]:
    """People whose departure comes before the end of items they attend."""
    problems = []
    for t in travellers:
        if t.departure is None:
            continue
        missed = [i for i in t.items if i.end_utc > t.departure.depart_utc]
        if missed:
            last = max(missed, key=lambda i: i.end_utc)
            problems.append(Problem(
                "leaves_early", "error",
                f"{t.name} leaves {t.departure.from_place} on {_when(t.departure.depart_utc, t.departure.from_zone)}"
                f" ({_leg_name(t.departure)}), before '{last.title}' ends on {_when(last.end_utc, last.zone)}"
                f"{f' ({len(missed)} items affected)' if len(missed) > 1 else ''}."
                " Book a later departure or excuse them from these items.",
                (t.label,), tuple(i.key for i in missed),
            ))
    return problems


def _covered_by_travel(t: _Traveller, night: date, zone: str) -> bool:
    """A night spent on the move (a night train or flight) needs no hotel."""
    # Read leniently: 02:00 may fall in a DST gap, and any instant of the small hours will do.
    small_hours = datetime.combine(night + timedelta(days=1), time(2), tzinfo=timeutil.zone(zone)).astimezone(timeutil.UTC)
    return any(leg.depart_utc <= small_hours < leg.arrive_utc for leg in t.legs)


def no_stay(event: Event, travellers: list[_Traveller]) -> list[Problem]:
    """Study visits: nights between arrival and departure without a hotel stay."""
    if event.kind != "study_visit":
        return []
    stays_of = defaultdict(list)
    for stay in event.stays:
        stays_of[stay.person_id].append(stay)
        if stay.shares_with_id is not None:  # the room-mate sleeps there too
            stays_of[stay.shares_with_id].append(stay)
    zones = event_zones(event.zone, event.items)
    problems = []
    for t in travellers:
        if (t.arrival is None or t.departure is None) and not expected_to_travel(event, t, zones):
            continue
        # Without a booked arrival or departure, the visit's own first and last day stand in for it.
        first = timeutil.to_local(t.arrival.arrive_utc, t.arrival.to_zone).date() if t.arrival else event.start_date
        last = timeutil.to_local(t.departure.depart_utc, t.departure.from_zone).date() if t.departure else event.end_date
        nights = [first + timedelta(days=n) for n in range((last - first).days)]
        mine = stays_of.get(t.part.person_id, [])
        zone = t.arrival.to_zone if t.arrival else event.zone
        bare = [
            d for d in nights
            if not any(s.check_in <= d < s.check_out for s in mine) and not _covered_by_travel(t, d, zone)
        ]
        if bare:
            shown = ", ".join(local_times.short_day(d) for d in bare)
            first_day, last_day = local_times.short_day(first), local_times.short_day(last)
            arrives = f"arrives {first_day}" if t.arrival else f"no arrival booked: from the visit's start {first_day}"
            leaves = f"leaves {last_day}" if t.departure else f"no departure booked: to the visit's end {last_day}"
            problems.append(Problem(
                "no_stay", "warning",
                f"{t.name} has no hotel for the night{'s' if len(bare) > 1 else ''} of {shown}"
                f" ({arrives}, {leaves}). Book a stay or correct the dates.",
                (t.label,),
            ))
    return problems


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31 Aug + 6 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def passport_lasts(expiry: date, returned: date, months: int = PASSPORT_MONTHS) -> bool:
    """Whether a passport is still valid `months` after the return (the rule most countries apply at entry)."""
    return expiry >= add_months(returned, months)


def passports(event: Event, travellers: list[_Traveller] | None = None) -> list[tuple[_Traveller, Problem | None]]:
    """Everyone who travels to the event (by their legs, or a delegate from outside a study visit), each with
    what is wrong with their passport: None when it lasts, or when no expiry is recorded (not an expiry problem)."""
    zones = event_zones(event.zone, event.items)
    return [(t, _passport_problem(event, t)) for t in (_travellers(event) if travellers is None else travellers)
            if t.legs or expected_to_travel(event, t, zones)]


def _passport_problem(event: Event, t: _Traveller) -> Problem | None:
    expiry = t.part.person.passport_expiry
    if expiry is None:
        return None
    returned, by_legs = _return(event, t)
    if passport_lasts(expiry, returned):
        return None
    expires, back = local_times.calendar_date(expiry), local_times.calendar_date(returned)
    if expiry <= returned:
        when = "they are back" if by_legs else "the visit ends"
        severity, why = "error", f"on {expires}, before {when} on {back}"
    else:
        when = "the return" if by_legs else "the visit's end"
        severity, why = "warning", f"on {expires}, less than six months after {when} on {back}"
    return Problem(
        "passport_expiry", severity,
        f"{t.name}'s passport expires {why}; entry rules often ask for six months' validity."
        f" Ask them to renew it (valid to at least {local_times.calendar_date(add_months(returned, PASSPORT_MONTHS))}).",
        (t.label,),
    )


def passport_expiry(event: Event, travellers: list[_Traveller]) -> list[Problem]:
    """Travellers whose passport expires less than six months after their return (a study visit's end at the earliest)."""
    return [problem for _t, problem in passports(event, travellers) if problem is not None]


def _return(event: Event, t: _Traveller) -> tuple[date, bool]:
    """When the six months count from: the last arrival of their legs (True), or a study visit's end if later (False)."""
    back = max(t.legs, key=lambda leg: leg.arrive_utc) if t.legs else None
    returned = timeutil.to_local(back.arrive_utc, back.to_zone).date() if back else event.end_date
    if event.kind == "study_visit" and returned < event.end_date:
        return event.end_date, False
    return returned, back is not None


def expected_to_travel(event: Event, t: _Traveller, zones: set[str]) -> bool:
    """A delegate of a study visit from outside it: their organisation is not in one of the visit's zones (or unknown)."""
    if event.kind != "study_visit" or t.part.role != "delegate":
        return False
    organisation = t.part.person.organisation
    return organisation is None or organisation.zone not in zones


def no_arrival(event: Event, travellers: list[_Traveller]) -> list[Problem]:
    """Study visits: delegates from elsewhere with no leg booked into the visit's zones, or none out of them."""
    zones = event_zones(event.zone, event.items)
    problems = []
    for t in travellers:
        if not expected_to_travel(event, t, zones):
            continue
        if t.arrival is None:
            problems.append(Problem(
                "no_arrival", "warning",
                f"{t.name} has no arrival booked for {event.code}, which starts on {local_times.day(event.start_date)}"
                f" in {event.zone}. Add their journey on the Travel & stays tab.",
                (t.label,),
            ))
        if t.departure is None:
            problems.append(Problem(
                "no_departure", "warning",
                f"{t.name} has no departure booked from {event.code}, which ends on {local_times.day(event.end_date)}."
                " Add their journey home on the Travel & stays tab.",
                (t.label,),
            ))
    return problems


def over_capacity(event: Event, travellers: list[_Traveller]) -> list[Problem]:
    """More confirmed participants than the event has places."""
    if event.capacity is None:
        return []
    confirmed = sorted((p for p in event.participations if p.status in HOLDS_PLACE), key=lambda p: p.id)
    if len(confirmed) <= event.capacity:
        return []
    extra = len(confirmed) - event.capacity
    return [Problem(
        "over_capacity", "error",
        f"{event.code} has {len(confirmed)} confirmed participants for {event.capacity} places."
        f" Move {extra} to the waiting list or raise the capacity.",
        tuple(person_label(p.person) for p in confirmed),
    )]


def outside_hours(event: Event, travellers: list[_Traveller], working_hours: tuple[int, int] = (8, 20)) -> list[Problem]:
    """Webinars: items outside working hours, one problem per participant zone naming every such item."""
    if event.kind != "webinar":
        return []
    zone_of = {t.label: (t.part.person.organisation.zone if t.part.person.organisation else event.zone) for t in travellers}
    late: dict[str, list[tuple[Item, ZoneTime]]] = defaultdict(list)  # zone -> (item, its ZoneTime)
    who: dict[str, dict[str, _Traveller]] = defaultdict(dict)
    for item in _scheduled(event):
        attending = [t for t in travellers if item in t.items]
        zones = sorted({zone_of[t.label] for t in attending})
        for zt in clock_for(item.start_utc, item.end_utc, zones, working_hours, reference_zone=event.zone):
            if zt.outside_hours:
                late[zt.zone].append((item, zt))
                who[zt.zone].update((t.label, t) for t in attending if zone_of[t.label] == zt.zone)
    low, high = working_hours
    problems = []
    for zone, hits in late.items():
        first, last = hits[0][1], hits[-1][1]
        people = sorted(who[zone].values(), key=lambda t: (t.name.casefold(), t.label))
        day = {1: " the next day", -1: " the day before"}.get(first.day_shift, "")
        titles = f"'{hits[0][0].title}'" + (f" and {len(hits) - 1} more item{'s' if len(hits) > 2 else ''}" if len(hits) > 1 else "")
        problems.append(Problem(
            "outside_hours", "warning",
            f"{titles} run{'s' if len(hits) == 1 else ''} {first.start:%H:%M}–{last.end:%H:%M} {first.abbreviation}{day}"
            f" in {zone}, outside working hours ({low:02d}:00–{high:02d}:00) for {len(people)}"
            f" participant{'s' if len(people) > 1 else ''} ({', '.join(t.name for t in people)})."
            " Consider another time or a second session.",
            tuple(t.label for t in people), tuple(item.key for item, _ in hits),
        ))
    return problems


def _scheduled(event: Event) -> list[Item]:
    return sorted((i for i in event.items if i.status != "cancelled"), key=lambda i: (i.start_utc, i.key))


def outside_dates(event: Event) -> list[Problem]:
    """Items that start or end (in their own zone) before the event's first day or after its last."""
    problems = []
    for item in _scheduled(event):
        start, end = timeutil.to_local(item.start_utc, item.zone), timeutil.to_local(item.end_utc, item.zone)
        if start.date() < event.start_date or end.date() > event.end_date:
            problems.append(Problem(
                "outside_dates", "warning",
                f"'{item.title}' ({local_times.day(start.date())}) is outside the dates of {event.code}"
                f" ({local_times.day(event.start_date)} – {local_times.day(event.end_date)})."
                " Move the item or change the event's dates.",
                items=(item.key,),
            ))
    return problems


def stay_outside_dates(event: Event) -> list[Problem]:
    """Hotel stays (anyone's) checking in more than STAY_MARGIN before the event's first day or out after its last."""
    problems = []
    for stay in sorted(event.stays, key=lambda s: (s.check_in, s.id)):
        if stay.check_in >= event.start_date - STAY_MARGIN and stay.check_out <= event.end_date + STAY_MARGIN:
            continue
        problems.append(Problem(
            "stay_outside_dates", "warning",
            f"{stay.person.display_name}'s stay at {stay.hotel} ({local_times.day(stay.check_in)} – "
            f"{local_times.day(stay.check_out)}) reaches more than {STAY_MARGIN.days} days beyond the dates of"
            f" {event.code} ({local_times.day(event.start_date)} – {local_times.day(event.end_date)})."
            " Correct the stay's dates.",
            (person_label(stay.person),),
        ))
    return problems


def weekend_sessions(event: Event, shift: timedelta = timedelta(0)) -> list[tuple[str, date]]:
    """Keys and local days of the scheduled items that fall on a Saturday or Sunday (moved by `shift` days)."""
    found = []
    for item in _scheduled(event):
        day = timeutil.to_local(item.start_utc, item.zone).date() + shift
        if day.weekday() >= WEEKEND_FROM:
            found.append((item.key, day))
    return found


def weekend_message(code: str, sessions: list[tuple[str, date]]) -> str:
    """The plain words for sessions on a weekend, shared by the check and the duplicate warning."""
    listed = ", ".join(f"{key} ({local_times.day(day)})" for key, day in sessions)
    many = len(sessions) > 1
    return (f"{code} has {len(sessions)} session{'s' if many else ''} on a weekend: {listed}."
            " Make sure the hosts and participants expect it, or move "
            f"{'them' if many else 'it'} to a weekday.")


def on_weekend(event: Event) -> list[Problem]:
    """Sessions on a Saturday or Sunday, local to each item's zone: one warning naming them all."""
    sessions = weekend_sessions(event)
    if not sessions:
        return []
    return [Problem("weekend", "warning", weekend_message(event.code, sessions), items=tuple(k for k, _ in sessions))]


def visa_deadline(event: Event, travellers: list[_Traveller], today: date) -> list[Problem]:
    """Visas not granted yet whose application deadline (departure minus processing time) is near or passed."""
    problems = []
    for t in travellers:
        due = visas.deadline_due(t.part, event, list(t.legs), today)
        if due is not None:
            state = visas.state_of(t.part.visa_needed, t.part.visa_status)
            problems.append(Problem("visa_deadline", "error" if due < today else "warning", visas.deadline_message(
                t.name, state, event, list(t.legs), today), (t.label,)))
    return problems


def check_event(session: Session, code: str, *, working_hours: tuple[int, int] = (8, 20),
                today: date | None = None) -> list[Problem]:
    """Every logistics problem of the event, errors first, then by kind."""
    events = events_with_logistics(session, Event.code == code)
    if not events:
        get_event_model(session, code)  # raises NotFound, naming the known events
    return event_problems(events[0], working_hours=working_hours, today=today)


def event_problems(event: Event, *, working_hours: tuple[int, int] = (8, 20), today: date | None = None) -> list[Problem]:
    """Every logistics problem of a loaded event (`events_with_logistics`), errors first, then by kind.

    `today` (the user's date; UTC's without it) dates the visa deadlines."""
    travellers = _travellers(event)
    found = (
        double_booked(event, travellers) + arrives_late(event, travellers) + leaves_early(event, travellers)
        + no_stay(event, travellers) + passport_expiry(event, travellers) + over_capacity(event, travellers)
        + outside_hours(event, travellers, working_hours) + no_arrival(event, travellers)
        + outside_dates(event) + stay_outside_dates(event) + on_weekend(event)
        + visa_deadline(event, travellers, today or timeutil.utc_now().date())
    )
    return sorted(found, key=lambda p: (SEVERITIES.index(p.severity), KINDS.index(p.kind)))


def problem_json(problem: Problem) -> dict[str, object]:
    """A problem as JSON-ready data (the fields of `Problem`)."""
    return {"kind": problem.kind, "severity": problem.severity, "message": problem.message,
            "people": list(problem.people), "items": list(problem.items)}
