"""An event's reminder rules (add, edit, turn on or off, remove: each undoable) above the schedule they make.

Opened from the event page (Reminders…). The schedule lists who gets what
when, each due instant on the recipient's clock and on the viewer's; it is read
on the worker and shown in a table model, so a big event's 100,000 rows cost
no widget each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox,
    QVBoxLayout, QWidget,
)

from ...app.changes import Topic
from ...core import local_times, timeutil
from ...core.counts import counted
from ...core.errors import Cancelled, IurcError
from ..commands.base import Reporter, ServiceCommand
from ..commands.reminders import AddRules, EditRule, RemoveRule
from ..icons import icon
from ..models.table import Column, RowsTableModel
from ..pages.list_page import ProportionalColumns, make_table
from ..shell.palette import ProblemLabel
from ..widgets.record_form import RecordDialog, open_dialog
from .event_dialog import on_delete_key
from .send_dialog import filter_hint

if TYPE_CHECKING:
    from ...app.reminders import DueRow, RuleRow, RuleSpec
    from ..shell.context import Context

Clock = Callable[[], datetime]
UNITS = (("days", "d"), ("hours", "h"))  # the "before" field's units, as parse_offset reads them
UNDO_NOTE = "Ctrl+Z undoes each change."
STATES = {"due": "due now", "missed": "missed: its start passed", "later": "later"}


def rule_columns() -> tuple[Column, ...]:
    return (
        Column("On", lambda r: "on" if r.enabled else "off", decoration=lambda r: icon("circle-check" if r.enabled else "circle-x")),
        Column("Template", "template"),
        Column("Before", "before_label"),
        Column("Before what", "anchor_label"),
        Column("To", lambda r: r.to or "every active participant"),
    )


def schedule_columns(viewer_zone: str, off: Callable[[int], bool]) -> tuple[Column, ...]:
    def their(row: DueRow) -> str:
        return local_times.moment_at(row.due_utc, row.zone)

    def yours(row: DueRow) -> str:
        return local_times.moment(timeutil.to_local(row.due_utc, viewer_zone), year=True)

    return (
        Column("Due (their time)", their, tooltip="On the recipient's own clock, on which the days are counted"),
        Column("Due (your time)", yours),
        Column("To", "person_name"),
        Column("About", lambda r: r.item_title or "the event"),
        Column("Template", "template"),
        Column("State", lambda r: STATES.get(r.state, r.state) + (" (rule off)" if off(r.rule_id) else "")),
    )


class KeyAction(QObject):
    """Calls `slot` when one of `keys` is pressed in the watched widget, and takes the key (no default button)."""

    def __init__(self, watched: QWidget, keys: tuple[Qt.Key, ...], slot: Callable[[], object]) -> None:
        super().__init__(watched)
        self.keys, self.slot = keys, slot
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and event.key() in self.keys:  # type: ignore[attr-defined]
            self.slot()
            return True
        return False


class BeforeField(QWidget):
    """How long before: a whole number and days or hours."""

    def __init__(self, before: str = "1d") -> None:
        super().__init__()
        self.amount = QSpinBox()
        self.amount.setRange(0, 9999)  # the rule says what is too little or too much, in words, beside the field
        self.amount.setAccessibleName("How long before")
        self.unit = QComboBox()
        self.unit.setAccessibleName("Days or hours")
        for label, letter in UNITS:
            self.unit.addItem(label, letter)
        self.amount.setValue(int(before[:-1] or 0))
        self.unit.setCurrentIndex(max(0, self.unit.findData(before[-1:])))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.amount)
        row.addWidget(self.unit)
        row.addStretch(1)
        self.setFocusProxy(self.amount)

    def text(self) -> str:
        """'14d', '1h'."""
        return f"{self.amount.value()}{self.unit.currentData()}"


class RuleDialog(RecordDialog):
    """Add a reminder rule, or change one: each field's problem beside it, nothing saved until all are right."""

    def __init__(self, ctx: Context, code: str, parent: QWidget | None = None, row: RuleRow | None = None) -> None:
        from ...app import reminders

        super().__init__(ctx, f"Edit reminder rule {row.template}" if row else "Add reminder rule", parent,
                         intro="The reminder goes so long before the start, on each recipient's own clock.")
        self.code, self.row = code, row
        spec = row.spec if row else reminders.RuleSpec("reminder", "1d", "item")
        self.template = QComboBox()
        names = reminders.rule_templates()
        if spec.template not in names:  # a template removed since: shown, so its problem can be said
            names.append(spec.template)
        self.template.addItems(names)
        self.template.setCurrentText(spec.template)
        self.form.add("template", "&Template", self.template)
        self.before = self.form.add("before", "&Before", BeforeField(spec.before))
        self.form.layout_.labelForField(self.before).setBuddy(self.before.amount)  # type: ignore[attr-defined]  # Alt+B: the number
        self.anchor = QComboBox()
        for key, label in reminders.ANCHOR_LABELS.items():
            self.anchor.addItem(label, key)
        self.anchor.setCurrentIndex(max(0, self.anchor.findData(spec.anchor)))
        self.form.add("anchor", "Before &what", self.anchor)
        self.to = QLineEdit(spec.to)
        self.to.setClearButtonEnabled(True)
        self.form.add("to", "T&o", self.to)
        self.form.layout_.insertRow(self.form.layout_.rowCount() - 1, "", filter_hint())
        self.enabled = QCheckBox("O&n: queue these reminders as they come due")  # Alt+O is "To"
        self.enabled.setChecked(spec.enabled)
        self.form.add("enabled", "Sending", self.enabled)
        self.form.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.pushed: ServiceCommand | None = None  # what Save did, for the rules list to select and say
        self._tab_in_reading_order()

    def _tab_in_reading_order(self) -> None:
        """Focus opens on Template and Tab goes down the form, then Save and Cancel (the buttons were made first)."""
        chain = (self.template, self.before.amount, self.before.unit, self.anchor, self.to, self.enabled,  # type: ignore[attr-defined]
                 self.buttons.button(QDialogButtonBox.StandardButton.Save),
                 self.buttons.button(QDialogButtonBox.StandardButton.Cancel))
        for first, second in zip(chain, chain[1:]):
            self.setTabOrder(first, second)
        self.template.setFocus()

    def spec(self) -> RuleSpec:
        from ...app.reminders import RuleSpec

        return RuleSpec(self.template.currentText(), self.before.text(), str(self.anchor.currentData()),  # type: ignore[attr-defined]
                        self.to.text().strip(), self.enabled.isChecked())

    def live_check(self) -> bool:
        """Each field's problem beside it (the rule's own words); False while there is one."""
        from ...app import reminders

        try:
            found = reminders.rule_problems(self.ctx.db, self.code, self.spec())
        except IurcError as exc:
            self.show_error(exc)
            return False
        for name in ("template", "before", "anchor", "to"):
            self.form.set_problem(name, found.get(name, ""))
        self.adjustSize()  # each problem shown whole
        return not found

    def command(self, report: Reporter) -> ServiceCommand | None:
        spec, self.pushed = self.spec(), None  # a refused Save's command is not this one
        if self.row is None:
            self.pushed = AddRules(self.ctx.db, self.ctx.changes, report, self.code, [spec])
        elif spec != self.row.spec:
            self.pushed = EditRule(self.ctx.db, self.ctx.changes, report, self.row.id, spec)
        return self.pushed


class RemindersDialog(QDialog):
    """The event's reminder rules with Add, Edit, On/off and Remove (each undoable), and the schedule they make."""

    def __init__(self, ctx: Context, code: str, kind: str, parent: QWidget | None = None, *,
                 now: Clock = timeutil.utc_now) -> None:
        super().__init__(parent)
        self.ctx, self.code, self.kind, self.now = ctx, code, kind, now
        self.rows: list[RuleRow] = []
        self._reading = 0  # the latest schedule reading: an older one arriving late is dropped
        self.setWindowTitle(f"Reminders of {code}")
        self.setAccessibleName("Reminders")
        self.setWindowIcon(icon("clock"))
        self.rules_model = RowsTableModel(rule_columns(), parent=self)
        self.rules = make_table("Reminder rules")
        self.rules.setModel(self.rules_model)
        self.rules.setTabKeyNavigation(False)  # Tab goes on to the buttons; arrows move between rules
        self.rules.setToolTip("Enter or double-click edits the rule; Delete removes it")
        self.rules.doubleClicked.connect(lambda _index: self.edit())
        on_delete_key(self.rules, self.remove)
        KeyAction(self.rules, (Qt.Key.Key_Return, Qt.Key.Key_Enter), self.edit)
        self.add_button = _button("plus", "&Add…", "A new rule: a template so long before a start", self.add)
        self.edit_button = _button("pencil", "&Edit…", "Change the selected rule (Enter)", self.edit)
        self.toggle_button = _button("circle-check", "Turn o&ff", "A rule turned off queues nothing until turned on", self.toggle)
        self.remove_button = _button("trash-2", "Re&move", "Remove the selected rule (Delete); what it sent stays sent",
                                     self.remove)
        self.suggest_button = _button("list-checks", "Add &suggested", "", self.add_suggested)
        self.note = QLabel(UNDO_NOTE)
        self.note.setWordWrap(True)
        self.problem = ProblemLabel("Reminders problem")
        self.problem.hide()
        self._refused = self.problem.refusal(self.ctx.report)  # a refusal is said below, anything else to the window
        self.schedule_title = QLabel("<b>Schedule</b>")
        self.schedule_model = RowsTableModel(schedule_columns(ctx.viewer_zone, self._off), parent=self)
        self.schedule = make_table("Reminder schedule")
        self.schedule.setModel(self.schedule_model)
        self.schedule.setTabKeyNavigation(False)
        self.rule_widths = ProportionalColumns(self.rules, (4,), 40)  # the filter: the longest text
        self.schedule_widths = ProportionalColumns(self.schedule, (2, 3), 48)  # whom and what about; times with places
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self.close_button = close.button(QDialogButtonBox.StandardButton.Close)
        self._lay_out(close)
        self._undo_keys()
        self.rules.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        ctx.changes.changed.connect(self._on_changed)
        self.finished.connect(self._forget_reading)  # a schedule arriving after the dialog closed is dropped
        self.reload()

    def _lay_out(self, close: QDialogButtonBox) -> None:
        buttons = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.toggle_button, self.remove_button, self.suggest_button):
            button.setAutoDefault(False)  # Enter in the rules edits the rule, never presses a button by chance
            buttons.addWidget(button)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.rules, 1)
        top.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Rules</b>"))
        layout.addLayout(top, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.problem)
        layout.addWidget(self.schedule_title)
        layout.addWidget(self.schedule, 3)
        layout.addWidget(close)
        for first, second in zip((self.rules, self.add_button, self.edit_button, self.toggle_button, self.remove_button,
                                  self.suggest_button, self.schedule), (self.add_button, self.edit_button,
                                  self.toggle_button, self.remove_button, self.suggest_button, self.schedule,
                                  self.close_button)):
            self.setTabOrder(first, second)
        self.resize(980, 640)

    def _undo_keys(self) -> None:
        """Ctrl+Z and Ctrl+Shift+Z (Ctrl+Y) here too: the window's Edit menu does not hear keys while this is open."""
        undo = QAction("Undo", self)
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        undo.triggered.connect(self.undo)
        redo = QAction("Redo", self)
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        redo.triggered.connect(self.redo)
        self.addActions([undo, redo])

    def undo(self) -> None:
        """Undo the last change, saying below the rules what it undid."""
        stack = self.ctx.undo
        if stack.canUndo():
            self._after(stack.undoText(), stack.undo, "Undone", "Ctrl+Shift+Z redoes it.")

    def redo(self) -> None:
        stack = self.ctx.undo
        if stack.canRedo():
            self._after(stack.redoText(), stack.redo, "Redone", "Ctrl+Z undoes it.")

    def _after(self, text: str, step: Callable[[], object], done: str, again: str) -> None:
        self.problem.say("")
        step()  # a refusal (the data changed meanwhile) is said by the command, below the rules or in the window
        self.note.setText("" if self.problem.text() else f"{done}: {text[:1].lower()}{text[1:]}. {again}")

    # --- reading ------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the rules again (quick) and the schedule on the worker (a big event's may be long)."""
        from ...app import reminders

        kept = self.selected()
        try:
            self.rows = reminders.reminder_rules(self.ctx.db, self.code)
        except IurcError as exc:  # the event is gone (its creation undone): nothing left to show
            self.problem.say(str(exc))
            self.rows = []
        self.rules_model.set_rows(self.rows)
        self.rule_widths.measure()
        ids = [r.id for r in self.rows]
        if self.rows:
            self.rules.selectRow(ids.index(kept.id) if kept is not None and kept.id in ids else 0)
        offered = "; ".join(f"{s.template}, {s.before} before {reminders.ANCHOR_LABELS[s.anchor]}"
                            for s in reminders.suggested_rules(self.kind))
        self.suggest_button.setVisible(not self.rows)
        self.suggest_button.setToolTip(f"Add in one step: {offered}")
        if not self.rows:
            self.note.setText(f"No reminder rules yet. Add suggested adds, in one step: {offered}.")
        elif self.note.text().startswith("No reminder rules yet."):
            self.note.setText(UNDO_NOTE)
        self._enable()
        self._read_schedule()

    def _read_schedule(self) -> None:
        from ...app import reminders

        self._reading += 1
        reading, db, code, now = self._reading, self.ctx.db, self.code, self.now()
        self.schedule_title.setText("<b>Schedule</b>: reading…")
        task = self.ctx.tasks.submit("Reading the reminder schedule", lambda _p, _t: reminders.schedule(db, code, now))
        task.finished.connect(lambda rows: self._show_schedule(rows, reading))
        task.failed.connect(lambda exc: self._schedule_failed(exc, reading))

    def _show_schedule(self, rows: list[DueRow], reading: int) -> None:
        if reading != self._reading:
            return
        self.schedule_model.set_rows(rows)
        self.schedule_widths.measure()
        due = sum(1 for r in rows if r.state == "due")
        self.schedule_title.setText(f"<b>Schedule</b>: {counted(len(rows), 'reminder')} not queued yet"
                                    + (f", {due} due now (queued within a minute while the app is open)" if due else "")
                                    if rows else "<b>Schedule</b>: nothing to send (no rule, or everyone reminded)")

    def _forget_reading(self, *_result: object) -> None:
        self._reading += 1

    def _schedule_failed(self, exc: BaseException, reading: int) -> None:
        if reading == self._reading and not isinstance(exc, Cancelled):
            self.schedule_title.setText("<b>Schedule</b>")
            self._refused(exc)

    def _on_changed(self, topic: Topic) -> None:
        if topic.concerns(Topic.REMINDERS, Topic.PEOPLE, Topic.ITEMS, Topic.EVENTS) and self.isVisible():
            self.reload()

    def _off(self, rule_id: int) -> bool:
        return any(r.id == rule_id and not r.enabled for r in self.rows)

    def selected(self) -> RuleRow | None:
        index = self.rules.currentIndex()
        return self.rules_model.row_at(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        row = self.selected()
        for button in (self.edit_button, self.toggle_button, self.remove_button):
            button.setEnabled(row is not None)
        self.toggle_button.setText("Turn o&ff" if row is None or row.enabled else "Turn o&n")

    # --- editing ------------------------------------------------------------------------
    def add(self) -> RuleDialog:
        return self._open_form(RuleDialog(self.ctx, self.code, self))

    def edit(self) -> RuleDialog | None:
        row = self.selected()
        return self._open_form(RuleDialog(self.ctx, self.code, self, row)) if row else None

    def _open_form(self, form: RuleDialog) -> RuleDialog:
        form.finished.connect(lambda result: self._form_closed(form, result))
        open_dialog(form)
        return form

    def _form_closed(self, form: RuleDialog, result: int) -> None:
        """Back in the rules, on the rule just saved, saying what was done: Ctrl+Z, Delete and Enter work at once."""
        command = form.pushed if result == QDialog.DialogCode.Accepted else None
        if isinstance(command, AddRules) and command.added:
            self._select(command.added[0].id, "Added")
        elif isinstance(command, EditRule):
            self._select(command.rule_id, "Changed")
        self.rules.setFocus()

    def _select(self, rule_id: int, done: str) -> None:
        at = next((i for i, r in enumerate(self.rows) if r.id == rule_id), None)
        if at is not None:
            self.rules.selectRow(at)
            row = self.rows[at]
            self.problem.say("")
            self.note.setText(f"{done} {row.template}, {row.before_label} before {row.anchor_label}. Ctrl+Z undoes it.")

    def toggle(self) -> None:
        """Turn the selected rule off (or on again): one undoable step."""
        row = self.selected()
        if row is not None:
            verb = "off" if row.enabled else "on"
            self._push(EditRule(self.ctx.db, self.ctx.changes, self._refused, row.id,
                                replace(row.spec, enabled=not row.enabled), f"Turn reminder rule {row.template} {verb}"),
                       f"Turned {row.template} {verb}.")

    def remove(self) -> None:
        row = self.selected()
        if row is not None:
            self._push(RemoveRule(self.ctx.db, self.ctx.changes, self._refused, row),
                       f"Removed {row.template}, {row.before_label} before {row.anchor_label}.")

    def add_suggested(self) -> None:
        """The rules suggested for this kind of event, in one step (one Ctrl+Z takes them all out)."""
        from ...app import reminders

        specs = [reminders.RuleSpec(s.template, s.before, s.anchor) for s in reminders.suggested_rules(self.kind)]
        self._push(AddRules(self.ctx.db, self.ctx.changes, self._refused, self.code, specs),
                   f"Added {counted(len(specs), 'suggested rule')}.")

    def _push(self, command: ServiceCommand, done: str) -> None:
        self.problem.say("")
        self.ctx.undo.push(command)  # a refused command drops itself from the stack and says why below the rules
        self.note.setText("" if self.problem.text() else f"{done} Ctrl+Z undoes it.")


def _button(icon_name: str, text: str, tip: str, slot: Callable[[], Any]) -> QPushButton:
    button = QPushButton(icon(icon_name), text)
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def open_reminders(ctx: Context, parent: QWidget, code: str, kind: str, *, now: Clock = timeutil.utc_now,
                   on_open: Callable[[QDialog], None] | None = None) -> RemindersDialog:
    """The Reminders dialog of event `code` (window-modal)."""
    dialog = RemindersDialog(ctx, code, kind, parent, now=now)
    open_dialog(dialog, on_open)
    return dialog
