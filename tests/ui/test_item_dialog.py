"""The item editor: edits go through the undo stack; DST gaps and folds are refused beside the field."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QDialogButtonBox

from iurc_desktop.core.events.items import create_item
from iurc_desktop.core.events.listing import get_event, get_event_model
from iurc_desktop.ui.dialogs.item_dialog import ItemDialog, open_item_dialog
from iurc_desktop.ui.widgets.record_form import MARKED_FIELDS


def _item(db, code: str, key: str):  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return next(i for i in get_event(session, code).items if i.key == key)


def _save(dialog: ItemDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_edit_then_undo_puts_the_old_title_and_time_back(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    dialog = open_item_dialog(window.ctx, window, "r2r-test", "aichi-visit")
    assert dialog is not None and dialog.isVisible()
    dialog.title.setText("Aichi foundation visit")
    dialog.start.time.setTime(QTime(10, 0))
    _save(dialog)
    item = _item(sample_db, "r2r-test", "aichi-visit")
    assert item.title == "Aichi foundation visit"
    assert item.start.strftime("%H:%M %Z") == "10:00 JST"
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    item = _item(sample_db, "r2r-test", "aichi-visit")
    assert item.title == "Aichi Science & Technology Foundation"
    assert item.start.strftime("%H:%M") == "09:30"
    window.undo_stack.redo()
    assert _item(sample_db, "r2r-test", "aichi-visit").title == "Aichi foundation visit"


def test_groups_can_be_cleared_so_everyone_attends(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    dialog = open_item_dialog(window.ctx, window, "r2r-test", "aichi-visit")
    assert [box.text() for box in dialog.groups.boxes.values()] == ["Group A", "Group B"]
    dialog.groups.boxes["A"].setChecked(False)
    _save(dialog)
    assert _item(sample_db, "r2r-test", "aichi-visit").groups == ()
    window.undo_stack.undo()
    assert _item(sample_db, "r2r-test", "aichi-visit").groups == ("A",)


def _brussels_item(db) -> None:  # type: ignore[no-untyped-def]
    """An item of the webinar, which now runs from March to October so that both DST changes fall within it."""
    with db.transaction() as session:
        get_event_model(session, "webinar-test").end_date = date(2026, 10, 31)
        create_item(session, "webinar-test", key="dst", title="Night check", kind="session",
                    start_local=datetime(2026, 3, 28, 9, 0), end_local=datetime(2026, 3, 28, 10, 0), zone="Europe/Brussels")


def test_a_time_in_the_dst_gap_is_refused_beside_the_field(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    _brussels_item(sample_db)
    dialog = open_item_dialog(window.ctx, window, "webinar-test", "dst")
    dialog.start.date.setDate(QDate(2026, 3, 29))
    dialog.start.time.setTime(QTime(2, 30))
    dialog.end.date.setDate(QDate(2026, 3, 29))
    dialog.end.time.setTime(QTime(4, 0))
    start_problem = dialog.form.problems["start"]
    assert start_problem.isVisible() and not dialog.start.message.isVisible()  # once, beneath the field
    assert "does not exist in Europe/Brussels" in start_problem.text()
    assert "from 03:00" in start_problem.text()
    _save(dialog)
    assert dialog.isVisible()  # stays open, nothing pushed, nothing changed
    assert window.undo_stack.count() == 0
    assert _item(sample_db, "webinar-test", "dst").start.hour == 9
    dialog.start.time.setTime(QTime(3, 0))
    assert not start_problem.isVisible()
    _save(dialog)
    assert not dialog.isVisible()
    assert _item(sample_db, "webinar-test", "dst").start.strftime("%d %H:%M %Z") == "29 03:00 CEST"


def test_a_fold_offers_both_readings_and_saves_the_chosen_one(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    _brussels_item(sample_db)
    dialog = open_item_dialog(window.ctx, window, "webinar-test", "dst")
    for field in (dialog.start, dialog.end):
        field.date.setDate(QDate(2026, 10, 25))
    dialog.start.time.setTime(QTime(2, 30))
    dialog.end.time.setTime(QTime(4, 0))
    assert dialog.start.fold.isVisible()
    choices = [dialog.start.fold.itemText(n) for n in range(dialog.start.fold.count())]
    assert choices == ["2026-10-25 02:30 CEST (UTC+02:00)", "2026-10-25 02:30 CET (UTC+01:00)"]
    assert "happens twice" in dialog.form.problems["start"].text()
    dialog.start.fold.setCurrentIndex(1)
    _save(dialog)
    assert _item(sample_db, "webinar-test", "dst").start.strftime("%H:%M %Z") == "02:30 CET"


def test_unknown_zone_and_an_end_before_the_start_are_refused_inline_and_the_dialog_stays_open(qtbot, window, sample_db) -> None:  # type: ignore[no-untyped-def]
    dialog = open_item_dialog(window.ctx, window, "r2r-test", "final")
    dialog.zone.setCurrentText("Asia/Tokio")
    zone_problem = dialog.form.problems["zone"]
    assert zone_problem.isVisible() and "not a known time zone" in zone_problem.text()
    _save(dialog)
    assert dialog.isVisible() and window.undo_stack.count() == 0
    dialog.zone.setCurrentText("Asia/Tokyo")
    dialog.end.time.setTime(QTime(13, 0))  # before the start: said at once, the times as the fields show them
    assert dialog.form.problems["end"].text() == "Fri 25 Nov 2022 13:00 is before the start Fri 25 Nov 2022 14:00"
    _save(dialog)
    assert dialog.isVisible()
    assert "is before the start" in dialog.form.problems["end"].text()
    assert dialog.message.text() == MARKED_FIELDS  # beside the field only, not again at the foot
    assert window.undo_stack.count() == 0


def test_double_click_in_the_overview_opens_the_editor(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = window.open_event("r2r-test")
    page.items_table.doubleClicked.emit(page.items_model.index(0, 0))
    dialogs = [w for w in window.findChildren(ItemDialog) if w.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].record["key"] == "aichi-visit"
