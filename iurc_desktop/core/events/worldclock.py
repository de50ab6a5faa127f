"""Webinar world clock and slot finder: one session's time in every participant's zone.

Working hours are local wall-clock hours (default 08:00-20:00). A time is
"outside" by the minutes it spills beyond the nearest working window; daylight
saving changes within a week of the session are named, zone by zone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import local_times, timeutil
from ..errors import ValidationError
from ..models import Event, Item, Organisation, Participation, Person
from ..vocab import NOT_COMING
from .listing import get_event_model

DST_WINDOW = timedelta(days=7)


@dataclass(frozen=True)
class ZoneTime:
    zone: str
    start: datetime  # aware, local in `zone`
    end: datetime
    abbreviation: str  # e.g. JST, AEDT, +07
    offset: timedelta  # UTC offset at the start
    minutes_outside: int  # how far the session spills beyond the nearest working window
    day_shift: int  # local start date minus the reference zone's local start date
    people: int = 0
    names: tuple[str, ...] = ()

    @property
    def outside_hours(self) -> bool:
        return self.minutes_outside > 0

    def must_suit(self, event_zone: str) -> bool:
        """A zone the session must suit: someone's in it, or it is not the event's own (one it must work in, or added)."""
        return bool(self.people) or self.zone != event_zone

    @property
    def different_date(self) -> bool:
        return self.day_shift != 0


@dataclass(frozen=True)
class DstNote:
    zone: str
    at: datetime  # aware, local in `zone`, the first instant under the new offset
    offset_before: timedelta
    offset_after: timedelta
    to_event_before: timedelta  # this zone's offset minus the event zone's, before the change
    to_event_after: timedelta
    message: str


@dataclass(frozen=True)
class WorldClock:
    event_code: str
    item_key: str
    title: str
    event_zone: str
    start: datetime  # aware, in the event zone
    end: datetime
    working_hours: tuple[int, int]
    zones: tuple[ZoneTime, ...]  # west to east
    dst_notes: tuple[DstNote, ...]


@dataclass(frozen=True)
class Slot:
    start: datetime  # aware, in the event zone
    end: datetime
    inside: int  # participants whose local time is within working hours
    total: int
    minutes_outside: int  # summed over participants
    zones: tuple[ZoneTime, ...]


def _check_hours(working_hours: tuple[int, int]) -> None:
    low, high = working_hours
    if not (0 <= low < high <= 24):
        raise ValidationError(f"working hours {low}-{high}: give two hours from 0 to 24, the first before the second.")


def minutes_outside(start_local: datetime, end_local: datetime, working_hours: tuple[int, int]) -> int:
    """Minutes of a local span beyond the nearest day's working window (0: inside)."""
    s = start_local.hour * 60 + start_local.minute
    e = (end_local.date() - start_local.date()).days * 1440 + end_local.hour * 60 + end_local.minute
    low, high = working_hours[0] * 60, working_hours[1] * 60
    return min(max(0, k * 1440 + low - s) + max(0, e - (k * 1440 + high)) for k in (-1, 0, 1))


def clock_for(
    instant_start: datetime,
    instant_end: datetime,
    zones: Iterable[str] | Mapping[str, int],
    working_hours: tuple[int, int] = (8, 20),
    *,
    reference_zone: str | None = None,
) -> list[ZoneTime]:
    """A session's local times in each zone, west to east; day shifts against `reference_zone` (or the first zone)."""
    _check_hours(working_hours)
    counts = dict(zones) if isinstance(zones, Mapping) else {z: 0 for z in zones}
    if not counts:
        return []
    reference = timeutil.to_local(instant_start, reference_zone or next(iter(counts))).date()
    out = []
    for name, count in counts.items():
        start, end = timeutil.to_local(instant_start, name), timeutil.to_local(instant_end, name)
        out.append(ZoneTime(
            name, start, end, local_times.abbreviation(start), start.utcoffset() or timedelta(0),
            minutes_outside(start, end, working_hours), (start.date() - reference).days, count,
        ))
    return sorted(out, key=lambda z: (z.offset, z.zone))


def _hours(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours:g} h"


def _relation(delta: timedelta, event_zone: str) -> str:
    if not delta:
        return f"the same time as {event_zone}"
    return f"{_hours(abs(delta))} {'ahead of' if delta > timedelta(0) else 'behind'} {event_zone}"


def transitions(zone_name: str, start: datetime, end: datetime) -> list[tuple[datetime, timedelta, timedelta]]:
    """Offset changes of a zone between two instants: (first instant under the new offset, before, after)."""
    tz = timeutil.zone(zone_name)
    found = []
    step = timedelta(hours=1)
    low = start
    while low < end:
        high = min(low + step, end)
        before, after = low.astimezone(tz).utcoffset(), high.astimezone(tz).utcoffset()
        if before != after:
            a, b = low, high
            while b - a > timedelta(minutes=1):  # bisect to the minute
                mid = a + (b - a) / 2
                a, b = (mid, b) if mid.astimezone(tz).utcoffset() == before else (a, mid)
            found.append((b, before, after))  # type: ignore[arg-type]
        low = high
    return found


def dst_notes(instant: datetime, zones: Iterable[str], event_zone: str, window: timedelta = DST_WINDOW) -> list[DstNote]:
    """Daylight-saving changes within `window` of `instant` in any of the zones, and what they do to the gap."""
    notes = []
    for name in dict.fromkeys([event_zone, *zones]):
        for at, before, after in transitions(name, instant - window, instant + window):
            ev_before = timeutil.to_local(at - timedelta(minutes=1), event_zone).utcoffset()
            ev_after = timeutil.to_local(at, event_zone).utcoffset()
            rel_before, rel_after = before - ev_before, after - ev_after  # type: ignore[operator]
            notes.append(DstNote(name, timeutil.to_local(at, name), before, after, rel_before, rel_after,
                                 _note_message(name, at, before, after, rel_before, rel_after, event_zone, instant)))
    return sorted(notes, key=lambda n: (n.at.astimezone(timeutil.UTC), n.zone))


def _note_message(name: str, at: datetime, before: timedelta, after: timedelta, rel_before: timedelta,
                  rel_after: timedelta, event_zone: str, session: datetime) -> str:
    local = timeutil.to_local(at, name)
    # The wall clock just before the change, read in true time (aware arithmetic in one zone is wall-clock).
    wall_before = timeutil.to_local(at - timedelta(minutes=1), name).replace(tzinfo=None) + timedelta(minutes=1)
    verb = "go forward" if after > before else "go back"
    days = (at - session).total_seconds() / 86400
    when = f"{abs(days):.0f} day{'s' if round(abs(days)) != 1 else ''} {'after' if days > 0 else 'before'} the session"
    head = (f"{name} clocks {verb} on {local:%Y-%m-%d} at {wall_before:%H:%M} to {local:%H:%M}"
            f" (UTC{timeutil.format_offset(before)} → UTC{timeutil.format_offset(after)}), {when}")
    if name == event_zone:
        return head + f": sessions at the same {event_zone} time then fall {_hours(abs(after - before))} {'earlier' if after > before else 'later'} in zones that do not change."
    if rel_before == rel_after:
        return head + f"; {event_zone} changes too, so it stays {_relation(rel_after, event_zone)}."
    previous = _hours(abs(rel_before)) if (rel_before > timedelta(0)) == (rel_after > timedelta(0)) and rel_before else _relation(rel_before, event_zone)
    return head + f": it is then {_relation(rel_after, event_zone)} instead of {previous}."


def participant_zones(session: Session, event: Event) -> dict[str, list[str]]:
    """Each zone of the event's participants (from their organisations; else the event's) and who is in it."""
    coming = (
        select(Person, Organisation.zone)
        .join(Participation, Participation.person_id == Person.id)
        .outerjoin(Organisation, Person.organisation_id == Organisation.id)
        .where(Participation.event_id == event.id, Participation.status.not_in(NOT_COMING))
        .order_by(Participation.id)
    )
    zones: dict[str, list[str]] = {}
    for person, zone in session.execute(coming):
        zones.setdefault(zone if zone is not None else event.zone, []).append(person.display_name)
    return zones


def _session_item(session: Session, event: Event, item_key: str | None) -> Item:
    if item_key is not None:
        from .items import get_item_model  # not before: the logistics checks use this module and no item's editing

        return get_item_model(session, event, item_key)
    live = sorted((i for i in event.items if i.status != "cancelled"), key=lambda i: (i.start_utc, i.key))
    if not live:
        raise ValidationError(f"{event.code} has no scheduled items; add a session to see it on the world clock.")
    return live[0]


def world_clock(
    session: Session, event_code: str, item_key: str | None = None, *, working_hours: tuple[int, int] = (8, 20),
    extra_zones: Iterable[str] = (),
) -> WorldClock:
    """The item's (or first item's) time in its zone, the zones it must work in and every participant's, with notes.

    `extra_zones` are shown too, with nobody in them yet (a zone the session must suit); TimeError names a bad one.
    """
    event = get_event_model(session, event_code)
    item = _session_item(session, event, item_key)
    people = participant_zones(session, event)
    counts = {event.zone: 0, **{z: len(names) for z, names in people.items()}}
    for name in (*event.zones.split(), *extra_zones):  # the zones the event must work in, then those added to look
        timeutil.zone(name)
        counts.setdefault(name, 0)
    times = [
        ZoneTime(**{**zt.__dict__, "names": tuple(sorted(people.get(zt.zone, [])))})
        for zt in clock_for(item.start_utc, item.end_utc, counts, working_hours, reference_zone=event.zone)
    ]
    return WorldClock(
        event.code, item.key, item.title, event.zone, timeutil.to_local(item.start_utc, event.zone),
        timeutil.to_local(item.end_utc, event.zone), working_hours, tuple(times),
        tuple(dst_notes(item.start_utc, counts, event.zone)),
    )


def find_slots(
    date_from: date,
    date_to: date,
    duration: timedelta,
    zones: Mapping[str, int],
    *,
    working_hours: tuple[int, int] = (8, 20),
    step: timedelta = timedelta(minutes=30),
    event_zone: str | None = None,
    weekdays_only: bool = True,
    limit: int | None = None,
) -> list[Slot]:
    """Start times between two local dates of the event zone, best first.

    Ranked by participants inside working hours, then by the fewest minutes
    outside them (summed over participants), then the earliest.
    """
    _check_hours(working_hours)
    if not zones:
        raise ValidationError("Give at least one participant zone to find a time.")
    if duration <= timedelta(0) or step <= timedelta(0):
        raise ValidationError("The duration and the step must be positive.")
    if date_to < date_from:
        raise ValidationError(f"The range ends ({date_to}) before it starts ({date_from}).")
    home = event_zone or next(iter(zones))
    tz = timeutil.zone(home)
    instant = datetime.combine(date_from, time(0), tzinfo=tz).astimezone(timeutil.UTC)
    total = sum(zones.values())
    slots = []
    while (local := instant.astimezone(tz)).date() <= date_to:
        if not (weekdays_only and local.weekday() >= 5):
            times = clock_for(instant, instant + duration, zones, working_hours, reference_zone=home)
            inside = sum(z.people for z in times if not z.outside_hours)
            outside = sum(z.minutes_outside * z.people for z in times)
            slots.append(Slot(local, (instant + duration).astimezone(tz), inside, total, outside, tuple(times)))
        instant += step  # true time, so DST days have 23 or 25 hours of candidates
    slots.sort(key=lambda s: (-s.inside, s.minutes_outside, s.start.astimezone(timeutil.UTC)))
    return slots[:limit] if limit is not None else slots
