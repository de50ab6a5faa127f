"""Times as people read them on screen: in the event's zone, with the viewer's own zone beside."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QTimeZone

from ..core import timeutil


def system_zone() -> str:
    """The IANA zone of this computer, or UTC when the system does not say."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    return name if name and timeutil.is_zone(name) else "UTC"


def day(value: date) -> str:
    """'Tue 22 Nov 2022': a weekday helps people place a day of a trip."""
    return f"{value:%a} {value.day} {value:%b %Y}"


def date_range(start: date, end: date) -> str:
    """'20–26 Nov 2022', '30 Nov – 2 Dec 2022', '9 Apr 2026': compact inclusive local dates."""
    if start == end:
        return f"{start.day} {start:%b %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def short_day(value: date) -> str:
    """'Mon 21 Nov': a day within an event whose dates are shown above it."""
    return f"{value:%a} {value.day} {value:%b}"


def span(start: datetime, end: datetime) -> str:
    """'09:30–12:00', with the end's date marked when it falls on a later day."""
    text = f"{start:%H:%M}–{end:%H:%M}"
    days = (end.date() - start.date()).days
    return text + (f" (+{days}d)" if days else "")


def zone_label(zone_name: str, at: datetime) -> str:
    """'Asia/Tokyo (JST)', with the abbreviation in force at `at`."""
    abbreviation = timeutil.to_local(at, zone_name).tzname() or ""
    shown = abbreviation if abbreviation and not abbreviation.startswith(("+", "-")) else f"UTC{timeutil.format_offset(timeutil.to_local(at, zone_name).utcoffset())}"
    return f"{zone_name} ({shown})"


def viewer_span(start: datetime, end: datetime, viewer_zone: str) -> str:
    """The same span on the viewer's clock, or '' when it reads the same as the local one."""
    mine_start = timeutil.to_local(start, viewer_zone)
    mine_end = timeutil.to_local(end, viewer_zone)
    if mine_start.replace(tzinfo=None) == start.replace(tzinfo=None) and mine_end.replace(tzinfo=None) == end.replace(tzinfo=None):
        return ""
    text = span(mine_start, mine_end)
    if mine_start.date() != start.date():
        text += f" on {mine_start:%a} {mine_start.day} {mine_start:%b}"
    return text
