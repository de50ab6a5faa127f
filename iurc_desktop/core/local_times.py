"""Local times as people read them, written one way on every screen, on the command line and in e-mails.

Values are timezone-aware local datetimes (see `timeutil.to_local`). A span that
ends on a later local date carries a day shift, ' +1d'; a zone is named by the
abbreviation in force ('JST', 'CEST'), or by its offset where the zone has no
letters for it ('UTC+03').
"""

from __future__ import annotations

from datetime import date, datetime

from . import timeutil


def day(value: date) -> str:
    """'Tue 22 Nov 2022': a weekday helps people place a day of a trip."""
    return f"{value:%a} {value.day} {value:%b %Y}"


def short_day(value: date) -> str:
    """'Mon 21 Nov': a day within an event whose dates are shown above it."""
    return f"{value:%a} {value.day} {value:%b}"


def weekday_day(value: date) -> str:
    """'Mon 21': a day in a narrow place (a timeline's or a clock strip's day marks) under dates shown in full."""
    return f"{value:%a} {value.day}"


def iso_day(value: date) -> str:
    """'2022-11-21': a date as people type it and the programme file writes it (records, columns that sort)."""
    return value.isoformat()


def clock(value: datetime) -> str:
    """'09:30': a time of day on a 24-hour clock."""
    return f"{value:%H:%M}"


def moment(value: datetime, *, year: bool = False) -> str:
    """'Mon 21 Nov 09:30 JST' ('Mon 21 Nov 2022 09:30 JST' with `year`): a day and a time on the clock of its zone."""
    return f"{day(value.date()) if year else short_day(value.date())} {clock(value)} {abbreviation(value)}"


def stamp(value: datetime) -> str:
    """'2022-11-22 09:30': when something was recorded, in a column that sorts by its text."""
    return f"{value:%Y-%m-%d} {clock(value)}"


def calendar_date(value: date) -> str:
    """'1 Mar 2023': a date that is not a day of a programme (a passport's expiry)."""
    return f"{value.day} {value:%b %Y}"


def date_range(start: date, end: date) -> str:
    """'20–26 Nov 2022', '30 Nov – 2 Dec 2022', '9 Apr 2026': compact inclusive local dates."""
    if start == end:
        return calendar_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def abbreviation(value: datetime) -> str:
    """'JST', or 'UTC+03' ('UTC+05:30') where the zone has no letters for its offset."""
    name = value.tzname() or ""
    return name if name and not name.startswith(("+", "-")) else f"UTC{timeutil.format_offset(value.utcoffset()).removesuffix(':00')}"


def day_shift(days: int) -> str:
    """' +1d' (or ' -1d') for a time on another local date than the one it is read against; '' for none."""
    return f" {days:+d}d" if days else ""


def span(start: datetime, end: datetime) -> str:
    """'09:30–12:00', with ' +1d' when the end falls on a later local date."""
    return f"{clock(start)}–{clock(end)}{day_shift((end.date() - start.date()).days)}"


def span_in_zone(start: datetime, end: datetime) -> str:
    """'09:30–12:00 JST': a span on one clock, with its zone; each end with its own offset across a clock change.

    An hour across the spring change reads '01:30 CET–03:30 CEST', not '01:30–03:30 CET' (two hours).
    """
    if start.utcoffset() != end.utcoffset():
        shift = day_shift((end.date() - start.date()).days)
        return f"{clock(start)} {abbreviation(start)}–{clock(end)} {abbreviation(end)}{shift}"
    return f"{span(start, end)} {abbreviation(start)}"


def leg_times(start: datetime, end: datetime) -> str:
    """'23:25 CET → 19:05 JST +1d': each end on its own clock, the day shift by local dates."""
    shift = day_shift((end.date() - start.date()).days)
    return f"{clock(start)} {abbreviation(start)} → {clock(end)} {abbreviation(end)}{shift}"


def when(start: datetime, end: datetime) -> str:
    """A span on one clock, or a journey between two ('23:25 CET → 19:05 JST +1d')."""
    if start.utcoffset() == end.utcoffset() and abbreviation(start) == abbreviation(end):
        return span_in_zone(start, end)
    return leg_times(start, end)


def dated_span(start: datetime, end: datetime) -> str:
    """'2022-11-22 09:30–12:00 JST'."""
    return f"{start:%Y-%m-%d} {span_in_zone(start, end)}"


def moment_at(at: datetime, zone_name: str) -> str:
    """'Mon 7 Nov 2022 09:00 IST (Dublin)': an instant on a zone's clock, with the zone's place, since one
    abbreviation can name two zones (IST: Dublin's summer, India)."""
    place = zone_name.rsplit("/", 1)[-1].replace("_", " ")
    return f"{moment(timeutil.to_local(at, zone_name), year=True)} ({place})"


def zone_label(zone_name: str, at: datetime) -> str:
    """'Asia/Tokyo (JST)', with the abbreviation in force at `at`."""
    return f"{zone_name} ({abbreviation(timeutil.to_local(at, zone_name))})"


def on_clock(start: datetime, end: datetime, zone_name: str) -> tuple[datetime, datetime] | None:
    """The span on another zone's clock, or None where that clock reads the same as the span's own."""
    mine_start, mine_end = timeutil.to_local(start, zone_name), timeutil.to_local(end, zone_name)
    if mine_start.utcoffset() == start.utcoffset() and mine_end.utcoffset() == end.utcoffset():
        return None
    return mine_start, mine_end
