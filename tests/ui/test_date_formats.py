"""One way to write dates and times on every screen: the window formats them only through core.local_times.

A page that writes `f"{when:%d/%m %H:%M}"` or `when.strftime(...)` itself drifts
from the rest; these checks read the window's source for such formats.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from iurc_desktop.core import local_times

ROOT = Path(__file__).resolve().parents[2]
UI = sorted((ROOT / "iurc_desktop" / "ui").rglob("*.py"))
STRAY = re.compile(
    r"\{[^{}]*:[^{}]*%[aAbBdHIMmpSyYj][^{}]*\}"  # an f-string format spec with a date directive
    r"|\.(strftime|strptime|isoformat)\("  # the datetime methods
    r"|\.toString\(\s*[\"']"  # QDate/QDateTime/QTime with a format of their own
)


def stray_formats(paths: list[Path]) -> list[str]:
    """Lines that format a date or time themselves."""
    return [f"{_relative(p)}:{n}" for p in paths for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if STRAY.search(line) and not line.lstrip().startswith("#")]


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name


def test_the_window_writes_dates_and_times_only_through_local_times() -> None:
    assert UI and stray_formats(UI) == []


def test_the_checks_find_a_page_that_formats_a_date_itself(tmp_path: Path) -> None:
    planted = tmp_path / "page.py"
    planted.write_text(
        'label = f"{start:%d/%m %H:%M}"\nother = start.strftime("%Y")\nok = f"{count:>4}"\n',
        encoding="utf-8",
    )
    assert stray_formats([planted]) == ["page.py:1", "page.py:2"]


def test_the_formats_read_the_same_everywhere() -> None:
    at = datetime(2022, 11, 22, 9, 30, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert local_times.day(at.date()) == "Tue 22 Nov 2022"
    assert local_times.short_day(at.date()) == "Tue 22 Nov"
    assert local_times.weekday_day(at.date()) == "Tue 22"
    assert local_times.calendar_date(date(2023, 3, 1)) == "1 Mar 2023"
    assert local_times.clock(at) == "09:30"
    assert local_times.moment(at) == "Tue 22 Nov 09:30 JST"
    assert local_times.moment(at, year=True) == "Tue 22 Nov 2022 09:30 JST"
    assert local_times.stamp(at) == "2022-11-22 09:30"
    assert local_times.iso_day(at.date()) == "2022-11-22"
