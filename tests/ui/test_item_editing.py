"""Items made, edited and removed in the window as a user would: the itinerary tab's buttons and keys, the item
dialog typed into, undo and redo; refusals shown once, beside their field, and gone when the field is fixed."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from iurc_desktop.core.events.listing import get_event
from iurc_desktop.ui.dialogs.item_dialog import ItemDialog

CODE = "r2r-test"


def _items(db) -> dict:  # type: ignore[no-untyped-def,type-arg]
    with db.reading() as session:
        return {i.key: i for i in get_event(session, CODE).items}


def _uid(db, key: str) -> str:  # type: ignore[no-untyped-def]
    from iurc_desktop.app.items import item_record

    return str(item_record(db, CODE, key)["uid"])


def _itinerary(window):  # type: ignore[no-untyped-def]
    page = window.open_event(CODE)
    return page.select_tab("itinerary")


def _open_new(qtbot, window) -> ItemDialog:  # type: ignore[no-untyped-def]
    tab = _itinerary(window)
    qtbot.mouseClick(tab.new_item_button, Qt.MouseButton.LeftButton)
    dialog = tab.item_dialog
    assert isinstance(dialog, ItemDialog) and dialog.isVisible()
    return dialog


def _type_tea(qtbot, dialog: ItemDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(dialog.key, "tea")
    qtbot.keyClicks(dialog.title, "Tea ceremony")
    dialog.kind.setCurrentIndex(dialog.kind.findData("reception"))
    dialog.start.date.setDate(QDate(2022, 11, 23))
    dialog.start.time.setTime(QTime(15, 0))
    dialog.end.date.setDate(QDate(2022, 11, 23))
    dialog.end.time.setTime(QTime(16, 30))
    qtbot.keyClicks(dialog.place, "Nagoya castle")


def _save(dialog: ItemDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_new_item_with_host_group_and_person_then_undo_and_redo_brings_the_same_one_back(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_new(qtbot, window)
    _type_tea(qtbot, dialog)
    dialog.host.setCurrentText("")
    qtbot.keyClicks(dialog.host.lineEdit(), "aichi")  # its key, or pick its name from the completer
    qtbot.mouseClick(dialog.groups.boxes["B"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.people.picker.lineEdit(), "Hanako")
    dialog.people.picker.setCurrentIndex(dialog.people.picker.findData("hanako@example.jp"))
    dialog.people.role.setCurrentIndex(dialog.people.role.findData("host"))
    qtbot.mouseClick(dialog.people.add_button, Qt.MouseButton.LeftButton)
    _save(dialog)
    assert not dialog.isVisible()
    tea = _items(sample_db)["tea"]
    assert (tea.title, tea.kind, tea.place, tea.host, tea.groups) == ("Tea ceremony", "reception", "Nagoya castle", "Aichi Prefecture", ("B",))
    assert tea.start.strftime("%Y-%m-%d %H:%M %Z") == "2022-11-23 15:00 JST"
    tab = _itinerary(window)
    assert "tea" in {b.key for b in tab.timeline.data.blocks}  # on the timeline at once
    uid = _uid(sample_db, "tea")
    window.ctx.undo.undo()
    assert "tea" not in _items(sample_db) and "tea" not in {b.key for b in tab.timeline.data.blocks}
    window.ctx.undo.redo()
    assert _uid(sample_db, "tea") == uid  # the same calendar entry, not a second one
    assert "tea" in {b.key for b in tab.timeline.data.blocks}


def test_the_shortcut_opens_a_new_item(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    tab = _itinerary(window)
    tab.setFocus()
    qtbot.keyClick(tab, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert isinstance(tab.item_dialog, ItemDialog) and tab.item_dialog.record is None


def test_an_item_a_year_before_its_event_is_refused_beside_the_date(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_new(qtbot, window)
    _type_tea(qtbot, dialog)
    dialog.start.date.setDate(QDate(2021, 11, 27))  # a year early, and 361 days long
    _save(dialog)
    assert dialog.isVisible() and "tea" not in _items(sample_db) and window.ctx.undo.count() == 0
    problem = dialog.form.problems["start"]
    assert problem.isVisible() and "2021-11-27 is before the event's first day" in problem.text()
    assert not dialog.message.isVisible()  # once, beside the field: not again at the foot
    qtbot.waitUntil(lambda: problem.height() >= problem.heightForWidth(problem.width()))  # whole: every line shown
    assert problem.wordWrap() and problem.geometry().right() <= dialog.form.width()  # wrapped inside, never clipped
    dialog.start.date.setDate(QDate(2022, 11, 23))
    assert not problem.isVisible()  # fixed: the message goes at once
    _save(dialog)
    assert "tea" in _items(sample_db)


def test_an_item_longer_than_its_event_is_refused_beside_the_end(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_new(qtbot, window)
    _type_tea(qtbot, dialog)
    dialog.end.date.setDate(QDate(2023, 11, 19))
    _save(dialog)
    assert "after the event's last day" in dialog.form.problems["end"].text()
    assert "tea" not in _items(sample_db)


def test_bad_zone_dst_gap_and_end_before_start_show_beside_their_fields(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_new(qtbot, window)
    _type_tea(qtbot, dialog)
    dialog.zone.setCurrentText("")
    qtbot.keyClicks(dialog.zone.lineEdit(), "Europe")
    assert "a region, not a time zone" in dialog.form.problems["zone"].text()
    dialog.zone.setCurrentText("Europe/Brussels")
    assert not dialog.form.problems["zone"].isVisible()
    dialog.start.date.setDate(QDate(2022, 3, 27))
    dialog.start.time.setTime(QTime(2, 30))
    assert "does not exist in Europe/Brussels" in dialog.form.problems["start"].text()
    assert not dialog.start.message.isVisible()  # one message, not two
    dialog.zone.setCurrentText("Asia/Tokyo")
    dialog.start.date.setDate(QDate(2022, 11, 23))
    dialog.start.time.setTime(QTime(17, 0))
    assert not dialog.form.problems["start"].isVisible()
    _save(dialog)
    assert "is before the start" in dialog.form.problems["end"].text()
    assert "tea" not in _items(sample_db)
    assert not [w for w in window.findChildren(QMessageBox) if w.isVisible()]  # never a modal box for a typo


def test_unknown_host_and_taken_key_are_named_beside_their_fields(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_new(qtbot, window)
    _type_tea(qtbot, dialog)
    dialog.key.setText("final")
    qtbot.keyClicks(dialog.host.lineEdit(), "atlantis")
    _save(dialog)
    assert "unknown organisation 'atlantis'" in dialog.form.problems["host"].text()
    dialog.host.set_value("")
    _save(dialog)
    assert "already has an item 'final'" in dialog.form.problems["key"].text()
    qtbot.keyClicks(dialog.key, "-2")
    assert not dialog.form.problems["key"].isVisible()


def test_edit_item_changes_host_and_people_and_undo_puts_them_back(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    tab = _itinerary(window)
    tab.timeline.select("final")
    assert tab.edit_item_button.isEnabled()
    qtbot.mouseClick(tab.edit_item_button, Qt.MouseButton.LeftButton)
    dialog = tab.item_dialog
    assert dialog.record["key"] == "final" and not dialog.key.isVisible()
    dialog.host.set_value("aichi")
    dialog.people.add("ane@example.eus", "observer")
    _save(dialog)
    assert _items(sample_db)["final"].host == "Aichi Prefecture"
    window.ctx.undo.undo()
    assert _items(sample_db)["final"].host == ""
    window.ctx.undo.redo()
    assert _items(sample_db)["final"].host == "Aichi Prefecture"


def test_delete_removes_the_selected_item_and_undo_brings_it_back(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    tab = _itinerary(window)
    uid = _uid(sample_db, "final")
    tab.timeline.select("final")
    tab.timeline.setFocus()
    qtbot.keyClick(tab.timeline, Qt.Key.Key_Delete)
    assert "final" not in _items(sample_db)
    assert not tab.remove_item_button.isEnabled()  # nothing selected any more
    window.ctx.undo.undo()
    assert "final" in _items(sample_db) and _uid(sample_db, "final") == uid


def test_a_person_typed_but_not_assigned_is_saved_too_or_refused_beside_people(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_new(qtbot, window)
    _type_tea(qtbot, dialog)
    qtbot.keyClicks(dialog.people.picker.lineEdit(), "nobody@example.org")
    _save(dialog)
    assert "unknown person 'nobody@example.org'" in dialog.form.problems["person"].text()
    dialog.people.picker.lineEdit().clear()
    qtbot.keyClicks(dialog.people.picker.lineEdit(), "minjun")  # one person's e-mail holds it: that person
    assert not dialog.form.problems["person"].isVisible()
    _save(dialog)
    from iurc_desktop.app.items import item_record

    assert item_record(sample_db, CODE, "tea")["people"] == [{"person": "minjun@example.kr", "role": "speaker"}]


def test_a_new_items_key_is_made_from_its_title_until_the_key_is_typed(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_new(qtbot, window)
    qtbot.keyClicks(dialog.title, "Visit to Aichi Pr")
    dialog.title.insert("éf.")  # QTest types ASCII only
    assert dialog.key.text() == "visit-to-aichi-pref"
    dialog.key.clear()
    qtbot.keyClicks(dialog.key, "aichi")
    qtbot.keyClicks(dialog.title, " (2)")
    assert dialog.key.text() == "aichi"  # typed by the user: the title no longer changes it
    dialog.reject()
