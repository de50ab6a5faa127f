"""Forms for creating and editing records: each field with its problem shown beneath it.

A use case refuses bad values with a `ValidationError` whose lines read
`field: message` (the field named as the use case and the programme file name
it). `RecordForm.show_problems` puts each line next to its field, so a typo is
never a modal box; lines naming no field show at the foot of the form.
`RecordDialog` is the Save/Cancel frame around a form: saving pushes one
undoable command and the dialog stays open, with the messages, while the use
case refuses.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import available_timezones

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QFocusEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLayout,
    QPlainTextEdit, QTextEdit, QTimeEdit, QVBoxLayout, QWidget,
)

from ...core import local_times, timeutil
from ...core.errors import IurcError, TimeError
from ..commands.base import Reporter, ServiceCommand
from ..shell.context import Context
from ..shell.palette import ProblemLabel

DATE_FORMAT = "ddd d MMM yyyy"  # as core.local_times.day writes a date: "Tue 7 Apr 2026"
TIME_FORMAT = "HH:mm"
MARKED_FIELDS = "Correct the marked fields first."
KEYBOARD_FOCUS = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason, Qt.FocusReason.ShortcutFocusReason)


@lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    """IANA zones people pick from: region/city names, without the legacy aliases."""
    return tuple(sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/"))))


def split_problems(text: str, names: tuple[str, ...]) -> tuple[dict[str, list[str]], list[str]]:
    """Lines `name: message` grouped by the field they name; other lines left over, in order."""
    by_field: dict[str, list[str]] = {}
    rest: list[str] = []
    for line in text.splitlines():
        head, sep, message = line.partition(": ")
        field = head.strip().rsplit(".", 1)[-1]  # "people[0].email" names the field "email"
        if sep and field in names:
            by_field.setdefault(field, []).append(message.strip())
        elif line.strip():
            rest.append(line.strip())
    return by_field, rest


class RecordForm(QWidget):
    """Labelled fields, each with a problem label beneath it that shows only when something is wrong."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.fields: dict[str, QWidget] = {}
        self.problems: dict[str, ProblemLabel] = {}
        self.hints: dict[str, QLabel] = {}

    def add(self, name: str, label: str, widget: QWidget, hint: str = "") -> QWidget:
        """Add field `name` (the use case's name for it) under `label`; returns the widget.

        Editing the field clears its problem at once: a fixed field never keeps an old message. A live check
        connected later (zone, dates) runs after this and says again what is still wrong.
        """
        spoken = label.rstrip(":").replace("&", "")  # a screen reader says the words, not the mnemonic
        if isinstance(widget, QPlainTextEdit | QTextEdit):
            widget.setTabChangesFocus(True)  # a form's Tab goes to the next field, never into the notes
        widget.setAccessibleName(spoken)
        self.layout_.addRow(label if label.endswith(":") else f"{label}:", widget)
        if hint:
            note = QLabel(hint)
            note.setEnabled(False)
            note.setWordWrap(True)
            self.layout_.addRow("", note)
            self.hints[name] = note
        problem = ProblemLabel(f"{spoken} problem")
        problem.setVisible(False)
        self.layout_.addRow("", problem)
        self.fields[name] = widget
        self.problems[name] = problem
        for signal in changed_signals(widget):
            signal.connect(lambda *_changed, field=name: self.set_problem(field, ""))  # type: ignore[attr-defined]
        return widget

    def set_visible(self, name: str, visible: bool) -> None:
        """Show or hide field `name` with its hint; a hidden field's problem is no longer one."""
        self.layout_.setRowVisible(self.fields[name], visible)
        if name in self.hints:
            self.layout_.setRowVisible(self.hints[name], visible)
        self.set_problem(name, "")

    def set_problem(self, name: str, text: str) -> None:
        label = self.problems[name]
        label.setText(text)
        label.setVisible(bool(text))

    def clear_problems(self) -> None:
        for name in self.problems:
            self.set_problem(name, "")

    def has_problems(self) -> bool:
        return any(label.isVisibleTo(self) for label in self.problems.values())

    def show_problems(self, text: str) -> list[str]:
        """Show each `field: message` line beside its field; return the lines that name no field."""
        self.clear_problems()
        by_field, rest = split_problems(text, tuple(self.fields))
        for name, lines in by_field.items():
            self.set_problem(name, "\n".join(lines))
        first = next((n for n in self.fields if n in by_field), None)
        if first is not None:
            focus_into(self.fields[first])
        return rest

    def focus_first(self) -> None:
        """Put the keyboard focus in the first field shown that takes it."""
        for widget in self.fields.values():
            if widget.isVisibleTo(self) and widget.isEnabled() and focus_into(widget):
                return


def focus_into(widget: QWidget) -> bool:
    """Focus `widget`, or the first part of it that takes the Tab key (a composite field); False if none does."""
    for part in (widget, *widget.findChildren(QWidget)):
        if part.focusPolicy() & Qt.FocusPolicy.TabFocus and part.isVisibleTo(widget.window()) and part.isEnabled():
            part.setFocus(Qt.FocusReason.TabFocusReason)
            return True
    return False


class ZoneField(QComboBox):
    """An IANA zone typed or picked, completed by any part of its name (`kyo` finds Asia/Tokyo)."""

    def __init__(self, value: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.addItems(list(zone_names()))
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(list(zone_names()), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.setCurrentText(value)

    def zone(self) -> str:
        return self.currentText().strip()

    def problem(self) -> str:
        """What is wrong with the typed zone, or "" when it is a real one."""
        try:
            timeutil.zone(self.zone())
        except TimeError as exc:
            return str(exc)
        return ""


class WholeTabStop:
    """A date or time edit that Tab leaves at once: one stop per field, not one per day, month and year.

    Typing still walks the parts: digits fill one and go on to the next, the arrow keys move between them.
    """

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002,N802 - Qt override
        return QWidget.focusNextPrevChild(self, next)  # type: ignore[arg-type]


class TimeField(WholeTabStop, QTimeEdit):
    """A time of day, hours and minutes, one Tab stop."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(TIME_FORMAT)


class DateField(WholeTabStop, QDateEdit):
    """A calendar date with a pop-up calendar, written as dates are everywhere in the window; one Tab stop."""

    def __init__(self, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATE_FORMAT)
        if value is not None:
            self.set_value(value)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        """Reached by the keyboard: on the day's number, so typed digits set the day (the weekday before it cannot)."""
        super().focusInEvent(event)
        if event.reason() in KEYBOARD_FOCUS:
            self.setCurrentSectionIndex(1)  # DATE_FORMAT: weekday, day, month, year
            self.setSelectedSection(self.sectionAt(1))

    def set_value(self, value: date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))

    def value(self) -> date:
        d = self.date()
        return date(d.year(), d.month(), d.day())


class LocalTimeField(QWidget):
    """A local date and time, with a choice of reading where the clocks pass it twice."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date = DateField()
        self.date.setAccessibleName(f"{name} date")
        self.time = TimeField()
        self.time.setAccessibleName(f"{name} time")
        self.fold = QComboBox()
        self.fold.setAccessibleName(f"{name}: which reading")
        self.fold.setVisible(False)
        self.message = ProblemLabel(f"{name} problem")
        self.message.setVisible(False)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date)
        row.addWidget(self.time)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.fold)
        self._offsets: list[timedelta] = []

    def changed_signals(self) -> tuple[object, ...]:
        return (self.date.dateChanged, self.time.timeChanged, self.fold.currentIndexChanged)

    def set_value(self, value: datetime) -> None:
        self.date.set_value(value.date())
        self.time.setTime(QTime(value.hour, value.minute))

    def naive(self) -> datetime:
        t = self.time.time()
        return datetime.combine(self.date.value(), time(t.hour(), t.minute()))

    def offset(self) -> timedelta | None:
        index = self.fold.currentIndex()
        return self._offsets[index] if self.fold.isVisible() and 0 <= index < len(self._offsets) else None

    def check(self, zone: str, preferred: timedelta | None = None) -> bool:
        """Show what is wrong with the time in `zone` (gap or fold) and return whether it can be saved."""
        naive = self.naive()
        choices = timeutil.local_choices(naive, zone)
        if len(choices) > 1:
            if [c.local.utcoffset() for c in choices] != self._offsets:
                self._offsets = [c.local.utcoffset() for c in choices]  # type: ignore[misc]
                self.fold.clear()
                self.fold.addItems([c.label for c in choices])
                if preferred in self._offsets:
                    self.fold.setCurrentIndex(self._offsets.index(preferred))
            self.fold.setVisible(True)
            self.show_problem(f"{local_times.clock(naive)} happens twice in {zone} (the clocks go back): choose which one.")
            return True
        self.fold.setVisible(False)
        self._offsets = []
        if not choices:
            try:
                timeutil.to_utc(naive, zone)
            except TimeError as exc:
                self.show_problem(str(exc))
            return False
        self.show_problem("")
        return True

    def show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))


def changed_signals(widget: QWidget) -> tuple[object, ...]:
    """The signals a field, or the parts of a composite field, send when its value changes."""
    if isinstance(widget, LocalTimeField):
        return widget.changed_signals()
    for name in ("currentTextChanged", "textChanged", "dateChanged", "timeChanged", "toggled"):
        if hasattr(widget, name):
            return (getattr(widget, name),)
    # A field made of several (a place with its airport's name): any of its parts changing
    return tuple(signal for part in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                 for signal in changed_signals(part))


class Relay:
    """Sends a command's errors to the dialog while it is open, then to the window."""

    def __init__(self, target: Reporter) -> None:
        self.target = target
        self.failed = False

    def __call__(self, exc: BaseException) -> None:
        self.failed = True
        self.target(exc)


class RecordDialog(QDialog):
    """Save/Cancel around a `RecordForm`; Save pushes one undoable command, and a refusal keeps the dialog open.

    Subclasses fill `self.form`, and give `command(report)`: the command to push, or None when nothing changed.
    `live_check()` may show problems found while typing (a bad zone, a DST gap) and return False to block Save.
    """

    def __init__(self, ctx: Context, title: str, parent: QWidget | None = None, *, intro: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.form = RecordForm()
        self.message = ProblemLabel("Problem")
        self.message.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if intro:
            text = QLabel(intro)
            text.setWordWrap(True)
            layout.addWidget(text)
        layout.addWidget(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)  # once in the dialog: Enter saves
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # grows to show each message whole
        self.setMinimumWidth(560)
        self._watching = False  # whether field changes re-check the marked fields (after a refused Save)
        self._shown = False  # the first show sets the focus and the Tab order

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Opened: typing goes into the first field, and Tab walks the fields before the buttons."""
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            self._buttons_last()
            self.form.focus_first()

    def _buttons_last(self) -> None:
        """Move the buttons to the end of the Tab order (they are made before the subclass adds its fields)."""
        buttons = [b for b in self.buttons.buttons() if b.isVisibleTo(self)]
        chain: list[QWidget] = []
        widget = self.nextInFocusChain()
        while widget is not self and widget not in chain:
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not self.buttons.isAncestorOf(widget):
                chain.append(widget)
            widget = widget.nextInFocusChain()
        previous = chain[-1] if chain else None
        for button in buttons:
            if previous is not None:
                QWidget.setTabOrder(previous, button)
            previous = button

    def command(self, report: Reporter) -> ServiceCommand | None:
        raise NotImplementedError

    def live_check(self) -> bool:
        return True

    def save(self) -> None:
        """Push the command; on a refusal its messages show beside the fields and the dialog stays open."""
        self.show_message("")
        if not self.live_check():
            self.show_message(MARKED_FIELDS)
            self._watch_fields()
            return
        relay = Relay(self.show_error)
        try:
            command = self.command(relay)
        except IurcError as exc:  # a value the dialog itself could not read
            self.show_error(exc)
            return
        if command is None:
            self.accept()
            return
        self.ctx.undo.push(command)  # a refused command drops itself from the stack
        relay.target = self.ctx.report  # later undo/redo report to the window
        if not relay.failed:
            self.accept()

    def _watch_fields(self) -> None:
        """Once Save was refused, each change to a field re-checks whether the marked fields are fixed."""
        if self._watching:
            return
        self._watching = True
        for widget in self.form.fields.values():
            for signal in changed_signals(widget):
                signal.connect(self._marked_fixed)  # type: ignore[attr-defined]

    def _marked_fixed(self, *_changed: object) -> None:
        """Clear "Correct the marked fields first." when no field is marked any more."""
        if self.message.text() == MARKED_FIELDS and not any(
                label.isVisibleTo(self) for label in self.form.findChildren(ProblemLabel)):
            self.show_message("")

    def show_error(self, exc: BaseException) -> None:
        """A use case's refusal: each line beside its field, the rest under the form."""
        if not isinstance(exc, IurcError):
            self.ctx.report(exc)
            return
        rest = self.form.show_problems(str(exc))
        self.show_message("\n".join(rest))
        self.adjustSize()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))


def open_dialog(dialog: QDialog, on_open: Callable[[QDialog], None] | None = None) -> QDialog:
    """Show `dialog` window-modal, deleted when closed; `on_open` lets tests reach it."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if on_open is not None:
        on_open(dialog)
    dialog.open()
    return dialog
