"""Local times read one way everywhere: spans, day shifts, zone abbreviations, journeys between clocks."""

from __future__ import annotations

from datetime import datetime

from iurc_desktop.core import local_times, timeutil


def _at(zone: str, *args: int) -> datetime:
    return timeutil.to_local(timeutil.to_utc(datetime(*args), zone), zone)  # type: ignore[arg-type]


def test_a_span_past_midnight_carries_its_day_shift() -> None:
    start, end = _at("Asia/Tokyo", 2022, 11, 22, 22, 0), _at("Asia/Tokyo", 2022, 11, 23, 1, 30)
    assert local_times.span(start, end) == "22:00–01:30 +1d"
    assert local_times.span_in_zone(start, end) == "22:00–01:30 +1d JST"
    assert local_times.dated_span(start, end) == "2022-11-22 22:00–01:30 +1d JST"


def test_a_journey_reads_each_end_on_its_own_clock() -> None:
    depart = _at("Europe/Paris", 2022, 11, 19, 23, 25)
    arrive = timeutil.to_local(timeutil.to_utc(datetime(2022, 11, 20, 19, 5), "Asia/Tokyo"), "Asia/Tokyo")
    assert local_times.leg_times(depart, arrive) == "23:25 CET → 19:05 JST +1d"
    assert local_times.when(depart, arrive) == "23:25 CET → 19:05 JST +1d"


def test_zones_without_letters_are_named_by_their_offset_minutes_kept() -> None:
    assert local_times.abbreviation(_at("Asia/Dubai", 2026, 1, 5, 9, 0)) == "UTC+04"
    assert local_times.abbreviation(_at("Asia/Kathmandu", 2026, 1, 5, 9, 0)) == "UTC+05:45"
    assert local_times.zone_label("Asia/Tokyo", timeutil.to_utc(datetime(2026, 1, 5, 9), "Asia/Tokyo")) == "Asia/Tokyo (JST)"


def test_another_clock_is_given_only_where_it_reads_differently() -> None:
    start, end = _at("Europe/Brussels", 2026, 3, 26, 10, 0), _at("Europe/Brussels", 2026, 3, 26, 11, 0)
    assert local_times.on_clock(start, end, "Europe/Paris") is None
    tokyo = local_times.on_clock(start, end, "Asia/Tokyo")
    assert tokyo is not None and local_times.span_in_zone(*tokyo) == "18:00–19:00 JST"


def test_a_span_across_a_clock_change_gives_each_end_its_own_offset() -> None:
    zone = "Europe/Brussels"
    spring = (datetime(2026, 3, 29, 0, 30, tzinfo=timeutil.UTC), datetime(2026, 3, 29, 1, 30, tzinfo=timeutil.UTC))
    autumn = (datetime(2026, 10, 25, 0, 30, tzinfo=timeutil.UTC), datetime(2026, 10, 25, 1, 30, tzinfo=timeutil.UTC))
    assert local_times.span_in_zone(*(timeutil.to_local(t, zone) for t in spring)) == "01:30 CET–03:30 CEST"
    assert local_times.span_in_zone(*(timeutil.to_local(t, zone) for t in autumn)) == "02:30 CEST–02:30 CET"


def test_an_instant_on_a_zones_clock_names_the_place_when_one_abbreviation_means_two_zones() -> None:
    at = datetime(2027, 6, 1, 8, 0, tzinfo=timeutil.UTC)
    moment_at = local_times.moment_at
    assert moment_at(at, "Europe/Dublin") == "Tue 1 Jun 2027 09:00 IST (Dublin)"
    assert moment_at(at, "Asia/Kolkata") == "Tue 1 Jun 2027 13:30 IST (Kolkata)"
    assert moment_at(at, "America/Argentina/Buenos_Aires").endswith("(Buenos Aires)")
