"""VTIMEZONE building: Outlook-style yearly rules where possible, exact explicit observances otherwise."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from dateutil.rrule import rrulestr

from iurc_desktop.core import timeutil
from iurc_desktop.core.errors import TimeError
from iurc_desktop.exchange.ics.timezones import transitions, vtimezone

UTC = timezone.utc
ZONES = (
    "Europe/Brussels", "Europe/London", "Europe/Dublin", "Asia/Tokyo", "Asia/Seoul", "Pacific/Auckland", "Australia/Sydney",
    "Australia/Lord_Howe", "America/New_York", "America/Sao_Paulo", "Africa/Casablanca", "Asia/Kolkata", "America/Santiago",
)


def onsets(component, first: datetime, last: datetime) -> list[tuple[datetime, timedelta]]:  # type: ignore[no-untyped-def]
    """Evaluate a VTIMEZONE ourselves: every observance onset (as a UTC instant) with the offset it sets."""
    found = []
    for part in component.walk():
        if part.name not in ("STANDARD", "DAYLIGHT"):
            continue
        start = part["DTSTART"].dt
        before, after = part["TZOFFSETFROM"].td, part["TZOFFSETTO"].td
        walls = [start]
        if "RRULE" in part:
            walls = list(rrulestr(part["RRULE"].to_ical().decode(), dtstart=start).between(start, last.replace(tzinfo=None), inc=True))
        found += [(wall.replace(tzinfo=UTC) - before, after) for wall in walls]
    return sorted(found)


def offset_at(component, instant: datetime) -> timedelta:  # type: ignore[no-untyped-def]
    active = [off for at, off in onsets(component, instant, instant + timedelta(days=400)) if at <= instant]
    assert active, f"no observance covers {instant}"
    return active[-1]


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("year", (2022, 2026))
def test_vtimezone_rules_give_zoneinfo_offsets_every_six_hours_of_the_year(zone: str, year: int) -> None:
    component = vtimezone(zone, year, year)
    tz = timeutil.zone(zone)
    moment = datetime(year, 1, 1, tzinfo=UTC)
    while moment.year == year:
        assert offset_at(component, moment) == moment.astimezone(tz).utcoffset(), (zone, moment)
        moment += timedelta(hours=6)


@pytest.mark.parametrize("zone", ZONES)
def test_vtimezone_offsets_match_zoneinfo_around_every_transition(zone: str) -> None:
    component = vtimezone(zone, 2025, 2027)
    tz = timeutil.zone(zone)
    for change in transitions(zone, 2025, 2027):
        for instant in (change.at - timedelta(seconds=1), change.at):
            assert offset_at(component, instant) == instant.astimezone(tz).utcoffset(), (zone, instant)


@pytest.mark.parametrize("zone", ("Europe/Brussels", "Pacific/Auckland", "America/New_York", "Australia/Sydney", "Europe/London"))
def test_zones_with_yearly_rules_get_one_standard_and_one_daylight_with_rrule(zone: str) -> None:
    """The Outlook form: no RDATE lists, one STANDARD and one DAYLIGHT, each with a yearly RRULE, no COMMENT."""
    component = vtimezone(zone, 2022, 2026)
    parts = [p for p in component.walk() if p.name in ("STANDARD", "DAYLIGHT")]
    assert sorted(p.name for p in parts) == ["DAYLIGHT", "STANDARD"]
    assert all("RRULE" in p and "RDATE" not in p for p in parts)
    assert b"COMMENT" not in component.to_ical()


def test_auckland_rules_are_first_sunday_of_april_and_last_sunday_of_september() -> None:
    text = vtimezone("Pacific/Auckland", 2026, 2026).to_ical().decode()
    assert "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4" in text
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=9" in text


def test_zone_without_changes_gets_a_single_standard_observance() -> None:
    parts = [p for p in vtimezone("Asia/Tokyo", 2022, 2022).walk() if p.name in ("STANDARD", "DAYLIGHT")]
    assert [p.name for p in parts] == ["STANDARD"]
    assert parts[0]["TZOFFSETTO"].td == timedelta(hours=9)


def test_irregular_zone_falls_back_to_explicit_observances_without_rrule() -> None:
    """Casablanca suspends its offset for Ramadan: no yearly rule, so one dated observance per change."""
    parts = [p for p in vtimezone("Africa/Casablanca", 2026, 2026).walk() if p.name in ("STANDARD", "DAYLIGHT")]
    assert len(parts) > 2
    assert all("RRULE" not in p for p in parts)


def test_vtimezone_is_cached_per_zone_and_years() -> None:
    assert vtimezone("Europe/Paris", 2024, 2024) is vtimezone("Europe/Paris", 2024, 2024)


def test_unknown_zone_is_a_time_error() -> None:
    with pytest.raises(TimeError, match="not a known time zone"):
        vtimezone("Europe/Atlantis", 2026, 2026)
