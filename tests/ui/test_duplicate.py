"""Duplicate an event from the Event menu: new code and day, warnings for DST gaps shown, undo deletes the copy."""

from __future__ import annotations

import pytest

from datetime import date

from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from iurc_desktop.core.models import Event

from .conftest import _item


@pytest.fixture(autouse=True)
def errors(monkeypatch):
    """Errors the window would show in a dialog, collected instead (a modal box would stop the test)."""
    shown: list[BaseException] = []
    monkeypatch.setattr("iurc_desktop.ui.shell.main_window.show_error", lambda parent, exc: shown.append(exc))
    return shown


def codes(db):
    with db.reading() as s:
        return set(s.scalars(select(Event.code)))


def _night_call(sample_db, start: str = "2026-03-26T02:30", end: str = "2026-03-26T03:30") -> None:  # type: ignore[no-untyped-def]
    """A one-hour call at 02:30 Brussels time, to copy onto a day the clocks change."""
    with sample_db.transaction() as s:
        webinar = s.scalar(select(Event).where(Event.code == "webinar-test"))
        s.add(_item(webinar, "night", "Call with Auckland", start, end, "Europe/Brussels", kind="session"))


def _night_span(db, code: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    from iurc_desktop.core.models import Item

    with db.reading() as s:
        item = s.scalar(select(Item).join(Event).where(Event.code == code, Item.key == "night"))
        return item.start_utc.isoformat(), item.end_utc.isoformat()


def _open_duplicate(window, day: QDate):  # type: ignore[no-untyped-def]
    window.open_event("webinar-test")
    window.menu_actions["duplicate"].trigger()
    dialog = window.duplicate_dialog
    dialog.new_code.setText("webinar-2027")
    dialog.new_start.setDate(day)
    dialog.with_participants.setChecked(True)
    return dialog


def test_duplicate_onto_a_gap_lists_the_item_with_both_readings_and_the_later_keeps_its_hour(window, sample_db, errors, qtbot):
    from iurc_desktop.ui.dialogs.clock_changes import ClockChangeDialog
    from iurc_desktop.ui.dialogs.duplicate_dialog import DuplicateDialog

    _night_call(sample_db)  # 02:30 on a Thursday; onto 28 March 2027 the clocks jump over it
    dialog = _open_duplicate(window, QDate(2027, 3, 28))
    assert isinstance(dialog, DuplicateDialog)
    dialog.go.click()

    assert codes(sample_db) == {"r2r-test", "webinar-test"} and window.undo_stack.count() == 0  # nothing copied yet
    assert errors == [] and "Nothing was copied" in dialog.outcome.text()
    choice = dialog.clock_dialog
    assert isinstance(choice, ClockChangeDialog) and choice.isVisible()
    table = choice.table
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in range(5)] == [
        "Call with Auckland (night)", "start", "02:30 on Sun 28 Mar 2027 does not exist in Europe/Brussels",
        "01:30 CET (00:30 UTC)", "03:30 CEST (01:30 UTC)"]
    assert choice.later.text() == "Take the &later readings"  # Alt+L, or Tab to it and Space
    choice.later.setFocus()
    qtbot.keyClick(choice.later, Qt.Key.Key_Space)

    assert "webinar-2027" in codes(sample_db)
    assert _night_span(sample_db, "webinar-2027") == ("2027-03-28T01:30:00+00:00", "2027-03-28T02:30:00+00:00")
    text = dialog.outcome.text()
    assert "Created <b>webinar-2027</b>: 2 items, 1 participants invited." in text
    assert "Call with Auckland (night), start: 02:30 on Sun 28 Mar 2027 does not exist in Europe/Brussels; the later" \
           " reading: now 03:30–04:30 CEST (01:30–02:30 UTC), 1 h as before" in text
    assert window.current_page_key() == "event" and window.event_page.code == "webinar-2027"
    assert window.undo_action.text() == "&Undo Duplicate webinar-test as webinar-2027"

    window.undo_stack.undo()
    assert codes(sample_db) == {"r2r-test", "webinar-test"}
    assert window.current_page_key() == "events" and errors == []  # the copy's page was left, no error shown
    window.undo_stack.redo()
    assert _night_span(sample_db, "webinar-2027") == ("2027-03-28T01:30:00+00:00", "2027-03-28T02:30:00+00:00")


def test_duplicate_onto_a_fold_takes_the_earlier_reading_or_nothing_on_cancel(window, sample_db, errors, qtbot):
    _night_call(sample_db)  # onto 31 October 2027 the clocks pass 02:30 twice
    dialog = _open_duplicate(window, QDate(2027, 10, 31))
    dialog.go.click()
    choice = dialog.clock_dialog
    assert [choice.table.item(0, c).text() for c in (2, 3, 4)] == [
        "02:30 on Sun 31 Oct 2027 happens twice in Europe/Brussels", "02:30 CEST (00:30 UTC)", "02:30 CET (01:30 UTC)"]
    qtbot.keyClick(choice, Qt.Key.Key_Escape)
    assert not choice.isVisible() and dialog.clock_dialog is None
    assert codes(sample_db) == {"r2r-test", "webinar-test"} and window.undo_stack.count() == 0 and errors == []

    dialog.go.click()
    dialog.clock_dialog.earlier.click()
    assert _night_span(sample_db, "webinar-2027") == ("2027-10-31T00:30:00+00:00", "2027-10-31T01:30:00+00:00")
    assert "the earlier reading: now 02:30 CEST → 02:30 CET (00:30–01:30 UTC), 1 h as before" in dialog.outcome.text()


def test_a_taken_code_is_refused_and_the_dialog_stays_open(window, sample_db, monkeypatch):
    from iurc_desktop.ui.dialogs.duplicate_dialog import DuplicateDialog, suggested_code

    assert suggested_code("r2r-japan-2022", date(2022, 11, 20), date(2023, 11, 20)) == "r2r-japan-2023"
    shown = []
    monkeypatch.setattr(window, "report", lambda exc: shown.append(str(exc)))
    dialog = DuplicateDialog(window.ctx, "r2r-test", window)
    dialog.new_code.setText("webinar-test")
    assert dialog.duplicate() is None
    assert "already exists" in shown[0] and not dialog.outcome.isVisible()
    assert window.undo_stack.count() == 0 and codes(sample_db) == {"r2r-test", "webinar-test"}
