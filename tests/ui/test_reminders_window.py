"""Reminders in the window: the rules dialog (each edit undoable, problems beside the fields, the keyboard alone),
the timer that queues what comes due while the app is open, and the home page's reminders due while it was closed."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from iurc_desktop.app import outbox, reminders
from iurc_desktop.app.outbox import MailSettings
from iurc_desktop.app.programme import load_programme
from iurc_desktop.app.changes import Topic
from iurc_desktop.app.reminders import RuleSpec
from iurc_desktop.core.db import Database
from iurc_desktop.ui.dialogs.reminders_dialog import RemindersDialog, RuleDialog, open_reminders
from tests.mail_programme import write_programme

CODE = "visit-2026"
# The opening is on 22 Oct 2026 at 10:00 Brussels (08:00Z): "1 day before each item" is due at 08:00Z on the 21st.
BEFORE_OPENING = datetime(2026, 10, 21, 9, 0, tzinfo=timezone.utc)
LONG_BEFORE = datetime(2026, 9, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def mail_db(db: Database, tmp_path: Path) -> Database:
    """The mail programme: a Brussels study visit in October 2026 (Hanako, Ane; Bo waitlisted) and a webinar."""
    load_programme(db, write_programme(tmp_path))
    return db


@pytest.fixture
def sender() -> None:
    outbox.save_settings(MailSettings(host="127.0.0.1", port=2525, security="none", from_address="team@example.eu"))


@pytest.fixture
def rctx(qtbot, mail_db, errors):  # type: ignore[no-untyped-def]
    """A context on the mail programme, seen from New York (so the two clocks of the schedule differ)."""
    from PySide6.QtGui import QUndoStack

    from iurc_desktop.ui.commands.base import Changes
    from iurc_desktop.ui.shell.context import Context
    from iurc_desktop.ui.worker import TaskRunner

    context = Context(mail_db, QUndoStack(), TaskRunner(), Changes(), "America/New_York", errors.append)
    yield context
    context.tasks.shutdown()


@pytest.fixture
def dialog(qtbot, rctx) -> RemindersDialog:  # type: ignore[no-untyped-def]
    found = open_reminders(rctx, None, CODE, "study_visit", now=lambda: LONG_BEFORE)  # type: ignore[arg-type]
    qtbot.addWidget(found)
    qtbot.waitUntil(lambda: "reading" not in found.schedule_title.text())
    return found


def rules(db: Database) -> list[tuple[str, str, str, str, bool]]:
    return [(r.template, r.before, r.anchor, r.to, r.enabled) for r in reminders.reminder_rules(db, CODE)]


def open_windows(kind: type) -> list:  # type: ignore[type-arg]
    """The windows of `kind` on screen (dialogs the window opened itself)."""
    from PySide6.QtWidgets import QApplication

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def fill(form: RuleDialog, *, template: str | None = None, amount: int | None = None, unit: str | None = None,
         anchor: str | None = None, to: str | None = None) -> None:
    if template is not None:
        form.template.setCurrentText(template)
    if amount is not None:
        form.before.amount.setValue(amount)  # type: ignore[attr-defined]
    if unit is not None:
        form.before.unit.setCurrentIndex(form.before.unit.findData(unit))  # type: ignore[attr-defined]
    if anchor is not None:
        form.anchor.setCurrentIndex(form.anchor.findData(anchor))
    if to is not None:
        form.to.setText(to)


def test_add_edit_remove_each_undone_and_redone(dialog: RemindersDialog, rctx, mail_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    form = dialog.add()
    fill(form, template="practical-information", amount=14, unit="d", anchor="event", to="group=A")
    form.save()
    assert not form.isVisible()
    assert rules(mail_db) == [("practical-information", "14d", "event", "group=A", True)]
    assert dialog.rules_model.rowCount() == 1
    qtbot.waitUntil(lambda: dialog.schedule_model.rowCount() == 2)  # Hanako and Ane of group A
    shown = dialog.schedule_model.row_at(0)
    their = dialog.schedule_model.index(0, 0).data()
    yours = dialog.schedule_model.index(0, 1).data()
    assert shown.person_name and their != yours and "EDT" in yours  # the viewer reads New York's clock

    rctx.undo.undo()
    assert rules(mail_db) == []
    rctx.undo.redo()
    assert rules(mail_db) == [("practical-information", "14d", "event", "group=A", True)]

    dialog.rules.selectRow(0)
    form = dialog.edit()
    assert form is not None and form.to.text() == "group=A"
    fill(form, amount=7, to="")
    form.save()
    assert rules(mail_db) == [("practical-information", "7d", "event", "", True)]
    rctx.undo.undo()
    assert rules(mail_db) == [("practical-information", "14d", "event", "group=A", True)]
    rctx.undo.redo()
    assert rules(mail_db) == [("practical-information", "7d", "event", "", True)]

    dialog.rules.selectRow(0)
    dialog.toggle()
    assert rules(mail_db)[0][4] is False
    assert "(rule off)" in dialog.schedule_model.index(0, 5).data() or dialog.schedule_model.rowCount() == 0
    rctx.undo.undo()
    assert rules(mail_db)[0][4] is True

    rule_id = reminders.reminder_rules(mail_db, CODE)[0].id
    dialog.rules.selectRow(0)
    dialog.remove()
    assert rules(mail_db) == []
    rctx.undo.undo()
    assert [r.id for r in reminders.reminder_rules(mail_db, CODE)] == [rule_id]  # back under its own id
    rctx.undo.redo()
    assert rules(mail_db) == []


@pytest.mark.parametrize(("amount", "unit", "said"), [(0, "d", "0 is not a time before"),
                                                      (400, "d", "more than a year before")])
def test_a_bad_time_before_is_said_beside_its_field_and_nothing_is_saved(
        dialog: RemindersDialog, rctx, mail_db, amount: int, unit: str, said: str) -> None:  # type: ignore[no-untyped-def]
    form = dialog.add()
    fill(form, amount=amount, unit=unit)
    form.save()
    assert form.isVisible()
    assert said in form.form.problems["before"].text() and form.form.problems["before"].isVisibleTo(form)
    assert not form.form.problems["to"].isVisibleTo(form)
    assert rules(mail_db) == [] and rctx.undo.count() == 0
    fill(form, amount=2)
    form.save()
    assert rules(mail_db) == [("reminder", f"2{unit}", "item", "", True)]


def test_a_bad_filter_is_said_beside_its_field_as_the_send_dialog_says_it(dialog: RemindersDialog, rctx, mail_db) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.app import mail

    form = dialog.add()
    fill(form, to="colour=blue")
    form.save()
    problem = form.form.problems["to"]
    assert problem.isVisibleTo(form) and "colour=blue" in problem.text()
    with pytest.raises(Exception) as refused:  # the Send dialog's words for the same filter
        mail.recipients(mail_db, CODE, to="colour=blue")
    assert problem.text() == str(refused.value)
    assert rules(mail_db) == [] and rctx.undo.count() == 0


def test_the_form_leaves_out_the_calendar_templates(dialog: RemindersDialog) -> None:
    form = dialog.add()
    names = [form.template.itemText(i) for i in range(form.template.count())]
    assert "reminder" in names and not {"invitation", "update", "cancellation"} & set(names)


def test_suggested_rules_are_added_in_one_action_and_undone_in_one(dialog: RemindersDialog, rctx, mail_db) -> None:  # type: ignore[no-untyped-def]
    assert dialog.suggest_button.isVisibleTo(dialog)
    dialog.suggest_button.click()
    assert rules(mail_db) == [("practical-information", "14d", "event", "", True), ("reminder", "1d", "item", "", True)]
    assert rctx.undo.count() == 1 and not dialog.suggest_button.isVisibleTo(dialog)
    rctx.undo.undo()
    assert rules(mail_db) == [] and dialog.suggest_button.isVisibleTo(dialog)
    rctx.undo.redo()
    assert len(rules(mail_db)) == 2


def test_the_dialog_works_from_the_keyboard(dialog: RemindersDialog, rctx, mail_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    reminders.add_rule(mail_db, CODE, RuleSpec("reminder", "1d", "item"))
    reminders.add_rule(mail_db, CODE, RuleSpec("practical-information", "14d", "event"))
    dialog.reload()
    order, widget = [], dialog.rules
    widget.setFocus()
    for _ in range(7):
        order.append(widget)
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isVisibleTo(dialog):
            widget = widget.nextInFocusChain()
    assert order[:6] == [dialog.rules, dialog.add_button, dialog.edit_button, dialog.toggle_button,
                         dialog.remove_button, dialog.schedule]

    dialog.rules.setFocus()
    dialog.rules.selectRow(1)
    qtbot.keyClick(dialog.rules, Qt.Key.Key_Return)
    [form] = open_windows(RuleDialog)
    assert form.row is not None and form.row.template == "practical-information"
    form.before.amount.setValue(10)  # type: ignore[attr-defined]
    qtbot.keyClick(form.to, Qt.Key.Key_Return)  # Enter saves the form
    assert ("practical-information", "10d", "event", "", True) in rules(mail_db)

    dialog.rules.setFocus()
    dialog.rules.selectRow(0)
    qtbot.keyClick(dialog.rules, Qt.Key.Key_Delete)
    assert rules(mail_db) == [("practical-information", "10d", "event", "", True)]
    dialog.activateWindow()
    qtbot.keyClick(dialog.rules, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo, from inside the dialog
    assert len(rules(mail_db)) == 2
    qtbot.keyClick(dialog.rules, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(rules(mail_db)) == 1


@pytest.fixture
def main_window(qtbot, mail_db):  # type: ignore[no-untyped-def]
    from iurc_desktop.ui.shell.main_window import MainWindow

    win = MainWindow(mail_db, viewer_zone="Europe/Brussels")
    qtbot.addWidget(win)
    win.show()
    yield win
    win.tasks.shutdown()


def messages(db: Database) -> int:
    return outbox.outbox(db).total


def run_timer(main_window, qtbot) -> object:  # type: ignore[no-untyped-def]
    task = main_window.reminder_timer.tick()
    if task is not None:
        qtbot.waitUntil(lambda: main_window.reminder_timer.running is None)
    return task


def test_the_timer_queues_a_due_reminder_once(main_window, mail_db, sender, qtbot) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.ui.shell.reminder_timer import INTERVAL_MS

    assert main_window.reminder_timer.timer.isActive() and main_window.reminder_timer.timer.interval() == INTERVAL_MS == 60_000
    reminders.add_rule(mail_db, CODE, RuleSpec("reminder", "1d", "item", "email=hanako@example.jp"))
    main_window.reminder_timer.now = lambda: LONG_BEFORE
    assert run_timer(main_window, qtbot) is not None
    assert messages(mail_db) == 0  # nothing due yet
    main_window.reminder_timer.now = lambda: BEFORE_OPENING
    outbox_heard = []
    main_window.changes.changed.connect(outbox_heard.append)
    run_timer(main_window, qtbot)
    assert messages(mail_db) == 1  # Hanako, about the opening
    assert main_window.statusBar().currentMessage().startswith("Queued 1 reminder (Outbox)")
    assert any(topic.concerns(Topic.OUTBOX) for topic in outbox_heard)
    run_timer(main_window, qtbot)
    assert messages(mail_db) == 1  # the second run finds it done


def test_a_full_batch_brings_the_next_run_within_seconds(main_window, mail_db, sender, qtbot,  # type: ignore[no-untyped-def]
                                                         monkeypatch) -> None:
    monkeypatch.setattr("iurc_desktop.exchange.mail.reminders.BATCH", 1)
    reminders.add_rule(mail_db, CODE, RuleSpec("reminder", "1d", "item"))  # Ane and Hanako: two due, one a batch
    main_window.reminder_timer.now = lambda: BEFORE_OPENING
    main_window.reminder_timer.soon.stop()  # the first run after start: this test makes its own
    run_timer(main_window, qtbot)
    assert messages(mail_db) == 1 and main_window.reminder_timer.soon.isActive()
    qtbot.waitUntil(lambda: messages(mail_db) == 2, timeout=5_000)  # not a minute later


def test_a_closed_window_queues_nothing(main_window, mail_db, sender, qtbot) -> None:  # type: ignore[no-untyped-def]
    reminders.add_rule(mail_db, CODE, RuleSpec("reminder", "1d", "item"))
    main_window.reminder_timer.now = lambda: BEFORE_OPENING
    main_window.close()  # its database may be gone before the timer's next tick
    assert run_timer(main_window, qtbot) is None and messages(mail_db) == 0


def test_the_timer_queues_nothing_without_a_sender_address(main_window, mail_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    reminders.add_rule(mail_db, CODE, RuleSpec("reminder", "1d", "item"))
    main_window.reminder_timer.now = lambda: BEFORE_OPENING
    assert run_timer(main_window, qtbot) is None
    assert messages(mail_db) == 0 and not main_window.statusBar().currentMessage().startswith("Queued")


@pytest.fixture
def home(qtbot, rctx):  # type: ignore[no-untyped-def]
    from datetime import date

    from iurc_desktop.ui.pages.home_page import HomePage

    page = HomePage(rctx, today=lambda: date(2026, 10, 21))
    page.reminders.now = lambda: BEFORE_OPENING  # the app opens the morning after they came due
    said: list[str] = []
    page.status.connect(said.append)
    page.said = said  # type: ignore[attr-defined]
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    return page


def read(home, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The home page read again, with its reminders due (read on the worker)."""
    with qtbot.waitSignal(home.reminders.shown):
        home.refresh()


def test_the_home_page_lists_reminders_due_while_closed_and_queue_now_empties_it(home, mail_db, sender, qtbot) -> None:  # type: ignore[no-untyped-def]
    reminders.add_rule(mail_db, CODE, RuleSpec("reminder", "1d", "item", "group=A"))
    read(home, qtbot)
    section = home.reminders
    assert section.isVisibleTo(home) and section.model.rowCount() == 2  # Hanako and Ane, about the opening
    assert {section.model.index(r, 2).data() for r in range(2)} == {"鈴木花子", "Ane Etxeberria"}
    assert {section.model.index(r, 3).data() for r in range(2)} == {"Opening"}
    assert "(2)" in section.title.text() and section.queue_button.isEnabled()
    assert not section.settings_button.isVisibleTo(home)
    section.queue_button.click()
    qtbot.waitUntil(lambda: not section.isVisibleTo(home))
    assert messages(mail_db) == 2
    assert home.said[-1].startswith("Queued 2 reminders (Outbox)")


def test_without_a_sender_the_home_page_says_so_with_the_way_to_settings(home, mail_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    reminders.add_rule(mail_db, CODE, RuleSpec("reminder", "1d", "item"))
    read(home, qtbot)
    section = home.reminders
    assert section.isVisibleTo(home) and section.no_sender.isVisibleTo(home) and section.settings_button.isVisibleTo(home)
    assert not section.queue_button.isEnabled()


def test_reminders_missed_since_are_listed_as_missed_not_sent(home, mail_db, sender, qtbot) -> None:  # type: ignore[no-untyped-def]
    reminders.add_rule(mail_db, CODE, RuleSpec("reminder", "1d", "item", "email=hanako@example.jp"))
    read(home, qtbot)
    assert home.reminders.model.rowCount() == 1
    home.reminders.now = lambda: datetime(2026, 10, 22, 9, 0, tzinfo=timezone.utc)  # the opening began meanwhile
    home.reminders.queue_button.click()
    qtbot.waitUntil(lambda: home.reminders.missed.isVisibleTo(home))
    assert "鈴木花子" in home.reminders.missed.text() and "Opening" in home.reminders.missed.text()
    assert messages(mail_db) == 0 and "1 reminder missed" in home.said[-1]


def test_nothing_due_hides_the_section(home, mail_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    read(home, qtbot)
    assert not home.reminders.isVisibleTo(home)


def test_the_list_is_bounded_and_says_how_many_more(home, mail_db, sender, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.ui.pages import home_reminders

    monkeypatch.setattr(home_reminders, "SHOWN", 1)
    reminders.add_rule(mail_db, CODE, RuleSpec("reminder", "1d", "item", "group=A"))
    read(home, qtbot)
    assert home.reminders.model.rowCount() == 1 and "the first 1 listed, 1 more" in home.reminders.title.text()


def test_the_event_page_opens_the_reminders_dialog_beside_its_other_actions(main_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = main_window.open_event(CODE)
    assert page.reminders_button.parent() is page.actions_bar
    page.reminders_button.click()
    found = open_windows(RemindersDialog)
    assert len(found) == 1 and found[0].code == CODE and found[0].kind == "study_visit"
    qtbot.waitUntil(lambda: "reading" not in found[0].schedule_title.text())
    found[0].close()


def focused_after(form: RuleDialog, qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    qtbot.keyClick(QApplication.focusWidget() or form, key, modifier)
    return QApplication.focusWidget()


def activate(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Make `window` the active one, as a person's click would: keys go to its focus widget, Alt+keys to its labels."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_the_form_opens_on_template_and_tabs_down_it_then_save_and_cancel(dialog: RemindersDialog, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    form = dialog.add()
    activate(form, qtbot)
    assert QApplication.focusWidget() is form.template
    buttons = form.buttons
    expected = [form.before.amount, form.before.unit, form.anchor, form.to, form.enabled,  # type: ignore[attr-defined]
                buttons.button(QDialogButtonBox.StandardButton.Save), buttons.button(QDialogButtonBox.StandardButton.Cancel),
                form.template]
    assert [focused_after(form, qtbot, Qt.Key.Key_Tab) for _ in expected] == expected
    form.reject()


def test_each_label_of_the_form_has_its_own_working_mnemonic(dialog: RemindersDialog, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

    form = dialog.add()
    activate(form, qtbot)
    texts = [w.text() for w in form.findChildren(QLabel) + form.findChildren(QAbstractButton) if w.isVisibleTo(form)]
    keys = [QKeySequence.mnemonic(t).toString() for t in texts if QKeySequence.mnemonic(t).toString()]
    assert len(keys) == len(set(keys))  # no two share an Alt+key
    for letter, widget in ((Qt.Key.Key_B, form.before.amount), (Qt.Key.Key_W, form.anchor),  # type: ignore[attr-defined]
                           (Qt.Key.Key_O, form.to), (Qt.Key.Key_N, form.enabled), (Qt.Key.Key_T, form.template)):
        form.to.setFocus()  # from elsewhere each time
        assert focused_after(form, qtbot, letter, Qt.KeyboardModifier.AltModifier) is widget, letter
    assert QApplication.focusWidget() is form.template
    form.reject()


def test_the_note_below_the_rules_says_the_latest_action_and_what_an_undo_undid(dialog: RemindersDialog, rctx, mail_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog.suggest_button.click()
    assert dialog.note.text() == "Added 2 suggested rules. Ctrl+Z undoes it."
    dialog.rules.selectRow(1)
    dialog.toggle()
    assert dialog.note.text() == "Turned reminder off. Ctrl+Z undoes it."
    activate(dialog, qtbot)
    qtbot.keyClick(dialog.rules, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dialog.note.text() == "Undone: turn reminder rule reminder off. Ctrl+Shift+Z redoes it."
    assert rules(mail_db)[1][4] is True
    qtbot.keyClick(dialog.rules, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert dialog.note.text() == "Redone: turn reminder rule reminder off. Ctrl+Z undoes it."
    form = dialog.add()
    fill(form, template="reminder", amount=3, anchor="event")
    form.save()
    assert dialog.note.text().startswith("Added reminder, 3 days before") and "suggested" not in dialog.note.text()


@pytest.mark.parametrize("closing", ["save", "escape"])
def test_after_the_form_closes_the_keyboard_is_back_in_the_rules_on_that_rule(dialog: RemindersDialog, rctx, mail_db, qtbot,  # type: ignore[no-untyped-def]
                                                                              closing: str) -> None:
    from PySide6.QtWidgets import QApplication

    reminders.add_rule(mail_db, CODE, RuleSpec("reminder", "1d", "item"))
    dialog.reload()
    activate(dialog, qtbot)
    dialog.add_button.setFocus()
    qtbot.keyClick(dialog.add_button, Qt.Key.Key_Space)  # Add… pressed from the keyboard
    [form] = open_windows(RuleDialog)
    activate(form, qtbot)
    fill(form, template="practical-information", amount=14, anchor="event")
    if closing == "save":
        qtbot.keyClick(form.to, Qt.Key.Key_Return)
    else:
        qtbot.keyClick(form.to, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert dialog.focusWidget() is dialog.rules  # not Add…, which opened the form
    activate(dialog, qtbot)  # the window manager hands the focus back (offscreen has none)
    assert QApplication.focusWidget() is dialog.rules
    chosen = dialog.selected()
    assert chosen is not None
    if closing == "save":
        assert chosen.template == "practical-information"
        qtbot.keyClick(dialog.rules, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undone without a click
        assert rules(mail_db) == [("reminder", "1d", "item", "", True)]
    else:
        assert chosen.template == "reminder" and len(rules(mail_db)) == 1
        qtbot.keyClick(dialog.rules, Qt.Key.Key_Delete)  # removed without a click
        assert rules(mail_db) == []


@pytest.mark.parametrize("use_case", ["add_rules", "edit_rule"])
def test_a_rule_like_an_existing_one_is_refused_beside_the_template(dialog: RemindersDialog, rctx, mail_db, qtbot,  # type: ignore[no-untyped-def]
                                                                    monkeypatch, use_case: str) -> None:
    from iurc_desktop.core.errors import ValidationError

    said = "template: the event has this rule already (reminder, 1 day before each item)"

    def refuse(*_args: object) -> None:  # the use case's refusal of a rule identical to another one
        raise ValidationError(said)

    reminders.add_rule(mail_db, CODE, RuleSpec("reminder", "1d", "item"))
    dialog.reload()
    dialog.rules.selectRow(0)
    monkeypatch.setattr(reminders, use_case, refuse)
    form = dialog.add() if use_case == "add_rules" else dialog.edit()
    fill(form, amount=2)
    form.save()
    assert form.isVisible() and form.form.problems["template"].isVisibleTo(form)
    assert form.form.problems["template"].text() == said.partition(": ")[2]
    assert rules(mail_db) == [("reminder", "1d", "item", "", True)] and rctx.undo.count() == 0
    form.reject()
    assert dialog.note.text() == "Ctrl+Z undoes each change."  # nothing was done: nothing said done


def test_an_edit_put_back_as_it_was_after_a_refusal_saves_nothing(dialog: RemindersDialog, rctx, mail_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.core.errors import ValidationError

    calls: list[object] = []

    def refuse(*args: object) -> None:
        calls.append(args)
        raise ValidationError("template: the event has this rule already")

    reminders.add_rule(mail_db, CODE, RuleSpec("reminder", "1d", "item"))
    dialog.reload()
    dialog.rules.selectRow(0)
    monkeypatch.setattr(reminders, "edit_rule", refuse)
    form = dialog.edit()
    fill(form, amount=2)
    form.save()
    assert form.isVisible() and len(calls) == 1
    fill(form, amount=1)  # back as it was: nothing to save
    form.save()
    assert not form.isVisible() and len(calls) == 1 and rctx.undo.count() == 0
    assert dialog.note.text() == "Ctrl+Z undoes each change."
