"""Reading calendar files from Outlook/Exchange, Google and Apple into an event's items.

Each DTSTART/DTEND is re-read from its wall-clock time and TZID: an IANA name
is used as is, a Windows or Outlook display name through `zone_names`, any other
name through the file's own VTIMEZONE (the item then keeps the event's zone for
display); an unknown name without a VTIMEZONE is refused, never guessed. Times
in UTC and floating times are shown in the event's zone; a UTC time (`...Z`) is
that instant, in the repeated hour too, where our own files write it in UTC with
its zone in an X-IURC-ZONE parameter (the entry is then shown in that zone). A wall time
of a named zone that a DST change skips or repeats is read as RFC 5545 says (the
offset before the change; a fold's first occurrence), the entry keeping its own
length, and is reported: the import refuses it, naming both readings, unless
the user chose the earlier or the later one (`core.clock_changes`).

Recurring entries become one item per occurrence (EXDATE removed, RDATE and
modified occurrences applied), at most `MAX_OCCURRENCES`, and only a year ahead
when the rule has no end. Items are keyed by the entry's UID (and the
occurrence's original start), so importing a changed file again updates the
same items, raising SEQUENCE when the time, place or title changed. `plan_ics`
says what an import would do and hands the entries over as
`core.events.items.CalendarItem`s; `core.events.items.put_calendar_items` writes them.

A damaged file is refused in words, never read as an empty one: a component
begun and never ended (a file cut short), a date, length or rule that cannot be
read (named by line, property and value), or no entry at all to import.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from dateutil.rrule import rrulestr
from icalendar import Calendar, Component, vRecur
from sqlalchemy.orm import Session

from iurc_desktop.core import timeutil
from iurc_desktop.core.clock_changes import ClockChangeRefused, ItemTime, place
from iurc_desktop.core.errors import ValidationError
from iurc_desktop.core.events import items
from iurc_desktop.core.events.listing import get_event_model

from .export import ZONE_PARAM
from .zone_names import iana_zone

MAX_OCCURRENCES = 500
UNBOUNDED_HORIZON = timedelta(days=366)
UTC = timeutil.UTC


@dataclass(frozen=True)
class CalendarEntry:
    """One dated entry of a calendar file (an occurrence, for recurring ones)."""

    uid: str
    occurrence: str  # "" or the occurrence's original start, e.g. 20251208T150000
    title: str
    start: datetime  # aware, in `zone`
    end: datetime  # aware, in `zone`
    zone: str
    all_day: bool
    place: str
    description: str
    url: str
    cancelled: bool
    clock: tuple[ItemTime, ...] = ()  # its times the clocks skip or repeat, read as RFC 5545 says (none chosen)
    moved: str = ""  # where the chosen reading put it

    @property
    def key(self) -> str:
        """The item key this entry is imported under: stable for its UID and occurrence."""
        digest = hashlib.sha1(self.uid.encode("utf-8")).hexdigest()[:12]
        return f"ics-{digest}" + (f"-{self.occurrence}" if self.occurrence else "")


@dataclass(frozen=True)
class ImportedItems:
    created: int
    updated: int
    unchanged: int
    cancelled: int
    keys: tuple[str, ...]  # item keys touched, in file order
    notes: tuple[str, ...]  # what was skipped or limited, in plain words


@dataclass(frozen=True)
class ItemsPlan:
    """What a calendar import will do, and the entries that do it (in file order)."""

    outcome: ImportedItems
    entries: tuple[items.CalendarItem, ...]
    clock: tuple[ItemTime, ...] = ()  # times on a daylight-saving change with no reading chosen: the import refuses them


class _Zones:
    """TZID -> (zone name to store, tzinfo to compute with) for one file."""

    def __init__(self, cal: Calendar, default_zone: str) -> None:
        self.default = default_zone
        self.components = {str(tz["TZID"]).strip().strip('"'): tz for tz in cal.walk("VTIMEZONE") if "TZID" in tz}

    def resolve(self, tzid: str, what: str) -> tuple[str, tzinfo]:
        name = tzid.strip().strip('"')
        iana = iana_zone(name)
        if iana is None and name in self.components:
            location = str(self.components[name].get("X-LIC-LOCATION", ""))
            iana = iana_zone(location) if location else None
            if iana is None:
                return self.default, self.components[name].to_tz()
        if iana is None:
            raise ValidationError(f"{what}: the time zone {name!r} is not known and the file does not define it (no VTIMEZONE).")
        return iana, timeutil.zone(iana)

    def iana(self, tzid: str, what: str) -> str | None:
        """The IANA zone of a TZID, or None for one known only by the file's own VTIMEZONE."""
        zone_name, tz = self.resolve(tzid, what)
        return zone_name if tz is timeutil.zone(zone_name) else None


def _instant(value: datetime | date, tzid: str | None, zones: _Zones, what: str) -> tuple[datetime, str]:
    """(aware UTC instant, zone to show it in) of a DTSTART/DTEND-like value, read as it stands."""
    if not isinstance(value, datetime):
        return _midnight(value, zones.default), zones.default  # all-day: midnight in the event's zone
    if tzid:
        zone_name, tz = zones.resolve(tzid, what)
        return value.replace(tzinfo=None).replace(tzinfo=tz, fold=0).astimezone(UTC), zone_name
    if value.tzinfo is not None:  # UTC ("Z")
        return value.astimezone(UTC), zones.default
    return value.replace(tzinfo=timeutil.zone(zones.default), fold=0).astimezone(UTC), zones.default  # floating: the event's zone


def _named_wall(value: datetime | date, tzid: str | None, zones: _Zones, what: str) -> tuple[datetime, str] | None:
    """(naive wall time, IANA zone) of a date-time in a named zone or floating; None for a date, UTC, or a zone
    known only by the file's own VTIMEZONE (read by its rules as they are)."""
    if not isinstance(value, datetime) or (not tzid and value.tzinfo is not None):
        return None
    zone_name = zones.iana(tzid, what) if tzid else zones.default
    return (value.replace(tzinfo=None), zone_name) if zone_name else None


def _midnight(day: date, zone_name: str) -> datetime:
    return datetime.combine(day, time()).replace(tzinfo=timeutil.zone(zone_name), fold=0).astimezone(UTC)


def _text(component: Component, name: str) -> str:
    value = component.get(name)
    return str(value).strip() if value is not None else ""


def _tzid(component: Component, name: str) -> str | None:
    return _param(component, name, "TZID")


def _param(component: Component, name: str, param: str) -> str | None:
    prop = component.get(name)
    return prop.params.get(param) if prop is not None and hasattr(prop, "params") else None


def _shown_zone(component: Component, zone_name: str) -> str:
    """The zone to show an entry in: a UTC start's X-IURC-ZONE where it names a known zone, else `zone_name`."""
    named = _param(component, "DTSTART", ZONE_PARAM)
    return named if named and timeutil.is_zone(named) else zone_name


def _bounds(component: Component, zones: _Zones, what: str) -> tuple[datetime, datetime, str, bool]:
    """(start UTC, end UTC, zone, all-day) of one VEVENT, its times read as they stand."""
    start_value = component["DTSTART"].dt
    all_day = not isinstance(start_value, datetime)
    start, zone_name = _instant(start_value, _tzid(component, "DTSTART"), zones, what)
    zone_name = zone_name if all_day else _shown_zone(component, zone_name)
    if "DTEND" in component:
        end, _ = _instant(component["DTEND"].dt, _tzid(component, "DTEND"), zones, what)
    elif "DURATION" in component:
        end = start + component["DURATION"].dt
    else:
        end = start + (timedelta(days=1) if all_day else timedelta(0))
    if end < start:
        raise ValidationError(f"{what}: it ends ({end:%Y-%m-%d %H:%M} UTC) before it starts ({start:%Y-%m-%d %H:%M} UTC).")
    return start, end, zone_name, all_day


def _single(component: Component, zones: _Zones, what: str, dst: str | None, occurrence: str = "") -> CalendarEntry:
    """One VEVENT as an entry; a wall time on a daylight-saving change is placed by `clock_changes.place`."""
    start, end, zone_name, all_day = _bounds(component, zones, what)
    wall = _named_wall(component["DTSTART"].dt, _tzid(component, "DTSTART"), zones, what)
    if wall is None:
        return _entry(component, start, end, zone_name, all_day, occurrence)
    end_wall = _named_wall(component["DTEND"].dt, _tzid(component, "DTEND"), zones, what) if "DTEND" in component else None
    same_zone = end_wall is not None and end_wall[1] == wall[1]
    length = end_wall[0] - wall[0] if same_zone else end - start  # a wall time's length is what its clock says
    found: list[ItemTime] = []
    at = place("", what, wall[0], end_wall[0] if same_zone else (end if "DTEND" in component else None),
               wall[1], length, dst, found)
    return _entry(component, at.start, at.end, zone_name, all_day, occurrence, tuple(found), at.note or "")


def _entry(component: Component, start: datetime, end: datetime, zone_name: str, all_day: bool, occurrence: str,
           clock: tuple[ItemTime, ...] = (), moved: str = "") -> CalendarEntry:
    return CalendarEntry(
        uid=_text(component, "UID") or f"{_text(component, 'SUMMARY')}|{start.isoformat()}",
        occurrence=occurrence,
        title=_text(component, "SUMMARY") or "(no title)",
        start=timeutil.to_local(start, zone_name),
        end=timeutil.to_local(end, zone_name),
        zone=zone_name,
        all_day=all_day,
        place=_text(component, "LOCATION"),
        description=_text(component, "DESCRIPTION"),
        url=_text(component, "URL"),
        cancelled=_text(component, "STATUS").upper() == "CANCELLED",
        clock=clock,
        moved=moved,
    )


def _wall(value: datetime | date, tz: tzinfo) -> datetime:
    """A date-time value as a naive wall time of `tz` (how recurrence rules count)."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time())
    return value.astimezone(tz).replace(tzinfo=None) if value.tzinfo is not None else value


def _dates(component: Component, name: str, tz: tzinfo) -> set[datetime]:
    found = component.get(name)
    if found is None:
        return set()
    lists = found if isinstance(found, list) else [found]
    return {_wall(d.dt, tz) for lst in lists for d in lst.dts}


def _stamp(wall: datetime) -> str:
    return f"{wall:%Y%m%dT%H%M%S}"


def _occurrences(master: Component, tz: tzinfo, notes: list[str], what: str) -> list[datetime]:
    """Naive wall-clock starts of a recurring entry, in `tz`."""
    first = _wall(master["DTSTART"].dt, tz)
    rule = vRecur(dict(master["RRULE"]))
    bounded = "UNTIL" in rule or "COUNT" in rule
    if "UNTIL" in rule:
        rule["UNTIL"] = [_wall(u, tz) if isinstance(u, datetime) else datetime.combine(u, time.max) for u in rule["UNTIL"]]
    starts: list[datetime] = []
    horizon = first + UNBOUNDED_HORIZON
    for wall in rrulestr(rule.to_ical().decode(), dtstart=first):
        if len(starts) >= MAX_OCCURRENCES or (not bounded and wall > horizon):
            notes.append(f"{what}: repeats {'without end' if not bounded else 'very often'}; imported the occurrences up to {starts[-1]:%Y-%m-%d}.")
            break
        starts.append(wall)
    excluded = _dates(master, "EXDATE", tz)
    return sorted((set(starts) | _dates(master, "RDATE", tz)) - excluded)


def read_entries(data: bytes, *, default_zone: str = "UTC", source: str = "calendar file",
                 dst: str | None = None) -> list[CalendarEntry]:
    """Every entry of an iCalendar file, with recurring ones expanded, in file order.

    A wall time on a daylight-saving change takes the `dst` reading ('earlier' or 'later'), or with None the one
    RFC 5545 gives, the entry then saying so in its `clock`.
    """
    return _read(data, default_zone, source, [], dst)


def _parse(data: bytes, source: str) -> tuple[list[Calendar], list[dict[str, int]]]:
    """The file's calendars, and the line of each of its entries' properties (refused when cut short)."""
    lines = _entry_lines(data, source)
    try:
        return Calendar.from_ical(data, multiple=True), lines
    except (ValueError, IndexError, KeyError) as exc:
        raise ValidationError(f"{source} is not an iCalendar (.ics) file: {exc}") from None


def _entry_lines(data: bytes, source: str) -> list[dict[str, int]]:
    """For each VEVENT in file order, the line number of its BEGIN and of each property's first line.

    A component begun and never ended, or ended without being begun, refuses the file: the calendar reader would
    silently drop what it holds (a file cut short would import as empty).
    """
    begun: list[tuple[str, int]] = []
    entries: list[dict[str, int]] = []
    text = data.decode("utf-8-sig", "replace").replace("\r\n", "\n").replace("\r", "\n")
    for number, raw in enumerate(text.split("\n"), start=1):  # only line ends count (a text may hold U+2028)
        if raw[:1] in (" ", "\t"):
            continue  # the rest of a folded line
        name, _, value = raw.rstrip().partition(":")
        keyword = name.split(";")[0].strip().upper()
        if keyword == "BEGIN":
            begun.append((value.upper(), number))
            if value.upper() == "VEVENT":
                entries.append({"BEGIN": number})
        elif keyword == "END":
            if not begun or begun[-1][0] != value.upper():
                inside = f" inside the {begun[-1][0]} begun on line {begun[-1][1]}" if begun else ""
                raise ValidationError(f"{source}, line {number}: END:{value} ends nothing begun{inside}; the file "
                                      "is damaged and nothing was imported. Export the calendar again from its program.")
            begun.pop()
        elif begun and begun[-1][0] == "VEVENT":
            entries[-1].setdefault(keyword, number)
    if begun:
        unended = ", nor ".join(f"the {name} begun on line {line} (no END:{name})" for name, line in reversed(begun))
        raise ValidationError(f"{source} is cut short or damaged: it never ends {unended}; nothing was imported. "
                              "Export the calendar again from its program, or save the whole file again.")
    return entries


_DATE = "a date-time is written 20270327T093000, or 20270327T073000Z in UTC; a whole day 20270327"
# The properties an entry is read by, and how each is written, to name in a refusal.
_READ = {
    "DTSTART": _DATE,
    "DTEND": _DATE,
    "RECURRENCE-ID": _DATE,
    "EXDATE": f"{_DATE}, several separated by commas",
    "RDATE": f"{_DATE}, several separated by commas",
    "DURATION": "a length is written as PT1H30M, P1D",
    "RRULE": "a rule is written as FREQ=WEEKLY;COUNT=4",
}


def _refuse_broken(component: Component, source: str, what: str, lines: dict[str, int]) -> None:
    """Refuse an entry whose dates or rules cannot be read, naming the line, the property and its value."""
    problems = []
    for name, _message in component.errors:
        key = name.upper()
        if key in _READ:
            where = f"{source}, line {lines[key]}" if key in lines else source
            problems.append(f"{where}: {key} {_raw_value(component.get(name))!r} of {what} cannot be read "
                            f"({_READ[key]})")
    if problems:
        raise ValidationError([f"{problem}; nothing was imported." for problem in problems])


def _raw_value(prop: Any) -> str:
    """The text a property had in the file (a broken one keeps it)."""
    prop = prop[0] if isinstance(prop, list) and prop else prop
    return prop.to_ical().decode("utf-8", "replace") if hasattr(prop, "to_ical") else str(prop)


def _read(data: bytes, default_zone: str, source: str, notes: list[str], dst: str | None) -> list[CalendarEntry]:
    out: list[CalendarEntry] = []
    calendars, lines = _parse(data, source)
    numbered = iter(lines)
    for cal in calendars:
        zones = _Zones(cal, default_zone)
        events = cal.walk("VEVENT")
        for index, component in enumerate(events):
            _refuse_broken(component, source, f"entry {index + 1} ({_text(component, 'SUMMARY') or 'no title'})",
                           next(numbered, {}))
        overrides = {(_text(e, "UID"), e["RECURRENCE-ID"]): e for e in events if "RECURRENCE-ID" in e and "DTSTART" in e}
        masters = {_text(e, "UID") for e in events if "RRULE" in e}
        for index, component in enumerate(events):
            what = f"{source}, entry {index + 1} ({_text(component, 'SUMMARY') or 'no title'})"
            if "DTSTART" not in component:
                notes.append(f"{what}: has no start; skipped.")
                continue
            if "RECURRENCE-ID" in component and _text(component, "UID") in masters:
                continue  # applied while expanding its master
            out += _expand(component, zones, overrides, notes, what, dst) if "RRULE" in component else [_single(component, zones, what, dst)]
    return out


def _expand(master: Component, zones: _Zones, overrides: dict, notes: list[str], what: str,  # type: ignore[type-arg]
            dst: str | None) -> list[CalendarEntry]:
    first = _single(master, zones, what, dst)
    tzid = _tzid(master, "DTSTART")
    tz = zones.resolve(tzid, what)[1] if tzid else timeutil.zone(zones.default)
    walled = _named_wall(master["DTSTART"].dt, tzid, zones, what)  # rules in a named zone count on its clock
    length = first.end - first.start
    uid = _text(master, "UID")
    changed = {_wall(rid.dt, tz): comp for (u, rid), comp in overrides.items() if u == uid}
    out = []
    for wall in _occurrences(master, tz, notes, what):
        if wall in changed:
            out.append(_single(changed[wall], zones, what, dst, _stamp(wall)))
        elif first.all_day:
            begin = _midnight(wall.date(), zones.default)
            out.append(_entry(master, begin, begin + length, first.zone, True, _stamp(wall)))
        elif walled is None:
            begin = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
            out.append(_entry(master, begin, begin + length, first.zone, False, _stamp(wall)))
        else:
            found: list[ItemTime] = []
            at = place("", f"{what} on {wall:%Y-%m-%d}", wall, None, walled[1], length, dst, found)
            out.append(_entry(master, at.start, at.end, first.zone, False, _stamp(wall), tuple(found), at.note or ""))
    return out


def read_ics_file(path: Path, *, default_zone: str = "UTC", dst: str | None = None) -> list[CalendarEntry]:
    """The entries of a calendar file, for a preview; unreadable files raise ValidationError."""
    return read_entries(_read_bytes(path), default_zone=default_zone, source=str(path), dst=dst)


def _read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ValidationError(f"{path} cannot be read: {exc.strerror or exc}.") from None


def plan_ics(session: Session, event_code: str, path: Path, *, dst: str | None = None) -> ItemsPlan:
    """What importing the calendar file into the event's items would do, and the entries to put; changes nothing.

    Its `clock` lists the wall times on a daylight-saving change that no `dst` reading was chosen for (read as
    RFC 5545 says meanwhile, each named in the notes); `refuse_clock_changes` turns them into the refusal.
    A file with no entry to import is refused.
    """
    event = get_event_model(session, event_code)
    notes: list[str] = []
    read = _read(_read_bytes(path), event.zone, Path(path).name, notes, dst)
    if not read:  # said in words: "0 new" would read as a success
        raise ValidationError([f"{Path(path).name} holds no calendar entry (VEVENT) with a start: there is nothing "
                               "to import, and nothing was changed."] + notes)
    clock = tuple(t for entry in read for t in entry.clock)
    notes += [f"{'skipped' if t.change.skipped else 'ambiguous'} time: {t.text()}"
              + ("" if t.ends_at else f"; read as RFC 5545 says, {t.change.label(t.change.rfc5545)}") for t in clock]
    notes += [entry.moved for entry in read if entry.moved]
    entries = [_item(entry) for entry in read]
    showing = {item.key: items.shown(item) for item in event.items}  # each key's calendar view as the import goes on
    counts = {"created": 0, "updated": 0, "unchanged": 0, "cancelled": 0}
    keys: list[str] = []
    for entry in entries:
        before = showing.get(entry.key)
        if entry.cancelled:
            if before is not None and before["status"] != "cancelled":
                showing[entry.key] = {**before, "status": "cancelled"}
                counts["cancelled"] += 1
                keys.append(entry.key)
            elif before is None:
                notes.append(f"{entry.title} ({entry.start:%Y-%m-%d %H:%M}) is cancelled in the file and not in the event; skipped.")
            continue
        showing[entry.key] = items.shown(entry.columns())
        counts["created" if before is None else "updated" if before != showing[entry.key] else "unchanged"] += 1
        keys.append(entry.key)
    outcome = ImportedItems(counts["created"], counts["updated"], counts["unchanged"], counts["cancelled"], tuple(keys), tuple(notes))
    return ItemsPlan(outcome, tuple(entries), clock)


def refuse_clock_changes(plan: ItemsPlan) -> None:
    """Refuse a plan that has wall times on a daylight-saving change with no reading chosen, naming both readings."""
    if plan.clock:
        raise ClockChangeRefused(plan.clock)


def _item(entry: CalendarEntry) -> items.CalendarItem:
    return items.CalendarItem(entry.key, entry.title, entry.start, entry.end, entry.zone, entry.place, entry.url,
                              entry.description, entry.cancelled)
