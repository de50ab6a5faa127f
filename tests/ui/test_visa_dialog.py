"""A participant's visa in the window: the Visa dialog from the Participants tab (button and Ctrl+Shift+V), only the
allowed next states offered, the move undoable, the state in the table, a refusal shown in the dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox

from iurc_desktop.app import visas
from iurc_desktop.app.registrations import participant_record
from iurc_desktop.ui.dialogs.visa_dialog import VisaDialog

CODE = "r2r-test"  # Tokyo
ANE = "ane@example.eus"


def _tab(window):  # type: ignore[no-untyped-def]
    tab = window.open_event(CODE).select_tab("participants")
    tab.select_emails(ANE)
    return tab


def _save(dialog: VisaDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def _row(tab):  # type: ignore[no-untyped-def]
    return next(r for r in tab.model.rows() if r.email == ANE)


def test_move_the_visa_with_a_note_then_undo_and_redo(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(window)
    qtbot.mouseClick(tab.visa_button, Qt.MouseButton.LeftButton)
    dialog = tab.visa_dialog
    assert isinstance(dialog, VisaDialog) and dialog.isVisible()
    assert [dialog.to.itemData(n) for n in range(dialog.to.count())] == ["needed", "not needed"]
    qtbot.keyClicks(dialog.note, "asked by e-mail")
    _save(dialog)
    assert not dialog.isVisible()
    assert participant_record(sample_db, CODE, ANE)["visa_status"] == "needed"
    assert _row(tab).visa_status == "needed" and tab.model.data(tab.model.index(tab.model.row_of(
        _row(tab).participation_id), 11)) == "needed"  # the Visa column
    window.ctx.undo.undo()
    assert participant_record(sample_db, CODE, ANE)["visa_status"] == ""
    assert visas.visa(sample_db, CODE, ANE).history == ()
    window.ctx.undo.redo()
    view = visas.visa(sample_db, CODE, ANE)
    assert view.state == "needed" and [h.note for h in view.history] == ["asked by e-mail"]


def test_the_keyboard_opens_it_and_it_shows_the_deadline_and_history(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    visas.move(sample_db, CODE, ANE, "needed", note="first step")
    tab = _tab(window)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = tab.visa_dialog
    assert isinstance(dialog, VisaDialog) and dialog.isVisible()
    assert any("Apply by" in label.text() and "14 days for JP" in label.text() for label in dialog.findChildren(QLabel))
    assert dialog.view.destination == "JP" and dialog.view.processing_days == 14
    assert dialog.model.rowCount() == 1 and dialog.history.isVisible()
    assert [dialog.to.itemData(n) for n in range(dialog.to.count())] == ["letter sent", "not needed"]


def test_a_move_made_meanwhile_is_refused_in_the_dialog(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(window)
    tab.open_visa()
    dialog = tab.visa_dialog
    visas.move(sample_db, CODE, ANE, "not needed")  # someone else, from the command line
    dialog.to.setCurrentIndex(dialog.to.findData("needed"))
    visas.move(sample_db, CODE, ANE, "needed")
    visas.move(sample_db, CODE, ANE, "letter sent")
    _save(dialog)  # "needed" again from "letter sent": not a move the rule has
    assert dialog.isVisible() and "allowed next: appointment, not needed" in dialog.message.text()
    assert window.ctx.undo.count() == 0
    assert not [w for w in window.findChildren(QMessageBox) if w.isVisible()]


def test_granted_is_final_and_the_dialog_says_so(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    for state in ("needed", "letter sent", "appointment", "granted"):
        visas.move(sample_db, CODE, ANE, state)
    tab = _tab(window)
    tab.open_visa()
    dialog = tab.visa_dialog
    assert dialog.to.count() == 0 and not dialog.to.isEnabled()
    assert "final" in dialog.form.hints["to"].text()


def test_the_person_page_opens_the_visa_of_the_selected_event(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    window.open_person_by_email(ANE)
    page = window.person_page
    assert window.current_page_key() == "person" and page.visa_button.isVisible()
    page.events_table.setFocus()
    page.events_table.selectRow(0)
    qtbot.keyClick(page.events_table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = page.visa_dialog
    assert isinstance(dialog, VisaDialog) and dialog.view.event_code == page.events_model.row_at(0).event_code
    dialog.to.setCurrentIndex(dialog.to.findData("needed"))
    _save(dialog)
    assert visas.visa(sample_db, dialog.view.event_code, ANE).state == "needed"
    assert "needed" in page.needs.values()["Visa"]  # the page shows it at once
    window.ctx.undo.undo()
    assert visas.visa(sample_db, dialog.view.event_code, ANE).state == ""


def test_the_home_page_lists_a_near_deadline_and_leads_to_the_participant(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    visas.move(sample_db, CODE, ANE, "needed")  # r2r-test: Tokyo from 20 Nov 2022, 14 days for Japan
    page = window.pages["home"]
    page.today = lambda: date(2022, 11, 1)
    page.refresh()
    row = next(r for r, e in enumerate(page.todo_model._rows) if e.rule == "visa_deadline")
    assert page.todo_model.data(page.todo_model.index(row, 3)) == "Visa"
    assert "visa application deadline is 2022-11-06" in page.todo_model.data(page.todo_model.index(row, 4))
    page.go_to_fix(page.todo_model._rows[row])
    tab = window.event_page.tab_widgets["participants"]
    assert window.current_page_key() == "event" and tab.search.text() == ANE


def test_the_event_dialog_sets_its_own_visa_processing_time_undoably(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.ui.dialogs.event_dialog import EventDialog

    page = window.open_event(CODE)
    page.edit_button.click()
    dialog = page.findChild(EventDialog)
    assert dialog.visa_days.value() == 0 and dialog.visa_days.text() == "the country's default"
    dialog.visa_days.setValue(45)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    view = visas.visa(sample_db, CODE, ANE)
    assert (view.processing_days, view.processing_default) == (45, False)
    window.undo_stack.undo()
    assert visas.visa(sample_db, CODE, ANE).processing_days == 14  # Japan's default again
