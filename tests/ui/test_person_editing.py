"""People created, edited on their page and removed in the window, with undo, and problems beside the fields."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from iurc_desktop.app import people


def emails(page) -> list[str]:
    return [page.model.row_at(r).email for r in range(page.model.rowCount())]


def no_message_box() -> bool:
    return not any(isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets())


def new_person_dialog(window, qtbot):
    page = window.show_page("people")
    found = []
    page.on_dialog = found.append
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(found) and found[0].isVisible())
    return page, found[0]


def save(dialog) -> None:
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()


def open_person(window, qtbot, email):
    page = window.show_page("people")
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(emails(page).index(email), 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    return window.person_page


def test_new_person_by_its_shortcut_appears_in_the_list_and_undoes(window, qtbot):
    page, dialog = new_person_dialog(window, qtbot)
    fields = dialog.person
    qtbot.keyClicks(fields.widget("given_name"), "Sakura")
    qtbot.keyClicks(fields.widget("family_name"), "Ito")
    fields.widget("name_order").set_value("family_first")
    fields.widget("local_name").insert("伊藤さくら")  # typed through an input method: QTest sends Latin keys only
    qtbot.keyClicks(fields.widget("email"), "sakura@example.jp")
    fields.widget("organisation").set_key("aichi")
    qtbot.keyClicks(fields.widget("dietary"), "no pork")
    fields.widget("passport_expiry").set_value(date(2031, 5, 1))
    save(dialog)
    assert not dialog.isVisible()
    assert "sakura@example.jp" in emails(page)
    record = people.person_record(window.db, "sakura@example.jp")
    assert record.entry == {"key": "sakura-example-jp", "given_name": "Sakura", "family_name": "Ito",
                            "name_order": "family_first", "local_name": "伊藤さくら", "email": "sakura@example.jp",
                            "organisation": "aichi", "passport_expiry": "2031-05-01", "dietary": "no pork"}
    window.ctx.undo.undo()
    assert "sakura@example.jp" not in emails(page)
    window.ctx.undo.redo()
    assert "sakura@example.jp" in emails(page)
    assert people.person_record(window.db, "sakura@example.jp").id == record.id  # the same person came back


def test_a_bad_or_taken_email_shows_beside_the_field(window, qtbot):
    page, dialog = new_person_dialog(window, qtbot)
    fields = dialog.person
    qtbot.keyClicks(fields.widget("given_name"), "Ane")
    qtbot.keyClicks(fields.widget("email"), "ane@@example")
    qtbot.keyClicks(fields.widget("nationality"), "XX")
    save(dialog)
    assert dialog.isVisible() and no_message_box()
    assert "ane@@example is not an e-mail address" in dialog.form.problems["email"].text()
    assert "'XX' is not an ISO 3166" in dialog.form.problems["nationality"].text()
    fields.widget("email").setText("ANE@example.eus")
    fields.widget("nationality").setText("es")
    save(dialog)
    assert dialog.isVisible()
    assert "is already the e-mail of Ane Etxeberria" in dialog.form.problems["email"].text()
    assert not dialog.form.problems["nationality"].isVisible()
    assert window.ctx.undo.count() == 0
    dialog.reject()


def test_the_person_page_edits_every_field_and_undo_restores_it(window, qtbot):
    page = open_person(window, qtbot, "ane@example.eus")
    page.focus_field("dietary")
    dietary = page.person_fields.widget("dietary")
    assert dietary.hasFocus()
    assert not page.save_button.isEnabled() and not page.revert_button.isEnabled()  # nothing typed yet
    qtbot.keyClicks(dietary, "halal")
    assert page.save_button.isEnabled()
    page.person_fields.widget("passport_expiry").setDate(QDate(2030, 1, 31))
    page.person_fields.widget("job_title").setText("Head of international relations")
    qtbot.keyClick(dietary, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.needs.values()["Dietary"] == "halal"
    assert "Head of international relations" in page.subheading.text()
    entry = people.person_record(window.db, "ane@example.eus").entry
    assert (entry["dietary"], entry["passport_expiry"]) == ("halal", "2030-01-31")
    window.ctx.undo.undo()
    assert page.needs.values()["Dietary"] == "not asked yet"
    assert page.person_fields.widget("dietary").text() == ""
    assert "passport_expiry" not in people.person_record(window.db, "ane@example.eus").entry
    window.ctx.undo.redo()
    assert page.person_fields.widget("dietary").text() == "halal"
    assert not page.save_button.isEnabled()  # what is shown is what is stored


def test_a_refused_edit_on_the_page_shows_beside_the_field_and_keeps_what_was_typed(window, qtbot):
    page = open_person(window, qtbot, "ane@example.eus")
    page.person_fields.widget("email").setText("ane@")
    page.person_fields.widget("nationality").setText("QQ")
    page.save_button.click()
    assert no_message_box()
    assert "ane@ is not an e-mail address" in page.details[0].problems["email"].text()
    assert "'QQ' is not an ISO 3166" in page.details[0].problems["nationality"].text()
    assert page.person_fields.widget("email").text() == "ane@"  # still there to correct
    assert window.ctx.undo.count() == 0
    page.revert_button.click()
    assert page.person_fields.widget("email").text() == "ane@example.eus"
    assert not page.details[0].problems["email"].isVisible()


def test_delete_removes_a_person_with_their_participations_and_undo_restores_them(window, qtbot):
    page = window.show_page("people")
    asked = []
    page.confirm = lambda title, text: asked.append(text) or True
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(emails(page).index("ane@example.eus"), 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert asked == ["Remove Ane Etxeberria? Going with them: 1 participation. You can undo this (Ctrl+Z)."]
    assert "ane@example.eus" not in emails(page)
    window.ctx.undo.undo()
    row = next(page.model.row_at(r) for r in range(page.model.rowCount()) if page.model.row_at(r).email == "ane@example.eus")
    assert row.events == 1


def test_saving_over_a_colleagues_newer_save_reports_the_conflict_and_keeps_theirs(window, qtbot, sample_db, monkeypatch):
    from iurc_desktop.core.db import open_database
    from iurc_desktop.core.team.concurrency import EditConflict

    reported: list[BaseException] = []
    monkeypatch.setattr("iurc_desktop.ui.shell.main_window.show_error", lambda parent, exc: reported.append(exc))
    page = open_person(window, qtbot, "ane@example.eus")
    other = open_database(sample_db.url)  # a colleague's app on the same database saves first
    people.edit_person(other, "ane@example.eus", {"dietary": "vegan"})
    other.dispose()
    page.person_fields.widget("dietary").setText("halal")
    page.save_button.click()
    assert len(reported) == 1 and isinstance(reported[0], EditConflict)
    assert people.person_record(window.db, "ane@example.eus").entry["dietary"] == "vegan"
    assert window.ctx.undo.count() == 0
    assert page.person_fields.widget("dietary").text() == "halal"  # what the user typed is still there


def test_remove_from_the_person_page_goes_back_and_undo_brings_them_back(window, qtbot):
    page = open_person(window, qtbot, "ane@example.eus")
    asked = []
    page.confirm = lambda title, text: asked.append(text) or True
    page.remove_button.click()
    assert asked == ["Remove Ane Etxeberria? Going with them: 1 participation. You can undo this (Ctrl+Z)."]
    assert window.current_page_key() == "people"
    assert "ane@example.eus" not in emails(window.pages["people"])
    window.ctx.undo.undo()
    assert "ane@example.eus" in emails(window.pages["people"])
