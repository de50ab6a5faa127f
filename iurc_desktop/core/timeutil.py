"""Time zones and local times: the one place where wall-clock times become instants.

Instants are always timezone-aware UTC datetimes. A local time is a naive
datetime *plus* an IANA zone name; it crosses no layer border on its own.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .errors import TimeError

UTC = timezone.utc


@lru_cache(maxsize=512)
def zone(name: str) -> ZoneInfo:
    """Return the IANA zone `name`, or raise TimeError naming it."""
    if not name or not isinstance(name, str) or name.strip() != name:
        raise TimeError(f"{name!r} is not a time zone name (expected an IANA name such as Europe/Brussels)")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe" names a folder of the zone database
        inside = sorted(z for z in available_timezones() if z.startswith(name.rstrip("/") + "/"))
        if inside:
            raise TimeError(f"{name} is a region, not a time zone: add a city, e.g. {inside[0]}") from None
        hint = _suggest_zone(name)
        raise TimeError(f"{name} is not a known time zone" + (f" (did you mean {hint}?)" if hint else "")) from None


def is_zone(name: str) -> bool:
    try:
        zone(name)
    except TimeError:
        return False
    return True


def _suggest_zone(name: str) -> str | None:
    """The nearest IANA name to a mistyped one (case, spaces, a letter or two off)."""
    wanted = name.strip().lower().replace(" ", "_")
    names = sorted(available_timezones())
    by_lower = {n.lower(): n for n in names}
    if wanted in by_lower:
        return by_lower[wanted]
    city = wanted.split("/")[-1]
    same_city = [n for n in names if n.lower().split("/")[-1] == city]
    if same_city:
        return same_city[0]
    close = difflib.get_close_matches(wanted, list(by_lower), n=1, cutoff=0.8)
    return by_lower[close[0]] if close else None


@dataclass(frozen=True)
class LocalChoice:
    """One valid reading of an ambiguous or skipped local time."""

    instant: datetime  # aware UTC
    local: datetime  # aware, in the zone
    label: str  # e.g. "02:30 CEST (UTC+02:00)"


def _label(local: datetime) -> str:
    off = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()} (UTC{off[:3]}:{off[3:]})"


def local_choices(naive: datetime, zone_name: str) -> list[LocalChoice]:
    """All instants the wall-clock time `naive` can mean in the zone: one, two (fold) or none (gap)."""
    tz = zone(zone_name)
    seen: dict[datetime, LocalChoice] = {}
    for fold in (0, 1):
        aware = naive.replace(tzinfo=tz, fold=fold)
        instant = aware.astimezone(UTC)
        if instant.astimezone(tz).replace(tzinfo=None) == naive:  # round-trips: the time exists
            seen.setdefault(instant, LocalChoice(instant, instant.astimezone(tz), _label(instant.astimezone(tz))))
    return sorted(seen.values(), key=lambda c: c.instant)


def to_utc(naive: datetime, zone_name: str, *, offset: timedelta | None = None) -> datetime:
    """Convert a local wall-clock time in `zone_name` to an aware UTC instant.

    A time in a DST gap is refused; an ambiguous time (DST fold) is refused unless
    `offset` picks one of its readings. The message names the valid choices.
    """
    if naive.tzinfo is not None:
        raise TypeError("to_utc takes a naive local time and a zone name")
    choices = local_choices(naive, zone_name)
    if offset is not None:
        for choice in choices:
            if choice.local.utcoffset() == offset:
                return choice.instant
        raise TimeError(f"{naive:%Y-%m-%d %H:%M} in {zone_name} never has the offset {format_offset(offset)}")
    if len(choices) == 1:
        return choices[0].instant
    if not choices:
        jump_from, jump_to = _gap_bounds(naive, zone_name)
        raise TimeError(
            f"{naive:%Y-%m-%d %H:%M} does not exist in {zone_name}: the clocks jump from {jump_from:%H:%M}"
            f" to {jump_to:%H:%M} (daylight saving). Choose a time before {jump_from:%H:%M} or from {jump_to:%H:%M} on."
        )
    options = " or ".join(c.label for c in choices)
    raise TimeError(
        f"{naive:%Y-%m-%d %H:%M} happens twice in {zone_name} (the clocks go back):"
        f" say which one, {options}, by writing the offset, e.g. {naive:%Y-%m-%dT%H:%M}{format_offset(choices[0].local.utcoffset())}"
    )


def _gap_bounds(naive: datetime, zone_name: str) -> tuple[datetime, datetime]:
    """The wall-clock times just before and after the transition that skips `naive`."""
    tz = zone(zone_name)
    low = naive.replace(tzinfo=tz, fold=1).astimezone(UTC)  # read with the later offset: before the jump
    high = naive.replace(tzinfo=tz, fold=0).astimezone(UTC)
    low, high = min(low, high), max(low, high)
    step = timedelta(minutes=1)
    while high - low > step:  # offsets differ across the jump; bisect to the minute
        mid = low + (high - low) / 2
        if mid.astimezone(tz).utcoffset() == low.astimezone(tz).utcoffset():
            low = mid
        else:
            high = mid
    after = high.astimezone(tz)
    before = after.replace(tzinfo=None) - (after.utcoffset() - low.astimezone(tz).utcoffset())  # type: ignore[operator]
    return before, after.replace(tzinfo=None)


def to_local(instant: datetime, zone_name: str) -> datetime:
    """An aware UTC instant as an aware datetime in the zone."""
    if instant.tzinfo is None:
        raise TypeError("to_local takes an aware instant")
    return instant.astimezone(zone(zone_name))


def is_ambiguous(naive: datetime, zone_name: str) -> bool:
    return len(local_choices(naive, zone_name)) > 1


def format_offset(offset: timedelta | None) -> str:
    if offset is None:
        return ""
    total = int(offset.total_seconds())
    sign = "+" if total >= 0 else "-"
    total = abs(total)
    return f"{sign}{total // 3600:02d}:{total % 3600 // 60:02d}"


def local_text(naive: datetime, offset: timedelta | None = None) -> str:
    """A local time as the programme file writes it (what `parse_local` reads): the offset only to pick a fold's reading."""
    return naive.isoformat(timespec="minutes") + format_offset(offset)


def aware_text(local: datetime) -> str:
    """An aware time in its own zone as the programme file writes it, its offset kept (a fold's reading)."""
    return local_text(local.replace(tzinfo=None), local.utcoffset())


def date_text(value: date) -> str:
    """A calendar date as the programme file writes it (what `parse_date` reads)."""
    return value.isoformat()


def parse_local(text: str) -> tuple[datetime, timedelta | None]:
    """Parse 'YYYY-MM-DDTHH:MM[:SS][±HH:MM]' into a naive local time and an optional offset.

    Raises ValueError with a short reason; callers add the path of the value.
    """
    if not isinstance(text, str):
        raise ValueError(f"{text!r} is not a local date and time (expected YYYY-MM-DDTHH:MM)")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text} is not a date and time (expected YYYY-MM-DDTHH:MM)") from None
    if "T" not in text and " " not in text:
        raise ValueError(f"{text} has no time of day (expected YYYY-MM-DDTHH:MM)")
    offset = parsed.utcoffset()
    return parsed.replace(tzinfo=None), offset


def parse_date(text: str) -> date:
    if not isinstance(text, str):
        raise ValueError(f"{text!r} is not a date (expected YYYY-MM-DD)")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text} is not a date (expected YYYY-MM-DD)") from None


def format_local(instant: datetime, zone_name: str) -> str:
    """Programme-file form of an instant: local time in the zone, with the offset only where ambiguous."""
    local = to_local(instant, zone_name)
    naive = local.replace(tzinfo=None)
    text = naive.isoformat(timespec="minutes") if naive.second == 0 else naive.isoformat(timespec="seconds")
    if is_ambiguous(naive, zone_name):
        text += format_offset(local.utcoffset())
    return text


def utc_now() -> datetime:
    return datetime.now(UTC)
