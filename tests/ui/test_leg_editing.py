"""Adding and editing a travel leg in the window: airports bring their zones, "+1d" for a next-day arrival, undo/redo."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox

from iurc_desktop.core.models import TravelLeg
from iurc_desktop.core.travel.legs import list_legs
from iurc_desktop.ui.dialogs.leg_dialog import LegDialog
from iurc_desktop.ui.shell.main_window import MainWindow

CODE = "r2r-japan-2022"
ANE = "ane.etxeberria@example.eus"


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


def _legs(db, number: str):  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return [leg for leg in list_legs(session, CODE) if leg.number == number]


def _uid(db) -> str:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return session.scalars(select(TravelLeg.uid).where(TravelLeg.number == "NH9232")).one()


def _open_add(qtbot, window) -> LegDialog:  # type: ignore[no-untyped-def]
    tab = window.open_event(CODE).select_tab("travel")
    qtbot.mouseClick(tab.add_leg_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, LegDialog) and dialog.isVisible()
    return dialog


def _when(field, day: tuple[int, int, int], hour: int, minute: int = 0) -> None:  # type: ignore[no-untyped-def]
    field.date.setDate(QDate(*day))
    field.time.setTime(QTime(hour, minute))


def _fill_overnight(qtbot, dialog: LegDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.person.setCurrentIndex(dialog.person.findData(ANE))
    qtbot.keyClicks(dialog.carrier, "NH")
    qtbot.keyClicks(dialog.number, "NH9232")
    qtbot.keyClicks(dialog.from_place, "BRU")
    _when(dialog.depart, (2022, 11, 18), 21, 5)
    qtbot.keyClicks(dialog.to_place, "NRT")
    _when(dialog.arrive, (2022, 11, 19), 17, 10)


def _save(dialog: LegDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_an_overnight_flight_brussels_tokyo_is_added_with_airport_zones_then_undone_and_redone(qtbot, window, demo_db) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_add(qtbot, window)
    _fill_overnight(qtbot, dialog)
    assert dialog.from_zone.zone() == "Europe/Brussels" and dialog.to_zone.zone() == "Asia/Tokyo"
    assert "Narita" in dialog.to_place.airport_name.text()
    assert dialog.day_shift.text() == "<b>+1d</b>"
    _save(dialog)
    assert not dialog.isVisible()
    (leg,) = _legs(demo_db, "NH9232")
    assert (leg.from_place, leg.from_zone, f"{leg.depart:%H:%M %Z}") == ("BRU", "Europe/Brussels", "21:05 CET")
    assert (leg.to_place, leg.to_zone, f"{leg.arrive:%d %H:%M %Z}") == ("NRT", "Asia/Tokyo", "19 17:10 JST")
    tab = window.event_page.select_tab("travel")
    row = tab.legs_model.row_of(lambda shown: shown.number == "NH9232")
    column = next(n for n, c in enumerate(tab.legs_model.columns) if c.header == "Arrives (local)")
    assert tab.legs_model.index(row, column).data().endswith("+1d")
    uid = _uid(demo_db)
    window.undo_stack.undo()
    assert _legs(demo_db, "NH9232") == []
    assert window.event_page.select_tab("travel").legs_model.row_of(lambda shown: shown.number == "NH9232") < 0
    window.undo_stack.redo()
    assert len(_legs(demo_db, "NH9232")) == 1
    assert _uid(demo_db) == uid  # the same calendar entry, not a second one
    assert window.boxes == []


def test_the_add_leg_shortcut_opens_the_dialog(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    tab = window.open_event(CODE).select_tab("travel")
    tab.legs_table.setFocus()
    qtbot.keyClick(tab.legs_table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert isinstance(tab.dialog, LegDialog) and tab.dialog.isVisible()


def test_an_unknown_airport_code_and_a_bad_zone_show_beside_their_fields(qtbot, window, demo_db) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_add(qtbot, window)
    _fill_overnight(qtbot, dialog)
    dialog.from_place.clear()
    qtbot.keyClicks(dialog.from_place, "XQZ")
    assert "XQZ is not an airport code" in dialog.form.problems["from"].text()
    assert dialog.form.problems["from"].isVisible()
    dialog.from_place.setText("Gare du Midi")
    assert not dialog.form.problems["from"].isVisible()
    dialog.from_zone.setCurrentText("Europe")
    assert "a region, not a time zone" in dialog.form.problems["from_zone"].text()
    _save(dialog)
    assert dialog.isVisible() and window.undo_stack.count() == 0 and _legs(demo_db, "NH9232") == []
    assert window.boxes == []


def test_a_departure_in_the_dst_gap_is_refused_beside_the_field(qtbot, window, demo_db) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_add(qtbot, window)
    _fill_overnight(qtbot, dialog)
    _when(dialog.depart, (2026, 3, 29), 2, 30)
    _when(dialog.arrive, (2026, 3, 30), 9, 0)
    assert dialog.depart.message.isVisible()
    assert "does not exist in Europe/Brussels" in dialog.depart.message.text()
    _save(dialog)
    assert dialog.isVisible() and window.undo_stack.count() == 0 and _legs(demo_db, "NH9232") == []


def test_an_arrival_before_the_departure_is_refused_beside_the_arrival(qtbot, window, demo_db) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_add(qtbot, window)
    _fill_overnight(qtbot, dialog)
    _when(dialog.arrive, (2022, 11, 18), 23, 0)  # 15:00 in Brussels, before the 21:05 departure
    _save(dialog)
    assert dialog.isVisible() and window.undo_stack.count() == 0 and _legs(demo_db, "NH9232") == []
    assert "is before the departure" in dialog.form.problems["arrive"].text()
    assert dialog.form.problems["arrive"].isVisible()
    assert window.boxes == []


def test_double_click_edits_a_leg_and_undo_puts_it_back(qtbot, window, demo_db) -> None:  # type: ignore[no-untyped-def]
    tab = window.open_event(CODE).select_tab("travel")
    row = tab.legs_model.row_of(lambda leg: leg.number == "AF276" and leg.person == ANE)
    index = tab.legs_model.index(row, 0)
    tab.legs_table.scrollTo(index)
    centre = tab.legs_table.visualRect(index).center()
    qtbot.mouseClick(tab.legs_table.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # a double-click follows a press
    qtbot.mouseDClick(tab.legs_table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    dialog = tab.dialog
    assert isinstance(dialog, LegDialog) and dialog.isVisible()
    assert dialog.number.text() == "AF276" and dialog.person.currentData() == ANE
    dialog.to_place.setText("KIX")
    dialog.to_place.textEdited.emit("KIX")
    _save(dialog)
    assert not dialog.isVisible()
    (leg,) = [leg for leg in _legs(demo_db, "AF276") if leg.person == ANE]
    assert (leg.to_place, leg.to_zone) == ("KIX", "Asia/Tokyo")
    window.undo_stack.undo()
    (leg,) = [leg for leg in _legs(demo_db, "AF276") if leg.person == ANE]
    assert leg.to_place == "HND"
