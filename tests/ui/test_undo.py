"""Edits go through the undo stack: edit → undo → the old value is back in the table and the database; redo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from iurc_desktop.core.models import Event, Person


def title_in_db(db, code):
    with db.reading() as s:
        return s.query(Event).filter_by(code=code).one().title


def job_in_db(db, email):
    with db.reading() as s:
        return s.query(Person).filter_by(email=email).one().job_title


def test_rename_event_in_table_then_undo_and_redo(window, sample_db):
    page = window.events_page
    model = page.model
    index = model.index(0, 2)
    assert model.data(index) == "EU-Japan study visit"
    assert model.setData(index, "EU-Japan region-to-region study visit")
    assert model.data(model.index(0, 2)) == "EU-Japan region-to-region study visit"
    assert title_in_db(sample_db, "r2r-test") == "EU-Japan region-to-region study visit"
    assert window.undo_action.text() == "&Undo Rename event r2r-test"

    window.undo_action.trigger()
    assert model.data(model.index(0, 2)) == "EU-Japan study visit"
    assert title_in_db(sample_db, "r2r-test") == "EU-Japan study visit"
    assert window.redo_action.text() == "&Redo Rename event r2r-test"

    window.redo_action.trigger()
    assert model.data(model.index(0, 2)) == "EU-Japan region-to-region study visit"
    assert title_in_db(sample_db, "r2r-test") == "EU-Japan region-to-region study visit"


def test_edit_job_title_with_keyboard_and_ctrl_z(window, sample_db, qtbot):
    page = window.show_page("people")
    row = page.model.find_row(lambda r: r.email == "hanako@example.jp")
    column = 5
    page.table.setCurrentIndex(page.model.index(row, column))
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    editor = page.table.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Head of Europe desk")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1)  # the delegate commits on a queued call
    assert job_in_db(sample_db, "hanako@example.jp") == "Head of Europe desk"
    assert page.model.data(page.model.index(row, column)) == "Head of Europe desk"

    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert job_in_db(sample_db, "hanako@example.jp") == "International relations"
    assert page.model.data(page.model.index(row, column)) == "International relations"

    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert job_in_db(sample_db, "hanako@example.jp") == "Head of Europe desk"


def test_refused_edit_is_reported_and_not_recorded(window, sample_db, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    model = window.events_page.model
    assert model.setData(model.index(0, 2), "   ")
    assert shown == ["r2r-test.title: must not be empty"]
    assert window.undo_stack.count() == 0
    assert title_in_db(sample_db, "r2r-test") == "EU-Japan study visit"


def test_open_event_page_follows_undo(window, sample_db):
    page = window.open_event("r2r-test")
    model = window.events_page.model
    model.setData(model.index(0, 2), "Renamed visit")
    assert page.heading.text() == "Renamed visit"
    window.undo_stack.undo()
    assert page.heading.text() == "EU-Japan study visit"
