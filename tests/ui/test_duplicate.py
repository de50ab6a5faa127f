"""Duplicate an event from the Event menu: new code and day, warnings for DST gaps shown, undo deletes the copy."""

from __future__ import annotations

import pytest

from datetime import date

from PySide6.QtCore import QDate
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


def test_duplicate_dialog_creates_the_copy_shows_dst_warnings_and_undo_deletes_it(window, sample_db, errors):
    from iurc_desktop.ui.dialogs.duplicate_dialog import DuplicateDialog

    with sample_db.transaction() as s:  # 02:30 on a Sunday in Brussels: the clocks jump over it on 28 March 2027
        webinar = s.scalar(select(Event).where(Event.code == "webinar-test"))
        s.add(_item(webinar, "night", "Call with Auckland", "2026-03-26T02:30", "2026-03-26T03:00", "Europe/Brussels", kind="session"))
    window.open_event("webinar-test")
    window.menu_actions["duplicate"].trigger()
    dialog = window.duplicate_dialog
    assert isinstance(dialog, DuplicateDialog)
    assert dialog.new_code.text() == "webinar-test-copy"  # no year in the code to move on
    dialog.new_code.setText("webinar-2027")
    dialog.new_start.setDate(QDate(2027, 3, 28))
    dialog.with_participants.setChecked(True)
    dialog.go.click()

    assert "webinar-2027" in codes(sample_db)
    assert dialog.outcome.isVisible()
    text = dialog.outcome.text()
    assert "Created <b>webinar-2027</b>: 2 items, 1 participants invited." in text
    assert "night: 2027-03-28 02:30 does not exist in Europe/Brussels" in text
    assert window.current_page_key() == "event" and window.event_page.code == "webinar-2027"
    assert window.undo_action.text() == "&Undo Duplicate webinar-test as webinar-2027"

    window.undo_stack.undo()
    assert codes(sample_db) == {"r2r-test", "webinar-test"}
    assert window.current_page_key() == "events" and errors == []  # the copy's page was left, no error shown
    window.undo_stack.redo()
    assert "webinar-2027" in codes(sample_db)


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
