"""A person's mail language in the window: chosen on the person page and in the New person dialog, undone, shown back."""

from __future__ import annotations

from PySide6.QtCore import Qt

from iurc_desktop.app import people
from tests.ui.test_person_editing import new_person_dialog, open_person, save


def test_the_person_page_sets_the_mail_language_by_keyboard_and_undo_takes_it_back(window, qtbot):
    page = open_person(window, qtbot, "ane@example.eus")
    field = page.person_fields.widget("preferred_language")
    assert field.currentText() == "Automatic (English)"
    assert [field.itemData(i) for i in range(field.count())][:2] == ["", "en"]
    assert {"fr", "ja", "ko"} <= {field.itemData(i) for i in range(field.count())}  # the languages templates exist in
    field.setFocus()
    while field.currentData() != "ja":
        qtbot.keyClick(field, Qt.Key.Key_Down)
    assert field.currentText() == "Japanese (ja)" and page.save_button.isEnabled()
    qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert people.person_record(window.db, "ane@example.eus").entry["preferred_language"] == "ja"
    assert not page.save_button.isEnabled()  # what is shown is what is stored
    window.ctx.undo.undo()
    assert "preferred_language" not in people.person_record(window.db, "ane@example.eus").entry
    assert field.currentText() == "Automatic (English)"
    window.ctx.undo.redo()
    assert field.currentData() == "ja"


def test_a_language_set_elsewhere_without_templates_is_shown_and_kept(window, qtbot):
    people.edit_person(window.db, "ane@example.eus", {"preferred_language": "de"})
    page = open_person(window, qtbot, "ane@example.eus")
    field = page.person_fields.widget("preferred_language")
    assert field.currentData() == "de"
    assert not page.save_button.isEnabled()  # showing it is no change


def test_the_new_person_dialog_takes_the_language(window, qtbot):
    _page, dialog = new_person_dialog(window, qtbot)
    fields = dialog.person
    qtbot.keyClicks(fields.widget("given_name"), "Min-jun")
    qtbot.keyClicks(fields.widget("family_name"), "Kim")
    qtbot.keyClicks(fields.widget("email"), "minjun.kim@example.kr")
    fields.widget("preferred_language").set_value("ko")
    save(dialog)
    assert not dialog.isVisible()
    assert people.person_record(window.db, "minjun.kim@example.kr").entry["preferred_language"] == "ko"
