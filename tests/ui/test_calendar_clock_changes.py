"""A dropped calendar whose times fall on a daylight-saving change: refused whole, both readings listed in a dialog,
imported again with the reading chosen and each item moved shown there; Cancel leaves the event as it was."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from iurc_desktop.core.models import Event, Item

from .test_desktop import config_home, drop, errors  # noqa: F401 - the desktop tests' fixtures


def _calendar(tmp_path: Path) -> Path:
    """A call at 02:30 Brussels time on 25 October 2026 (passed twice) and one on 29 March 2026 (skipped)."""
    path = tmp_path / "night-calls.ics"
    events = [("fold", "20261025T023000", "20261025T033000"), ("gap", "20260329T023000", "20260329T033000")]
    body = "".join(f"BEGIN:VEVENT\r\nUID:{uid}@example.eu\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Night call {uid}\r\n"
                   f"DTSTART;TZID=Europe/Brussels:{start}\r\nDTEND;TZID=Europe/Brussels:{end}\r\nEND:VEVENT\r\n"
                   for uid, start, end in events)
    path.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n{body}END:VCALENDAR\r\n", encoding="utf-8")
    return path


def _night_calls(window) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    with window.db.reading() as s:
        return sorted((i.title, i.start_utc.isoformat(), i.end_utc.isoformat())
                      for i in s.scalars(select(Item).where(Item.title.like("Night call%"))))


def _spanning_2026(window) -> None:  # type: ignore[no-untyped-def]
    """Webinar-test runs all 2026, so that both night calls fall within it (items stay within their event)."""
    with window.db.transaction() as s:
        event = s.scalar(select(Event).where(Event.code == "webinar-test"))
        event.start_date, event.end_date = date(2026, 1, 1), date(2026, 12, 31)


def test_a_dropped_calendar_on_a_clock_change_asks_for_a_reading_and_imports_each_at_its_length(window, qtbot, tmp_path, errors):
    _spanning_2026(window)
    window.open_event("webinar-test")
    drop(window, _calendar(tmp_path))
    qtbot.waitUntil(lambda: getattr(window, "clock_dialog", None) is not None and window.clock_dialog.isVisible(), timeout=10000)
    dialog = window.clock_dialog
    assert errors == [] and _night_calls(window) == []  # refused whole: nothing imported yet
    cells = [[dialog.table.item(r, c).text() for c in range(5)] for r in range(dialog.table.rowCount())]
    assert cells == [
        ["night-calls.ics, entry 1 (Night call fold)", "start", "02:30 on Sun 25 Oct 2026 happens twice in Europe/Brussels",
         "02:30 CEST (00:30 UTC)", "02:30 CET (01:30 UTC)"],
        ["night-calls.ics, entry 2 (Night call gap)", "start", "02:30 on Sun 29 Mar 2026 does not exist in Europe/Brussels",
         "01:30 CET (00:30 UTC)", "03:30 CEST (01:30 UTC)"],
    ]

    dialog.earlier.setFocus()
    qtbot.keyClick(dialog.earlier, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.outcome.isVisible(), timeout=10000)
    assert _night_calls(window) == [
        ("Night call fold", "2026-10-25T00:30:00+00:00", "2026-10-25T01:30:00+00:00"),
        ("Night call gap", "2026-03-29T00:30:00+00:00", "2026-03-29T01:30:00+00:00"),
    ]
    moved = dialog.outcome.text()
    assert "Night call fold), start: 02:30 on Sun 25 Oct 2026 happens twice in Europe/Brussels; the earlier reading:" \
           " now 02:30 CEST → 02:30 CET (00:30–01:30 UTC), 1 h as before" in moved
    assert "Night call gap), start: 02:30 on Sun 29 Mar 2026 does not exist in Europe/Brussels; the earlier reading:" in moved
    assert "2 added" in dialog.about.text() and not dialog.later.isVisible() and errors == []


def test_cancelling_the_choice_imports_nothing(window, qtbot, tmp_path, errors):
    window.open_event("webinar-test")
    drop(window, _calendar(tmp_path))
    qtbot.waitUntil(lambda: getattr(window, "clock_dialog", None) is not None and window.clock_dialog.isVisible(), timeout=10000)
    qtbot.keyClick(window.clock_dialog, Qt.Key.Key_Escape)
    assert not window.clock_dialog.isVisible()
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10000)
    assert _night_calls(window) == [] and errors == []
