"""Itinerary booklets: the data a booklet shows, and how its times read (local, home, "+1" across midnight)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from ...core.file_names import safe_stem

TEMPLATE = "booklet"


@dataclass(frozen=True)
class BookletEntry:
    """One line of a day: when (local and at home), what, where, and who receives the traveller."""

    local: str  # "09:30–12:00 JST", "10:05 ICN → 12:20 FUK"
    home: str  # the same times at home ("02:30–05:00 CET"; several homes: " · " between), "" when home is local
    title: str
    place: str = ""
    host: str = ""  # organisation, in both scripts
    contact: str = ""  # who receives the group: name (e-mail and phone only with the user's consent)
    kind: str = "item"  # item | travel | stay
    key: str = ""  # the item, leg or stay it shows: how the next version finds it again
    local_script: list[str] = field(default_factory=list)  # a hotel's name and address as written locally
    changed: bool = False  # new or different since the last version saved
    who: str = ""  # whom it is for, when not everyone the booklet is for (a member's own flight in a group's)


@dataclass(frozen=True)
class BookletDay:
    """A day headed by its local date."""

    heading: str
    entries: list[BookletEntry] = field(default_factory=list)


@dataclass(frozen=True)
class BookletData:
    """One booklet: for a person or a group, day by day."""

    event_title: str
    subject: str  # "SATO Haruto" or "Group A"
    subject_local: str
    people: list[str]
    home_zone: str  # where they live: "Europe/Berlin, Europe/Dublin" for several ("; not known for NAME" too)
    version: str  # when made, and a digest of the content: the same content, the same digest
    days: list[BookletDay] = field(default_factory=list)
    changes: str = ""  # what the marks mean, against which version ("" for a first version)


def clock(moment: datetime) -> str:
    """A time as a booklet prints it: 24-hour."""
    return f"{moment:%H:%M}"


def day_mark(moment: datetime, day: date) -> str:
    """" +1" (or " −1") when `moment` falls on another date than `day`: the overnight flight, the home time."""
    shift = (moment.date() - day).days
    return "" if shift == 0 else f" {'+' if shift > 0 else '−'}{abs(shift)}"


def span(start: datetime, end: datetime, day: date) -> str:
    """From start to end, each with its zone's abbreviation and a day mark against `day`."""
    first = f"{clock(start)}{day_mark(start, day)}"
    last = f"{clock(end)}{day_mark(end, day)}"
    if (start.tzname(), start.utcoffset()) == (end.tzname(), end.utcoffset()):
        return f"{first}–{last} {start.tzname()}"
    return f"{first} {start.tzname()} → {last} {end.tzname()}"


def at_home(start: datetime, end: datetime, day: date, zones: tuple[str, ...]) -> str:
    """The same times in each home zone that reads them otherwise than where it happens, each reading once ("" none)."""
    readings = (span(start.astimezone(ZoneInfo(zone)), end.astimezone(ZoneInfo(zone)), day) for zone in zones
                if not (same_clock(start, zone) and same_clock(end, zone)))
    return " · ".join(dict.fromkeys(readings))


def same_clock(moment: datetime, zone_name: str) -> bool:
    """Whether `moment` reads the same in `zone_name` as where it happens (Madrid beside Paris: no home time needed)."""
    return moment.astimezone(ZoneInfo(zone_name)).utcoffset() == moment.utcoffset()


def heading(day: date) -> str:
    """A day's heading: "Monday 10 May 2027"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _said(entry: BookletEntry) -> dict[str, object]:
    """What an entry says, its mark aside; `who` only when set, so an entry printed before booklets named
    whom an entry is for keeps its digest and is not marked changed for that alone."""
    said = {**asdict(entry), "changed": False}
    if not entry.who:
        del said["who"]
    return said


def versioned(booklet: BookletData, made: datetime) -> BookletData:
    """The booklet stamped with when it was made and a digest of what it says (marks aside)."""
    days = [{**asdict(day), "entries": [_said(e) for e in day.entries]} for day in booklet.days]
    digest = _digest({**asdict(booklet), "days": days, "version": "", "changes": ""})[:8]
    return replace(booklet, version=f"Version {made:%Y-%m-%d %H:%M} UTC · content {digest}")


def entry_marks(booklet: BookletData) -> dict[str, str]:
    """A digest of each entry by its key: what the log keeps, so no entry's text is stored."""
    return {e.key: _digest(_said(e))[:16] for day in booklet.days for e in day.entries}


def marked(booklet: BookletData, last: tuple[str, dict[str, str]] | None) -> BookletData:
    """The booklet with each entry new or different since the `last` version (its stamp, its marks) marked."""
    if last is None:
        return booklet
    version, before = last
    now = entry_marks(booklet)
    days = [replace(day, entries=[replace(e, changed=before.get(e.key) != now[e.key]) for e in day.entries])
            for day in booklet.days]
    changed = sum(e.changed for day in days for e in day.entries)
    gone = len(before.keys() - now.keys())
    if not changed and not gone:
        return replace(booklet, days=days, changes=f"Nothing changed since {version}.")
    removed = f"; {gone} entr{'y' if gone == 1 else 'ies'} of it no longer here" if gone else ""
    return replace(booklet, days=days, changes=f"CHANGED marks what is new or different since {version}{removed}.")


def file_name(code: str, subject: str, taken: set[str]) -> str:
    """A safe file name for a booklet ("itinerary-CODE-Group-A.pdf"), made unique among `taken` (and added to it)."""
    stem = safe_stem(f"itinerary {code} {subject}")
    name, n = f"{stem}.pdf", 1
    while name.casefold() in taken:
        n += 1
        name = f"{stem}-{n}.pdf"
    taken.add(name.casefold())
    return name
