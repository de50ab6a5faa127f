"""Local times become instants only when they mean exactly one instant."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from iurc_desktop.core import timeutil
from iurc_desktop.core.errors import TimeError


def test_gap_in_brussels_is_refused_with_the_valid_choices() -> None:
    with pytest.raises(TimeError, match="does not exist in Europe/Brussels") as info:
        timeutil.to_utc(datetime(2026, 3, 29, 2, 30), "Europe/Brussels")
    assert "before 02:00" in str(info.value) and "from 03:00" in str(info.value)


def test_fold_in_brussels_needs_an_offset() -> None:
    with pytest.raises(TimeError, match="happens twice"):
        timeutil.to_utc(datetime(2026, 10, 25, 2, 30), "Europe/Brussels")
    first = timeutil.to_utc(datetime(2026, 10, 25, 2, 30), "Europe/Brussels", offset=timedelta(hours=2))
    second = timeutil.to_utc(datetime(2026, 10, 25, 2, 30), "Europe/Brussels", offset=timedelta(hours=1))
    assert first.isoformat() == "2026-10-25T00:30:00+00:00"
    assert second.isoformat() == "2026-10-25T01:30:00+00:00"


def test_unknown_zone_is_named_with_the_nearest_real_one() -> None:
    with pytest.raises(TimeError, match="Europe/Brusels is not a known time zone .did you mean Europe/Brussels"):
        timeutil.zone("Europe/Brusels")
    with pytest.raises(TimeError, match="did you mean Asia/Tokyo"):
        timeutil.zone("Asia/Tokio")
    with pytest.raises(TimeError, match="Mars/Olympus is not a known time zone$"):
        timeutil.zone("Mars/Olympus")


def test_a_region_folder_of_the_zone_database_is_a_time_error_not_a_disk_error() -> None:
    # ZoneInfo("Europe") opens a folder and raises IsADirectoryError, once shown as "check the disk has room"
    with pytest.raises(TimeError, match="Europe is a region, not a time zone: add a city, e.g. Europe/"):
        timeutil.zone("Europe")
    assert not timeutil.is_zone("America/Argentina")


def test_format_local_adds_offset_only_when_ambiguous() -> None:
    instant = timeutil.to_utc(datetime(2026, 10, 25, 2, 30), "Europe/Brussels", offset=timedelta(hours=1))
    assert timeutil.format_local(instant, "Europe/Brussels") == "2026-10-25T02:30+01:00"
    ordinary = timeutil.to_utc(datetime(2026, 10, 26, 9, 0), "Europe/Brussels")
    assert timeutil.format_local(ordinary, "Europe/Brussels") == "2026-10-26T09:00"
