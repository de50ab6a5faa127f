"""Adding and editing a hotel stay in the window: shared rooms, problems beside the fields, undo and redo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from iurc_desktop.core.travel.stays import list_stays
from iurc_desktop.ui.dialogs.stay_dialog import StayDialog
from iurc_desktop.ui.shell.main_window import MainWindow

CODE = "r2r-japan-2022"
ANE, LAIA = "ane.etxeberria@example.eus", "laia.ferrer@example.es"
HOTEL = "Hotel Nikko Kanazawa"


@pytest.fixture
def window(qtbot, demo_db, monkeypatch):  # type: ignore[no-untyped-def]
    boxes: list[BaseException] = []
    monkeypatch.setattr("iurc_desktop.ui.shell.main_window.show_error", lambda parent, exc: boxes.append(exc))
    win = MainWindow(demo_db, viewer_zone="Europe/Brussels")
    win.boxes = boxes  # a refusal must never reach a message box
    qtbot.addWidget(win)
    win.show()
    yield win
    win.tasks.shutdown()


def _stays(db, hotel: str = HOTEL):  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return [stay for stay in list_stays(session, CODE) if stay.hotel == hotel]


def _open_add(qtbot, window) -> StayDialog:  # type: ignore[no-untyped-def]
    tab = window.open_event(CODE).select_tab("travel")
    tab.stays_table.setFocus()
    qtbot.keyClick(tab.stays_table, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = tab.dialog
    assert isinstance(dialog, StayDialog) and dialog.isVisible()
    return dialog


def _fill(qtbot, dialog: StayDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.person.setCurrentIndex(dialog.person.findData(ANE))
    qtbot.keyClicks(dialog.hotel, HOTEL)
    dialog.check_in.setDate(QDate(2022, 11, 22))
    dialog.check_out.setDate(QDate(2022, 11, 24))
    dialog.room.setCurrentText("twin")
    dialog.shares_with.setCurrentIndex(dialog.shares_with.findData(LAIA))


def _save(dialog: StayDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_a_shared_twin_room_is_added_then_undone_and_redone(qtbot, window, demo_db) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_add(qtbot, window)
    assert dialog.zone.zone() == "Asia/Tokyo"  # the event's zone to start with
    assert dialog.check_in.value() == date(2022, 11, 20)  # the event's first night
    _fill(qtbot, dialog)
    _save(dialog)
    assert not dialog.isVisible()
    (stay,) = _stays(demo_db)
    assert (stay.person, stay.zone, stay.check_in, stay.check_out, stay.room, stay.shares_with) == (
        ANE, "Asia/Tokyo", date(2022, 11, 22), date(2022, 11, 24), "twin", LAIA)
    tab = window.event_page.select_tab("travel")
    assert tab.stays_model.row_of(lambda shown: shown.hotel == HOTEL) >= 0
    window.undo_stack.undo()
    assert _stays(demo_db) == []
    assert window.event_page.select_tab("travel").stays_model.row_of(lambda shown: shown.hotel == HOTEL) < 0
    window.undo_stack.redo()
    (again,) = _stays(demo_db)
    assert again.shares_with == LAIA
    assert window.boxes == []


def test_a_bad_zone_shows_beside_the_zone(qtbot, window, demo_db) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_add(qtbot, window)
    _fill(qtbot, dialog)
    dialog.zone.setCurrentText("Asia/Tokio")
    assert "did you mean Asia/Tokyo" in dialog.form.problems["zone"].text()
    _save(dialog)
    assert dialog.isVisible() and window.undo_stack.count() == 0 and _stays(demo_db) == []


def test_check_out_before_check_in_is_refused_beside_the_check_out(qtbot, window, demo_db) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_add(qtbot, window)
    _fill(qtbot, dialog)
    dialog.check_out.setDate(QDate(2022, 11, 21))
    _save(dialog)
    assert dialog.isVisible() and window.undo_stack.count() == 0 and _stays(demo_db) == []
    assert "is not after the check-in" in dialog.form.problems["check_out"].text()
    assert dialog.form.problems["check_out"].isVisible()
    assert window.boxes == []


def test_a_single_room_cannot_be_shared(qtbot, window, demo_db) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_add(qtbot, window)
    _fill(qtbot, dialog)
    dialog.room.setCurrentText("single")
    _save(dialog)
    assert dialog.isVisible() and _stays(demo_db) == []
    assert "cannot be shared" in dialog.form.problems["room"].text()


def test_double_click_edits_a_stay_and_undo_puts_it_back(qtbot, window, demo_db) -> None:  # type: ignore[no-untyped-def]
    tab = window.open_event(CODE).select_tab("travel")
    row = tab.stays_model.row_of(lambda stay: stay.person == ANE)
    before = tab.stays_model.row_at(row)
    index = tab.stays_model.index(row, 0)
    tab.stays_table.scrollTo(index)
    centre = tab.stays_table.visualRect(index).center()
    qtbot.mouseClick(tab.stays_table.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # a double-click follows a press
    qtbot.mouseDClick(tab.stays_table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    dialog = tab.dialog
    assert isinstance(dialog, StayDialog) and dialog.isVisible() and dialog.hotel.text() == before.hotel
    dialog.hotel.setText("Hotel Renamed")
    _save(dialog)
    assert not dialog.isVisible()
    assert len(_stays(demo_db, "Hotel Renamed")) == 1
    window.undo_stack.undo()
    assert _stays(demo_db, "Hotel Renamed") == []
    assert any(s.id == before.id for s in _stays(demo_db, before.hotel))


def test_delete_removes_the_selected_stay_with_undo(qtbot, window, demo_db) -> None:  # type: ignore[no-untyped-def]
    tab = window.open_event(CODE).select_tab("travel")
    with demo_db.reading() as session:
        count = len(list_stays(session, CODE))
    tab.stays_table.setFocus()
    tab.stays_table.setCurrentIndex(tab.stays_model.index(0, 0))
    qtbot.keyClick(tab.stays_table, Qt.Key.Key_Delete)
    with demo_db.reading() as session:
        assert len(list_stays(session, CODE)) == count - 1
    window.undo_stack.undo()
    with demo_db.reading() as session:
        assert len(list_stays(session, CODE)) == count


def test_a_bad_zone_is_refused_beside_its_field_and_nothing_is_saved(qtbot, window, demo_db) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_add(qtbot, window)
    _fill(qtbot, dialog)
    dialog.zone.setCurrentText("")
    qtbot.keyClicks(dialog.zone.lineEdit(), "Asia/Tokio")
    _save(dialog)
    problem = dialog.form.problems["zone"]
    assert dialog.isVisible() and problem.isVisibleTo(dialog) and "did you mean Asia/Tokyo" in problem.text()
    assert _stays(demo_db) == [] and window.boxes == []
    dialog.reject()


def test_a_hotel_the_event_books_brings_its_local_name_and_address(qtbot, window, demo_db) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_add(qtbot, window)
    dialog.person.setCurrentIndex(dialog.person.findData(ANE))
    qtbot.keyClicks(dialog.hotel, "hotel nagoya castle")
    dialog.hotel.editingFinished.emit()
    assert (dialog.hotel_local.text(), dialog.address_local.text()) == ("ホテルナゴヤキャッスル", "愛知県名古屋市西区樋の口町3-19")
    dialog.address_local.setText("愛知県名古屋市西区樋の口町3-19 (西口)")
    dialog.check_in.setDate(QDate(2022, 11, 25))
    dialog.check_out.setDate(QDate(2022, 11, 26))
    _save(dialog)
    (stay,) = _stays(demo_db, "hotel nagoya castle")
    assert (stay.hotel_local, stay.address_local) == ("ホテルナゴヤキャッスル", "愛知県名古屋市西区樋の口町3-19 (西口)")
    window.undo_stack.undo()
    assert _stays(demo_db, "hotel nagoya castle") == [] and window.boxes == []
