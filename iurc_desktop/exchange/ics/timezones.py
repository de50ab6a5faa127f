"""VTIMEZONE components built from zoneinfo, in the form Outlook reads correctly.

icalendar's own generator writes a COMMENT (not allowed in a VTIMEZONE) and long
RDATE lists that Outlook desktop misreads. We build the component ourselves:

* The transitions are read from zoneinfo over the file's years plus one year
  either side (so the observance in force at the first instant is defined).
* If every year of that window has exactly one change to the larger offset and
  one back, on the same month, the same n-th (or last) weekday and the same
  wall-clock time, the zone gets one STANDARD and one DAYLIGHT observance, each
  with an open yearly RRULE: the shape Outlook and Exchange write themselves.
* A zone without changes in the window gets a single STANDARD observance.
* Anything else (rules that changed inside the window, Ramadan suspensions,
  one-off offset changes) gets one explicit observance per transition, no
  RRULE and no RDATE list: exact, and still read by every client we tried.

The larger offset of a pair is DAYLIGHT, whatever tzdata's isdst flag says
(Europe/Dublin's negative DST would otherwise flip the names).
Components are cached per zone and year window, so a file with many items in
one zone builds its VTIMEZONE once.
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from iurc_desktop.core import timeutil

UTC = timezone.utc
UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/GMT", "GMT", "Etc/Zulu", "Zulu", "Universal", "Etc/Universal"})
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Transition:
    """One change of a zone's UTC offset."""

    at: datetime  # aware UTC instant of the change
    offset_from: timedelta
    offset_to: timedelta
    name: str  # abbreviation after the change, e.g. CEST

    @property
    def wall(self) -> datetime:
        """Local wall-clock time of the change, read with the offset before it (RFC 5545 DTSTART)."""
        return (self.at + self.offset_from).replace(tzinfo=None)

    @property
    def is_daylight(self) -> bool:
        return self.offset_to > self.offset_from


def is_utc(zone_name: str) -> bool:
    """Zones written as plain UTC (a trailing Z) rather than with a TZID."""
    return zone_name in UTC_NAMES


def transitions(zone_name: str, first_year: int, last_year: int) -> list[Transition]:
    """Every offset change of the zone from 1 January `first_year` to 31 December `last_year`, UTC."""
    tz = timeutil.zone(zone_name)
    moment = datetime(first_year, 1, 1, tzinfo=UTC)
    stop = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    step = timedelta(hours=12)  # no zone changes its offset twice within half a day
    found: list[Transition] = []
    previous = moment.astimezone(tz).utcoffset()
    while moment < stop:
        later = moment + step
        offset = later.astimezone(tz).utcoffset()
        if offset != previous:
            found.append(_bisect(tz, moment, later, previous, offset))  # type: ignore[arg-type]
            previous = offset
        moment = later
    return found


def _bisect(tz: object, low: datetime, high: datetime, before: timedelta, after: timedelta) -> Transition:
    while high - low > timedelta(seconds=1):
        mid = low + (high - low) / 2
        if mid.astimezone(tz).utcoffset() == before:  # type: ignore[arg-type]
            low = mid
        else:
            high = mid
    name = high.astimezone(tz).tzname() or ""  # type: ignore[arg-type]
    return Transition(high.replace(microsecond=0), before, after, name)


def _byday(day: date) -> set[str]:
    """The RRULE BYDAY forms naming `day` within its month: n-th weekday, and -1 if it is the last."""
    weekday = _WEEKDAYS[day.weekday()]
    forms = {f"{(day.day - 1) // 7 + 1}{weekday}"}
    if day.day + 7 > _calendar.monthrange(day.year, day.month)[1]:
        forms.add(f"-1{weekday}")
    return forms


def _yearly_rule(changes: list[Transition], years: range) -> tuple[int, str] | None:
    """(month, BYDAY) if `changes` are one per year, all on the same rule; else None."""
    if [c.wall.year for c in changes] != list(years):
        return None
    first = changes[0]
    if any(
        (c.wall.month, c.wall.time(), c.offset_from, c.offset_to, c.name) != (first.wall.month, first.wall.time(), first.offset_from, first.offset_to, first.name)
        for c in changes
    ):
        return None
    common = set.intersection(*(_byday(c.wall.date()) for c in changes))
    if not common:
        return None
    return first.wall.month, sorted(common)[0]  # "-1SU" sorts before "4SU": prefer "last"


def _observance(change: Transition, rule: tuple[int, str] | None) -> TimezoneStandard | TimezoneDaylight:
    part = TimezoneDaylight() if change.is_daylight else TimezoneStandard()
    part.add("dtstart", change.wall)
    part.add("tzoffsetfrom", change.offset_from)
    part.add("tzoffsetto", change.offset_to)
    if change.name:
        part.add("tzname", change.name)
    if rule is not None:
        part.add("rrule", vRecur({"FREQ": "YEARLY", "BYMONTH": rule[0], "BYDAY": rule[1]}))
    return part


@lru_cache(maxsize=256)
def _build(zone_name: str, first_year: int, last_year: int) -> Timezone:
    window = range(first_year - 1, last_year + 2)
    changes = transitions(zone_name, window.start, window.stop - 1)
    component = Timezone()
    component.add("tzid", zone_name)
    component.add("x-lic-location", zone_name)
    if not changes:
        tz = timeutil.zone(zone_name)
        start = datetime(window.start, 1, 1)
        offset = start.replace(tzinfo=tz).utcoffset()
        component.add_component(_observance(Transition(start.replace(tzinfo=UTC) - offset, offset, offset, start.replace(tzinfo=tz).tzname() or ""), None))  # type: ignore[operator,arg-type]
        return component
    daylight = [c for c in changes if c.is_daylight]
    standard = [c for c in changes if not c.is_daylight]
    rules = (_yearly_rule(daylight, window), _yearly_rule(standard, window)) if daylight and standard else (None, None)
    if rules[0] is not None and rules[1] is not None:
        component.add_component(_observance(standard[0], rules[1]))
        component.add_component(_observance(daylight[0], rules[0]))
        return component
    component.add_component(_observance(_before(zone_name, changes[0]), None))
    for change in changes:
        component.add_component(_observance(change, None))
    return component


def _before(zone_name: str, first: Transition) -> Transition:
    """An observance for the time before the window's first change (starting 1 Jan of its year)."""
    start = datetime(first.wall.year, 1, 1)
    if start >= first.wall:
        start = first.wall - timedelta(days=1)
    return Transition(start.replace(tzinfo=UTC) - first.offset_from, first.offset_from, first.offset_from, _name_at(zone_name, first.at - timedelta(hours=1)))


def _name_at(zone_name: str, instant: datetime) -> str:
    return instant.astimezone(timeutil.zone(zone_name)).tzname() or ""


def vtimezone(zone_name: str, first_year: int, last_year: int) -> Timezone:
    """The (cached, shared: do not modify) VTIMEZONE for the zone covering the years given."""
    timeutil.zone(zone_name)  # a clear TimeError for an unknown zone
    return _build(zone_name, first_year, last_year)


def vtimezones(spans: dict[str, tuple[int, int]]) -> list[Timezone]:
    """One VTIMEZONE per zone (UTC excepted) for the years used in a file, in name order."""
    return [vtimezone(name, *spans[name]) for name in sorted(spans) if not is_utc(name)]


def widen(spans: dict[str, tuple[int, int]], zone_name: str, *values: datetime | date) -> None:
    """Grow the span of years recorded for `zone_name` to include `values`."""
    years = [v.year for v in values]
    low, high = min(years), max(years)
    if zone_name in spans:
        low, high = min(low, spans[zone_name][0]), max(high, spans[zone_name][1])
    spans[zone_name] = (low, high)
