"""Organisations created, edited and removed in the window, with undo, and the file's rules beside each field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from iurc_desktop.app.people import list_organisations


def names(page) -> list[str]:
    return [page.model.row_at(r).name for r in range(page.model.rowCount())]


def opened(page, qtbot, trigger):
    """Run `trigger` and return the dialog it opens."""
    found = []
    page.on_dialog = found.append
    trigger()
    qtbot.waitUntil(lambda: bool(found) and found[0].isVisible())
    return found[0]


def no_message_box() -> bool:
    return not any(isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_new_organisation_by_its_shortcut_shows_in_the_table_and_undoes(window, qtbot):
    page = window.show_page("organisations")
    page.table.setFocus()
    dialog = opened(page, qtbot, lambda: qtbot.keyClick(page.table, Qt.Key.Key_O,
                                                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
    assert dialog.windowTitle() == "New organisation"
    qtbot.keyClicks(dialog.form.fields["name"], "Graz")
    qtbot.keyClicks(dialog.form.fields["key"], "graz")
    qtbot.keyClicks(dialog.form.fields["country"], "at")
    dialog.form.fields["zone"].setCurrentText("Europe/Vienna")
    dialog.form.fields["kind"].set_value("university")
    assert dialog.form.fields["sector"].value() == "research"  # follows the kind until chosen
    dialog.form.fields["kind"].set_value("city")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.isVisible()
    assert "Graz" in names(page)
    window.ctx.undo.undo()
    assert "Graz" not in names(page)
    window.ctx.undo.redo()
    assert "Graz" in names(page)
    graz = next(o for o in list_organisations(window.db) if o.key == "graz")
    assert (graz.country, graz.zone, graz.sector) == ("AT", "Europe/Vienna", "government")


def test_bad_values_show_beside_their_fields_and_nothing_is_saved(window, qtbot):
    page = window.show_page("organisations")
    dialog = opened(page, qtbot, page.new_action.trigger)
    qtbot.keyClicks(dialog.form.fields["name"], "Somewhere")
    qtbot.keyClicks(dialog.form.fields["key"], "aichi")
    qtbot.keyClicks(dialog.form.fields["country"], "ZZ")
    zone = dialog.form.fields["zone"]
    zone.setCurrentText("")
    qtbot.keyClicks(zone.lineEdit(), "Europe")
    assert dialog.form.problems["zone"].isVisible()
    assert "a region, not a time zone" in dialog.form.problems["zone"].text()
    zone.setCurrentText("Mars/Olympus")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible() and no_message_box()
    assert "Mars/Olympus" in dialog.form.problems["zone"].text()
    zone.setCurrentText("Europe/Vienna")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible() and no_message_box()
    assert "'ZZ' is not an ISO 3166" in dialog.form.problems["country"].text()
    assert "'aichi' is already the key of Aichi Prefecture" in dialog.form.problems["key"].text()
    assert not dialog.form.problems["zone"].isVisible()
    assert "Somewhere" not in names(page) and window.ctx.undo.count() == 0
    dialog.reject()


def test_enter_edits_the_organisation_and_a_rename_undoes(window, qtbot):
    page = window.show_page("organisations")
    row = names(page).index("Aichi Prefecture")
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row, 0))
    dialog = opened(page, qtbot, lambda: qtbot.keyClick(page.table, Qt.Key.Key_Return))
    assert dialog.form.fields["local_name"].text() == "愛知県"
    dialog.form.fields["name"].setText("Aichi")
    dialog.form.fields["key"].setText("aichi-pref")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert "Aichi" in names(page) and "Aichi Prefecture" not in names(page)
    window.ctx.undo.undo()
    assert "Aichi Prefecture" in names(page)
    assert {o.key for o in list_organisations(window.db)} >= {"aichi"}
    window.ctx.undo.redo()
    assert "aichi-pref" in {o.key for o in list_organisations(window.db)}


def test_delete_says_who_loses_the_link_and_undo_brings_the_links_back(window, qtbot):
    page = window.show_page("organisations")
    asked = []
    page.confirm = lambda title, text: asked.append(text) or True
    row = names(page).index("Aichi Prefecture")
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert asked == ["Remove Aichi Prefecture? 1 person and 1 hosted item will no longer name it (everything else about "
                     "them is kept). You can undo this (Ctrl+Z)."]
    assert "Aichi Prefecture" not in names(page)
    people = window.show_page("people")
    hanako = next(people.model.row_at(r) for r in range(people.model.rowCount()) if people.model.row_at(r).email == "hanako@example.jp")
    assert hanako.organisation == ""
    window.ctx.undo.undo()
    hanako = next(people.model.row_at(r) for r in range(people.model.rowCount()) if people.model.row_at(r).email == "hanako@example.jp")
    assert hanako.organisation == "Aichi Prefecture"
