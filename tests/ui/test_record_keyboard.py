"""Record dialogs by keyboard: the first field has the focus, Tab walks the fields then the buttons, fixed fields lose
their messages."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from iurc_desktop.ui.dialogs.event_dialog import EventDialog
from iurc_desktop.ui.dialogs.item_dialog import open_item_dialog
from iurc_desktop.ui.dialogs.leg_dialog import LegDialog
from iurc_desktop.ui.widgets.record_form import RecordDialog, open_dialog

from .test_new_event import errors, events  # noqa: F401 - the Settings and error box stand-ins


def tab_stops(dialog: RecordDialog, qtbot) -> list[QWidget]:
    """The widgets Tab visits from the focused one, once round the dialog."""
    seen: list[QWidget] = []
    widget = dialog.focusWidget()
    while widget is not None and widget not in seen:
        seen.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        widget = dialog.focusWidget()
    return seen


def buttons(dialog: RecordDialog) -> list[QWidget]:
    return [dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
            dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)]


def test_ctrl_n_then_typing_fills_the_code_and_enter_saves(window, sample_db, qtbot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(EventDialog)
    assert dialog is not None and dialog.focusWidget() is dialog.code
    qtbot.keyClicks(dialog.focusWidget(), "typed-2027")
    assert dialog.code.text() == "typed-2027"
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.kind
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.focusWidget(), "Typed webinar")
    assert dialog.title_field.text() == "Typed webinar"
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert "typed-2027" in events(sample_db) and not dialog.isVisible()


def test_tab_walks_the_fields_once_each_then_save_and_cancel(window, qtbot) -> None:
    window.menu_actions["new_event"].trigger()
    dialog = window.findChild(EventDialog)
    stops = tab_stops(dialog, qtbot)
    assert stops[-2:] == buttons(dialog)  # the buttons come last
    assert stops.index(dialog.code) == 0 and stops.index(dialog.title_field) == 2
    # one stop per date, not one per weekday, day, month and year
    assert stops.count(dialog.start) == 1 and stops.index(dialog.end) == stops.index(dialog.start) + 1


def test_new_item_and_add_leg_open_on_their_first_field_with_the_buttons_last(window, qtbot) -> None:
    item = open_item_dialog(window.ctx, window, "r2r-test")
    assert item.focusWidget() is item.key
    stops = tab_stops(item, qtbot)
    assert stops[-2:] == buttons(item)
    # a local time is two stops, its date and its time
    assert stops.index(item.start.time) == stops.index(item.start.date) + 1
    assert stops.index(item.end.date) == stops.index(item.start.time) + 1
    item.reject()
    leg = open_dialog(LegDialog(window.ctx, "r2r-test", {"minjun": "Min-jun"}, date(2027, 4, 5), parent=window))
    assert leg.focusWidget() is leg.person or leg.person.isAncestorOf(leg.focusWidget())
    assert tab_stops(leg, qtbot)[-2:] == buttons(leg)


def test_a_fixed_field_loses_its_message_at_once(window, qtbot) -> None:
    window.menu_actions["new_event"].trigger()
    dialog = window.findChild(EventDialog)
    buttons(dialog)[0].click()  # all empty: refused, each message beside its field
    assert dialog.form.problems["code"].isVisibleTo(dialog) and dialog.form.problems["title"].isVisibleTo(dialog)
    qtbot.keyClicks(dialog.code, "fixed-2027")
    assert not dialog.form.problems["code"].isVisibleTo(dialog)
    assert dialog.form.problems["title"].isVisibleTo(dialog)  # not edited yet: still marked
    qtbot.keyClicks(dialog.title_field, "Fixed")
    assert not dialog.form.problems["title"].isVisibleTo(dialog)
    dialog.zone.setCurrentText("Mars/Olympus")  # the live check still speaks after the clearing
    assert dialog.form.problems["zone"].isVisibleTo(dialog)


def test_one_time_on_a_clock_change_is_it_not_them(window) -> None:
    from iurc_desktop.core.clock_changes import ClockChangeRefused, ItemTime, clock_change
    from iurc_desktop.ui.dialogs.clock_changes import ClockChangeDialog

    change = clock_change(datetime(2027, 3, 28, 2, 30), "Europe/Brussels")
    one = ClockChangeDialog(ClockChangeRefused([ItemTime("call", "Call", change)]), "gap.ics", window)
    assert one.about.text().startswith("1 time of gap.ics falls on a daylight-saving change: the clocks skip it or "
                                       "pass it twice.")
    two = ClockChangeDialog(ClockChangeRefused([ItemTime("a", "A", change), ItemTime("b", "B", change)]), "gap.ics",
                            window)
    assert "2 times of gap.ics fall on a daylight-saving change: the clocks skip them or pass them twice" in \
        two.about.text()


def test_a_date_reached_by_tab_takes_the_typed_day_and_tab_leaves_it(window, qtbot) -> None:
    window.menu_actions["new_event"].trigger()
    dialog = window.findChild(EventDialog)
    dialog.start.set_value(date(2027, 1, 5))
    dialog.activateWindow()  # focus events come to the active window only
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.zone.setFocus()
    qtbot.keyClick(dialog.zone, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.start
    qtbot.keyClicks(dialog.start, "12")  # the day, not the weekday shown first
    qtbot.keyClick(dialog.start, Qt.Key.Key_Up)  # on to the month: one later
    assert dialog.start.value() == date(2027, 2, 12)
    qtbot.keyClick(dialog.start, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.end
