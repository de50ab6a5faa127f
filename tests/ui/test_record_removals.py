"""Removals in the window: a participant goes with their legs and stays (undo brings all back), a group with items
of its own is refused below the groups list, never in a box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from iurc_desktop.app import travel
from iurc_desktop.app.events import event_record
from iurc_desktop.ui.dialogs.event_dialog import GroupsDialog

CODE = "r2r-test"
ANE, HANAKO = "ane@example.eus", "hanako@example.jp"


def _arrangements(db) -> tuple[list[tuple[int, str]], list[tuple[int, str, str | None]]]:  # type: ignore[no-untyped-def]
    legs = sorted((leg.id, leg.person) for leg in travel.list_legs(db, CODE))
    stays = sorted((st.id, st.person, st.shares_with) for st in travel.list_stays(db, CODE))
    return legs, stays


def test_removing_a_participant_takes_their_stays_and_undo_brings_them_back(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    travel.add_leg(sample_db, CODE, {"person": ANE, "from": "CDG", "depart": "2022-11-19T13:00", "to": "HND",
                                     "arrive": "2022-11-20T09:00"})
    for who, mate in ((ANE, HANAKO), (HANAKO, ANE)):
        travel.add_stay(sample_db, CODE, {"person": who, "hotel": "Hotel Kanda", "zone": "Asia/Tokyo", "check_in": "2022-11-20",
                                          "check_out": "2022-11-22", "room": "twin", "shares_with": mate})
    before = _arrangements(sample_db)
    tab = window.open_event(CODE).select_tab("participants")
    tab.select_emails(ANE)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert "with 1 leg and 1 stay (1 room-mate link cleared)" in window.statusBar().currentMessage()
    legs, stays = _arrangements(sample_db)
    assert legs == [] and [(person, mate) for _, person, mate in stays] == [(HANAKO, "")]
    window.ctx.undo.undo()
    assert _arrangements(sample_db) == before
    assert not [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    window.ctx.undo.redo()
    assert _arrangements(sample_db)[0] == []


def test_a_group_with_an_item_of_its_own_is_refused_below_the_list(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    page = window.open_event(CODE)
    page.groups_button.click()
    groups = page.findChild(GroupsDialog)
    groups.list.setCurrentRow(0)  # A, which the Aichi visit is for alone
    groups.list.setFocus()
    qtbot.keyClick(groups.list, Qt.Key.Key_Delete)
    assert "aichi-visit is for group A only: give it to another group or remove it first." in groups.note.text()
    assert event_record(sample_db, CODE)["groups"] == ["A", "B"] and window.ctx.undo.count() == 0
    assert not [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    groups.list.setCurrentRow(1)
    qtbot.keyClick(groups.list, Qt.Key.Key_Delete)
    assert groups.note.text().startswith(f"Removed group B of {CODE}; it had no members.")


def test_adding_a_participant_to_a_cancelled_event_is_refused_in_the_dialog(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox

    from iurc_desktop.app.events import cancel
    from iurc_desktop.app.registrations import registrations

    cancel(sample_db, CODE)
    tab = window.open_event(CODE).select_tab("participants")
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    dialog = tab.participant_dialog
    qtbot.keyClicks(dialog.person.lineEdit(), "minjun")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and f"{CODE} is cancelled: reinstate it first" in dialog.message.text()
    assert "minjun@example.kr" not in {r.email for r in registrations(sample_db, CODE)} and window.ctx.undo.count() == 0
    assert not [w for w in window.findChildren(QMessageBox) if w.isVisible()]
