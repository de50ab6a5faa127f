"""Dates and times as the tools people use write them, read into local values.

Zoom writes "Mar 22, 2025 19:13:27" and "11/19/2021 10:00:00 AM", Teams
"4/17/23, 7:29:57 PM" (US) or "14/11/22, 09:30:46" (day first), Japanese
rosters "2026/10/18" or era dates "令和4年11月20日", Excel real date cells.
Whether a slashed date puts the day or the month first is decided per column
(`day_first`), since "4/5/23" alone cannot say.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, timezone

_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867, "R": 2018, "H": 1988, "S": 1925}
_ERA = re.compile(r"^(令和|平成|昭和|大正|明治|[RHS])\s*(元|\d{1,2})\s*[年./]\s*(\d{1,2})\s*[月./]\s*(\d{1,2})\s*日?$")
_KANJI_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$")
_SLASHED = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?$")
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_NAMED = re.compile(r"^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_DAY_NAMED = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:of\s+)?([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})$")
# A weekday beside a date: "4月3日(金)", "2026/4/3（金）", "Fri 3 April 2026", "Friday, April 3, 2026".
_WEEKDAY = re.compile(r"\s*[(（][月火水木金土日][)）]|\s*\((?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\)"
                      r"|^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
_OFFSET_SUFFIX = re.compile(r"\s*(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$")
# Abbreviations such as CST or IST name several zones, so they are dropped and the
# time read in the event's zone; an explicit GMT/UTC offset is kept.
_ZONE_NAME_SUFFIX = re.compile(r"\s+[A-Z]{3,4}$")
NO_VALUE = {"", "--", "-", "n/a", "na", "none"}


def _year(y: int) -> int:
    return y + 2000 if y < 100 else y


def _plain(text: str) -> str:
    """The text with full-width digits made plain and a weekday beside the date left out."""
    return _WEEKDAY.sub("", unicodedata.normalize("NFKC", text)).strip()


def parse_date_text(text: str, day_first: bool = False) -> date:
    """A calendar date in any of the supported forms; ValueError saying what was expected."""
    t = _plain(text)
    if m := _ERA.match(t):
        year = 1 if m.group(2) == "元" else int(m.group(2))
        return date(_ERAS[m.group(1)] + year, int(m.group(3)), int(m.group(4)))
    if m := _KANJI_DATE.match(t):
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _NAMED.match(t):
        month = _MONTHS.get(m.group(1).lower())
        if month:
            return date(int(m.group(3)), month, int(m.group(2)))
    if m := _DAY_NAMED.match(t):
        month = _MONTHS.get(m.group(2).lower())
        if month:
            return date(int(m.group(3)), month, int(m.group(1)))
    if m := _SLASHED.match(t):
        a, b, c = (int(x) for x in m.groups())
        if len(m.group(1)) == 4:  # 2026/10/18, ISO
            return date(a, b, c)
        if day_first:
            return date(_year(c), b, a)
        return date(_year(c), a, b)
    raise ValueError(f"{text!r} is not a date (expected e.g. 2026-10-18, 18/10/2026, Oct 18, 2026, 18 October 2026, "
                     "令和8年10月18日 or R8.10.18)")


def travel_date(value: object, day_first: bool = False, around: date | None = None) -> date | datetime:
    """An arrival or departure cell: a date (or a date and time when the cell has one); ValueError when it is not.

    A date without its year ("4月3日", "3 April") is taken in the year that puts it nearest `around` (the event's start).
    """
    if isinstance(value, datetime):
        return value.date() if value.time() == time() else value
    if isinstance(value, date):
        return value
    text = _plain(str(value))
    month_day = _month_day(text, day_first)
    if month_day is not None and around is not None:
        return _nearest(*month_day, around)
    parsed = parse_datetime_value(text, day_first)
    if parsed is None:
        raise ValueError(f"{value!r} is not a date")
    return travel_date(parsed.replace(tzinfo=None) if isinstance(parsed, datetime) else parsed)


_MONTH_DAY = re.compile(r"^(\d{1,2})\s*月\s*(\d{1,2})\s*日?$")
_SLASHED_DAY = re.compile(r"^(\d{1,2})/(\d{1,2})$")
_NAMED_DAY = re.compile(r"^(?:([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:of\s+)?([A-Za-z]{3})[a-z]*\.?)$")


def _month_day(text: str, day_first: bool) -> tuple[int, int] | None:
    """(month, day) of a date written without its year, or None."""
    if m := _MONTH_DAY.match(text):
        return int(m.group(1)), int(m.group(2))
    if m := _SLASHED_DAY.match(text):
        a, b = int(m.group(1)), int(m.group(2))
        return (b, a) if day_first else (a, b)
    if (m := _NAMED_DAY.match(text)) and (month := _MONTHS.get((m.group(1) or m.group(4)).lower())):
        return month, int(m.group(2) or m.group(3))
    return None


def _nearest(month: int, day: int, around: date) -> date:
    """The date with this month and day nearest `around` (a December arrival for a January visit is the year before)."""
    candidates = []
    for year in (around.year - 1, around.year, around.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue  # 29 February, in the years without it
    if not candidates:
        raise ValueError(f"month {month}, day {day} is not a day of the year")
    return min(candidates, key=lambda d: abs((d - around).days))


def _parse_time(text: str) -> time:
    m = _TIME.match(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not a time of day")
    hour, minute, second = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    if m.group(4):
        pm = m.group(4).lower().startswith("p")
        if not 1 <= hour <= 12:
            raise ValueError(f"{text!r}: hour {hour} with AM/PM")
        hour = hour % 12 + (12 if pm else 0)
    return time(hour, minute, second)


def parse_datetime_value(value: object, day_first: bool = False) -> datetime | date | None:
    """A cell as a naive local datetime (or a date when it has no time); None when empty or '--'.

    A cell that states its offset (ISO `Z` or `+09:00`, `GMT+9`, `UTC`) gives an
    aware datetime instead, since reading it in the event's zone would shift it.
    """
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value
    text = str(value).strip()
    if text.lower() in NO_VALUE:
        return None
    try:
        iso = datetime.fromisoformat(text)
        return iso if "T" in text or " " in text else iso.date()
    except ValueError:
        pass
    offset = _OFFSET_SUFFIX.search(text)
    text = _ZONE_NAME_SUFFIX.sub("", text[: offset.start()] if offset else text)
    date_part, time_part = _split(text)
    try:
        day = parse_date_text(date_part, day_first)
        if not time_part:
            return day
        local = datetime.combine(day, _parse_time(time_part))
        return local.replace(tzinfo=_fixed_offset(offset)) if offset else local
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a date and time (expected e.g. 2026-10-18 09:30, 4/17/23, 7:29:57 PM or Mar 22, 2025 19:13:27)") from exc


def _fixed_offset(match: re.Match[str]) -> timezone:
    """The offset of a 'GMT+9' / 'UTC-03:30' / 'UTC' suffix."""
    sign, hours, minutes = match.groups()
    delta = timedelta(hours=int(hours or 0), minutes=int(minutes or 0))
    return timezone(-delta if sign == "-" else delta)


def _split(text: str) -> tuple[str, str]:
    """'Mar 22, 2025 19:13:27' -> ('Mar 22, 2025', '19:13:27'); '4/17/23, 7:29 PM' -> ('4/17/23', '7:29 PM')."""
    m = re.match(r"^(.*?\d)[,\s]+(\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)$", text)
    if m and not _NAMED.match(text):
        return m.group(1).strip(), m.group(2)
    return text, ""


def day_first(values: Iterable[object], default: bool = False) -> bool:
    """Whether a column's slashed dates put the day first: a value above 12 decides, then AM/PM (US), then `default`."""
    has_ampm = False
    for value in values:
        if not isinstance(value, str):
            continue
        m = re.match(r"^\s*(\d{1,2})[/.](\d{1,2})[/.]\d{2,4}", value)
        if m is None:
            continue
        first, second = int(m.group(1)), int(m.group(2))
        if first > 12:
            return True
        if second > 12:
            return False
        has_ampm = has_ampm or bool(re.search(r"[AaPp]\.?[Mm]\.?\s*$", value))
    return False if has_ampm else default


_DURATION = re.compile(r"^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?$")


def parse_minutes(value: object) -> float | None:
    """'13m 26s', '1h 2m', '59s', 128 or '128' as minutes; None when empty or '--'."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip()
    if text.lower() in NO_VALUE:
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        pass
    m = _DURATION.match(text)
    if not m or not any(m.groups()):
        raise ValueError(f"{value!r} is not a duration (expected minutes, or e.g. 13m 26s)")
    hours, minutes, seconds = (int(g or 0) for g in m.groups())
    return hours * 60 + minutes + seconds / 60
