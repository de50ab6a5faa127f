"""Participants added, edited and removed in the window as a user would: the Participants tab's buttons and keys,
the dialogs typed into, undo and redo; double-click opens the person page; refusals show beside their field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from iurc_desktop.app.registrations import participant_record, registrations
from iurc_desktop.ui.dialogs.participant_dialog import ParticipantDialog

CODE = "r2r-test"
MINJUN = "minjun@example.kr"  # in the webinar, not yet in the study visit


def _tab(window):  # type: ignore[no-untyped-def]
    return window.open_event(CODE).select_tab("participants")


def _emails(db) -> set[str]:  # type: ignore[no-untyped-def]
    return {r.email for r in registrations(db, CODE)}


def _save(dialog: ParticipantDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_add_participant_by_typing_a_name_then_undo_and_redo(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(window)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    dialog = tab.participant_dialog
    assert isinstance(dialog, ParticipantDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.person.lineEdit(), "minjun")
    assert dialog.person.completer().completionCount() == 1  # found by part of the e-mail
    assert dialog.person.value() == MINJUN  # the one person whose name or e-mail holds what was typed
    dialog.role.setCurrentIndex(dialog.role.findData("observer"))
    dialog.group.setCurrentIndex(dialog.group.findData("B"))
    dialog.status.setCurrentIndex(dialog.status.findData("confirmed"))
    dialog.visa_needed.setChecked(True)
    _save(dialog)
    assert not dialog.isVisible()
    row = next(r for r in tab.model.rows() if r.email == MINJUN)  # in the table at once
    assert (row.role, row.group, row.status, row.visa_needed) == ("observer", "B", "confirmed", True)
    window.ctx.undo.undo()
    assert MINJUN not in _emails(sample_db) and MINJUN not in {r.email for r in tab.model.rows()}
    window.ctx.undo.redo()
    assert participant_record(sample_db, CODE, MINJUN)["group"] == "B"


def test_the_insert_key_opens_add_participant(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(window)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Insert)
    assert isinstance(tab.participant_dialog, ParticipantDialog) and tab.participant_dialog.record is None


def test_an_unknown_person_is_refused_beside_the_field(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(window)
    tab.add_participant()
    dialog = tab.participant_dialog
    qtbot.keyClicks(dialog.person.lineEdit(), "nobody@example.org")
    _save(dialog)
    problem = dialog.form.problems["person"]
    assert dialog.isVisible() and "unknown person 'nobody@example.org'" in problem.text()
    assert not dialog.message.isVisible() and window.ctx.undo.count() == 0
    assert not [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    qtbot.keyClicks(dialog.person.lineEdit(), "x")
    assert not problem.isVisible()  # changed: the stale message goes


def test_edit_role_group_status_needs_and_visa_in_one_undoable_step(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(window)
    tab.select_emails("ane@example.eus")
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    dialog = tab.participant_dialog
    assert dialog.record["person"] == "ane@example.eus"
    assert [dialog.status.itemData(n) for n in range(dialog.status.count())][0] == "confirmed"
    assert dialog.status.findData("invited") == -1  # only the moves allowed from confirmed
    dialog.role.setCurrentIndex(dialog.role.findData("speaker"))
    dialog.group.setCurrentIndex(dialog.group.findData("B"))
    dialog.status.setCurrentIndex(dialog.status.findData("attended"))
    qtbot.keyClicks(dialog.dietary, "vegan")
    qtbot.keyClicks(dialog.accessibility, "step-free access")
    dialog.visa_needed.setChecked(True)
    assert dialog.visa_status.isReadOnly()  # the state moves in the Visa dialog, as the visa rule allows
    _save(dialog)
    assert not dialog.isVisible()
    record = participant_record(sample_db, CODE, "ane@example.eus")
    assert (record["role"], record["group"], record["status"], record["dietary"], record["accessibility"],
            record["visa_needed"], record["visa_status"]) == ("speaker", "B", "attended", "vegan", "step-free access", True, "")
    row = next(r for r in tab.model.rows() if r.email == "ane@example.eus")
    assert (row.dietary, row.status) == ("vegan", "attended")
    window.ctx.undo.undo()
    record = participant_record(sample_db, CODE, "ane@example.eus")
    assert (record["role"], record["group"], record["status"], record["dietary"], record["visa_needed"]) == (
        "delegate", "A", "confirmed", "", False)
    window.ctx.undo.redo()
    assert participant_record(sample_db, CODE, "ane@example.eus")["status"] == "attended"


def test_double_click_opens_the_person_page_and_history_stays_a_button(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(window)
    tab.select_emails("hanako@example.jp")
    row = tab.model.row_of(tab.selected_rows()[0].participation_id)
    tab.table.doubleClicked.emit(tab.model.index(row, 0))
    assert window.current_page_key() == "person"
    assert window.person_page.person_id == tab.selected_rows()[0].person_id
    assert not getattr(tab, "history_dialog", None)  # not the status history any more
    tab.show_history()
    assert tab.history_dialog.isVisible()


def test_delete_removes_the_selected_participant_and_undo_brings_back_its_history(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.app.registrations import history

    tab = _tab(window)
    tab.select_emails("ane@example.eus")
    before = len(history(sample_db, tab.selected_rows()[0].participation_id))
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert "ane@example.eus" not in _emails(sample_db)
    assert "ane@example.eus" not in {r.email for r in tab.model.rows()}
    window.ctx.undo.undo()
    back = next(r for r in registrations(sample_db, CODE) if r.email == "ane@example.eus")
    assert (back.status, back.group) == ("confirmed", "A")
    assert len(history(sample_db, back.participation_id)) == before
