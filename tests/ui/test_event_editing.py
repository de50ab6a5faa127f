"""Edit, cancel and remove an event, and its groups, from the window: each undoable, problems beside the fields."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from iurc_desktop.core.models import Event, Group, Item
from iurc_desktop.ui.dialogs.cancel_item import CancelEventDialog, CancelItemDialog
from iurc_desktop.ui.dialogs.event_dialog import EventDialog, GroupNameDialog, GroupsDialog


@pytest.fixture(autouse=True)
def errors(monkeypatch):
    """Errors the window would show in a box, collected instead."""
    shown: list[BaseException] = []
    monkeypatch.setattr("iurc_desktop.ui.shell.main_window.show_error", lambda parent, exc: shown.append(exc))
    return shown


def stored(db, code: str) -> tuple | None:
    """The event's code, title, zone, status, its items' (key, start, status) and its groups; None if gone."""
    with db.reading() as s:
        event = s.scalar(select(Event).where(Event.code == code))
        if event is None:
            return None
        items = tuple(sorted((i.key, i.start_utc, i.status) for i in s.scalars(select(Item).where(Item.event_id == event.id))))
        groups = tuple(sorted(s.scalars(select(Group.name).where(Group.event_id == event.id))))
        return event.code, event.title, event.zone, event.status, items, groups


def save(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_edit_event_changes_code_title_and_zone_items_keep_their_times_and_undo(window, sample_db, qtbot, errors) -> None:
    before = stored(sample_db, "r2r-test")
    page = window.open_event("r2r-test")
    assert page.edit_button.shortcut().toString() == "Ctrl+E" and not page.edit_button.icon().isNull()
    page.edit_button.click()
    dialog = page.findChild(EventDialog)
    assert "items keep their times" in dialog.findChildren(type(page.heading))[0].text()
    dialog.code.setText("r2r-test-2")
    dialog.title_field.clear()
    qtbot.keyClicks(dialog.title_field, "Renamed visit")
    dialog.zone.setCurrentText("Asia/Seoul")
    save(dialog)
    assert errors == [] and not dialog.isVisible()
    after = stored(sample_db, "r2r-test-2")
    assert after[:3] == ("r2r-test-2", "Renamed visit", "Asia/Seoul")
    assert [(k, t) for k, t, _ in after[4]] == [(k, t) for k, t, _ in before[4]]  # same instants
    assert page.code == "r2r-test-2" and page.heading.text() == "Renamed visit"  # the page follows the new code

    window.undo_stack.undo()
    assert stored(sample_db, "r2r-test") == before and stored(sample_db, "r2r-test-2") is None
    assert page.code == "r2r-test" and page.heading.text() == "EU-Japan study visit" and errors == []
    window.undo_stack.redo()
    assert stored(sample_db, "r2r-test-2")[1] == "Renamed visit"


@pytest.mark.parametrize(("field", "change", "message"), [
    ("zone", lambda d: d.zone.setCurrentText("Europe"), "a region, not a time zone"),
    ("email", lambda d: d.organiser_email.setText("info@@example"), "is not an e-mail address"),
    ("code", lambda d: d.code.setText("webinar-test"), "another event already has the code"),
    ("title", lambda d: d.title_field.clear(), "is empty"),
])
def test_edit_refusals_show_beside_the_field(window, sample_db, field, change, message, errors) -> None:
    before = stored(sample_db, "r2r-test")
    page = window.open_event("r2r-test")
    dialog = page.edit_event()
    change(dialog)
    save(dialog)
    assert dialog.isVisible() and dialog.form.problems[field].isVisibleTo(dialog)
    assert message in dialog.form.problems[field].text()
    assert stored(sample_db, "r2r-test") == before and errors == [] and window.undo_stack.count() == 0


def test_groups_add_rename_remove_with_undo(window, sample_db, qtbot, errors) -> None:
    page = window.open_event("r2r-test")
    assert page.groups_button.isVisibleTo(page)
    page.groups_button.click()
    groups = page.findChild(GroupsDialog)
    groups.add_button.click()
    naming = groups.findChild(GroupNameDialog)
    qtbot.keyClicks(naming.name, "C")
    save(naming)
    assert stored(sample_db, "r2r-test")[5] == ("A", "B", "C")
    assert [groups.list.item(i).text() for i in range(groups.list.count())] == ["A", "B", "C"]

    groups.list.setCurrentRow(0)
    dialog = groups.rename()
    dialog.name.setText("B")  # taken: said beside the name
    save(dialog)
    assert dialog.isVisible() and "already has a group 'B'" in dialog.message.text() + dialog.form.problems["name"].text()
    dialog.name.setText(" ")
    save(dialog)
    assert "a group needs a name" in dialog.form.problems["name"].text()
    dialog.name.setText("Aichi")
    save(dialog)
    assert stored(sample_db, "r2r-test")[5] == ("Aichi", "B", "C")

    groups.list.setCurrentRow(groups.list.count() - 1)
    groups.activateWindow()
    groups.list.setFocus()
    qtbot.keyClick(groups.list, Qt.Key.Key_Delete)
    assert stored(sample_db, "r2r-test")[5] == ("Aichi", "B")
    window.undo_stack.undo()  # C back
    window.undo_stack.undo()  # Aichi is A again, with its member and item
    assert stored(sample_db, "r2r-test")[5] == ("A", "B", "C")
    assert page._fact_labels["Groups"].text() == "A, B, C" and errors == []


def test_cancel_event_offers_the_cancellation_file_and_emails_at_once_and_undo_reinstates(
        window, sample_db, tmp_path: Path, monkeypatch, errors) -> None:
    page = window.open_event("r2r-test")
    target, folder = tmp_path / "r2r-test-cancel.ics", tmp_path / "mail"
    folder.mkdir()
    monkeypatch.setattr(type(page), "choose_cancellation_file", lambda self, stem: target)
    monkeypatch.setattr(type(page), "choose_mail_folder", lambda self: folder)
    page.cancel_button.click()
    dialog = page.findChild(CancelEventDialog)
    assert "2 scheduled items" in dialog.text.text() and dialog.keep.isDefault()  # Enter keeps the event
    dialog.mail_box.setChecked(True)
    dialog.confirm.click()
    after = stored(sample_db, "r2r-test")
    assert after[3] == "cancelled" and {s for _, _, s in after[4]} == {"cancelled"}
    text = target.read_text()
    assert "METHOD:CANCEL" in text and text.count("BEGIN:VEVENT") == 2
    assert sorted(p.suffix for p in folder.iterdir()) == [".eml", ".eml"]  # Ane and Hanako
    assert not page.cancel_button.isEnabled()

    window.undo_stack.undo()
    back = stored(sample_db, "r2r-test")
    assert back[3] == "planned" and {s for _, _, s in back[4]} == {"scheduled"} and errors == []
    assert page.cancel_button.isEnabled()


def test_remove_event_with_the_delete_key_and_undo_brings_it_back(window, sample_db, qtbot, errors) -> None:
    before = stored(sample_db, "webinar-test")
    page = window.show_page("events")
    row = next(r for r in range(page.model.rowCount()) if page.model.data(page.model.index(r, 0)) == "webinar-test")
    page.table.selectRow(row)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert stored(sample_db, "webinar-test") is None
    window.undo_stack.undo()
    assert stored(sample_db, "webinar-test") == before and errors == []


def test_cancel_an_item_of_the_overview_with_its_file_and_undo(window, sample_db, tmp_path: Path, monkeypatch,
                                                               errors) -> None:
    page = window.open_event("r2r-test")
    target = tmp_path / "final-cancel.ics"
    monkeypatch.setattr(type(page), "choose_cancellation_file", lambda self, stem: target)
    row = next(r for r, i in enumerate(page.item_rows()) if i.key == "final")
    page.items_table.selectRow(row)
    page.cancel_item_button.click()
    dialog = page.findChild(CancelItemDialog)
    assert "Undo schedules it again" in dialog.text.text() and dialog.keep.isDefault()
    dialog.confirm.click()
    statuses = {k: s for k, _, s in stored(sample_db, "r2r-test")[4]}
    assert statuses == {"aichi-visit": "scheduled", "final": "cancelled"}
    assert "METHOD:CANCEL" in target.read_text()
    window.undo_stack.undo()
    assert {s for _, _, s in stored(sample_db, "r2r-test")[4]} == {"scheduled"} and errors == []


def test_duplicate_dialog_warns_about_a_weekend_before_saving(window, sample_db, errors) -> None:
    from PySide6.QtCore import QDate

    from iurc_desktop.ui.dialogs.duplicate_dialog import DuplicateDialog

    window.open_event("r2r-test")
    window.menu_actions["duplicate"].trigger()
    dialog = window.duplicate_dialog
    assert isinstance(dialog, DuplicateDialog)
    dialog.new_start.setDate(QDate(2023, 11, 19))  # a Sunday start, as in 2022: Tuesday and Friday stay weekdays
    assert not dialog.weekend.isVisibleTo(dialog)
    dialog.new_start.setDate(QDate(2023, 11, 23))  # a Thursday start: the Aichi visit falls on a Saturday
    assert dialog.weekend.isVisibleTo(dialog)
    assert "1 session on a weekend: aichi-visit (Sat 25 Nov 2023)" in dialog.weekend.text()
    assert stored(sample_db, dialog.new_code.text()) is None  # nothing saved yet
