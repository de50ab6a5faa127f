"""How times read on screen: local spans, the viewer's clock beside them, compact dates."""

from __future__ import annotations

from datetime import date, datetime

from iurc_desktop.core import local_times
from iurc_desktop.core.timeutil import to_local, to_utc
from iurc_desktop.ui import localtime


def local(text: str, zone: str) -> datetime:
    return to_local(to_utc(datetime.fromisoformat(text), zone), zone)


def test_viewer_span_names_the_viewers_day_when_it_differs():
    start, end = local("2026-04-09T08:00", "Pacific/Auckland"), local("2026-04-09T09:30", "Pacific/Auckland")
    assert localtime.viewer_span(start, end, "Europe/Brussels") == "22:00–23:30 on Wed 8 Apr"


def test_viewer_span_is_empty_when_the_clock_reads_the_same():
    start, end = local("2022-11-22T09:30", "Asia/Tokyo"), local("2022-11-22T12:00", "Asia/Tokyo")
    assert localtime.viewer_span(start, end, "Asia/Seoul") == ""


def test_span_marks_an_end_on_a_later_day():
    start, end = local("2022-11-19T23:25", "Europe/Paris"), local("2022-11-20T06:05", "Europe/Paris")
    assert local_times.span(start, end) == "23:25–06:05 +1d"


def test_zone_label_uses_the_abbreviation_in_force_or_the_offset():
    winter = to_utc(datetime(2026, 1, 15, 12), "Europe/Brussels")
    summer = to_utc(datetime(2026, 7, 15, 12), "Europe/Brussels")
    assert local_times.zone_label("Europe/Brussels", winter) == "Europe/Brussels (CET)"
    assert local_times.zone_label("Europe/Brussels", summer) == "Europe/Brussels (CEST)"
    assert local_times.zone_label("America/Sao_Paulo", winter) == "America/Sao_Paulo (UTC-03)"


def test_date_range_is_compact():
    assert local_times.date_range(date(2022, 11, 20), date(2022, 11, 26)) == "20–26 Nov 2022"
    assert local_times.date_range(date(2022, 11, 30), date(2022, 12, 2)) == "30 Nov – 2 Dec 2022"
    assert local_times.date_range(date(2026, 12, 30), date(2027, 1, 2)) == "30 Dec 2026 – 2 Jan 2027"
    assert local_times.date_range(date(2026, 4, 9), date(2026, 4, 9)) == "9 Apr 2026"
