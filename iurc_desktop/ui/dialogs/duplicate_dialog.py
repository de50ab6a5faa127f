"""Duplicate an event as next year's: a new code and first day, participants optional; undo deletes the copy.

Before saving, the dialog warns when the new dates put sessions on a Saturday or Sunday. A copy whose times fall on
a daylight-saving change is refused; the dialog then lists those items with both readings, and going on with one
copies every item at its own length, reporting each one moved.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from ...app.events import event_row
from ...app.planning import weekend_warning
from ...core import local_times
from ...core.clock_changes import ClockChangeRefused
from ..commands.events import DuplicateEvent
from .clock_changes import ClockChangeDialog
from ..shell.context import Context
from ..shell.palette import ProblemLabel


def suggested_code(code: str, old_start: date, new_start: date) -> str:
    """'r2r-japan-2022' moved to 2027 → 'r2r-japan-2027'; otherwise the code with '-copy'."""
    year = str(old_start.year)
    if year in code and new_start.year != old_start.year:
        return re.sub(year, str(new_start.year), code)
    return f"{code}-copy"


def next_year(day: date) -> date:
    """The same day a year later (28 February for a 29th)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


class DuplicateDialog(QDialog):
    """New code, new first day, with participants or not; then the warnings of the copy (DST gaps, folds)."""

    created = Signal(str)  # the new event's code
    before_undo: Callable[[str], None] | None = None  # handed to the command: called with the copy's code

    def __init__(self, ctx: Context, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.code = ctx, code
        self.command: DuplicateEvent | None = None
        self.clock_dialog: ClockChangeDialog | None = None  # open while times on a daylight-saving change await a choice
        self.source = event_row(ctx.db, code)
        self.setWindowTitle(f"Duplicate {code}")
        self.setAccessibleName("Duplicate event")
        start = next_year(self.source.start)
        self.new_start = QDateEdit(QDate(start.year, start.month, start.day))
        self.new_start.setAccessibleName("New first day")
        self.new_start.setCalendarPopup(True)
        self.new_start.setDisplayFormat("ddd d MMM yyyy")
        self.new_code = QLineEdit(suggested_code(code, self.source.start, start))
        self.new_code.setAccessibleName("New event code")
        self.with_participants = QCheckBox("Invite the same participants again (as invited)")
        self.with_participants.setAccessibleName("With participants")
        about = QLabel(f"<b>{self.source.title}</b><br>{local_times.date_range(self.source.start, self.source.end)} · {self.source.zone} · "
                       f"{self.source.items} items, {self.source.participants} participants. Items keep their local times and zones; "
                       "invites get new identities so they never update the old event's.")
        about.setWordWrap(True)
        self.weekend = ProblemLabel("Weekend warning")
        self.weekend.hide()
        self.new_start.dateChanged.connect(lambda _day: self.check_weekend())
        self.new_code.textChanged.connect(lambda _text: self.check_weekend())
        self.outcome = QLabel()
        self.outcome.setAccessibleName("Outcome")
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        self.go = QPushButton("Duplicate")
        self.go.setDefault(True)
        self.go.clicked.connect(lambda: self.duplicate())  # not `checked` for the reading
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.go, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("New first &day:", self.new_start)
        form.addRow("New &code:", self.new_code)
        form.addRow("", self.with_participants)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.weekend)
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.check_weekend()
        self.resize(600, self.sizeHint().height())

    def start_day(self) -> date:
        qd = self.new_start.date()
        return date(qd.year(), qd.month(), qd.day())

    def check_weekend(self) -> str:
        """Say, before saving, which sessions the new first day puts on a weekend."""
        try:
            text = weekend_warning(self.ctx.db, self.code, self.start_day(), self.new_code.text().strip())
        except Exception as exc:  # the warning is a help: a failure to read it is shown, the dialog stays usable
            self.ctx.report(exc)
            text = ""
        self.weekend.setText(text)
        self.weekend.setVisible(bool(text))
        return text

    def duplicate(self, dst: str | None = None) -> DuplicateEvent | None:
        """Push the undoable copy; show what was made and any warnings, or leave the dialog open on failure.

        Times on a daylight-saving change open the choice of reading (`clock_dialog`); choosing one copies again with it.
        """
        refused: list[ClockChangeRefused] = []
        command = DuplicateEvent(self.ctx, self.code, self.new_code.text().strip(), self.start_day(),
                                 self.with_participants.isChecked(), dst=dst, report=self._keeping(refused))
        command.before_undo = self.before_undo
        self.ctx.undo.push(command)
        result = command.result
        if refused:
            self.ask_reading(refused[0])
            return None
        if result is None:  # refused (shown by the command's reporter); the user can fix the code or date
            return None
        self.command = command
        lines = [f"Created <b>{result.code}</b>: {result.items} items, {result.participants} participants invited."]
        if result.warnings:
            lines.append("<b>Moved off a daylight-saving change:</b><ul>" + "".join(f"<li>{w}</li>" for w in result.warnings) + "</ul>")
        lines.append("Edit ▸ Undo deletes the copy.")
        self.outcome.setText("<br>".join(lines))
        self.outcome.show()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))  # the whole outcome in view
        self.go.setEnabled(False)
        self.created.emit(result.code)
        return command

    def _keeping(self, refused: list[ClockChangeRefused]) -> Callable[[BaseException], None]:
        """A reporter that keeps a refusal for times on a daylight-saving change (asked about here) and shows the rest."""

        def report(exc: BaseException) -> None:
            if isinstance(exc, ClockChangeRefused):
                refused.append(exc)
            else:
                self.ctx.report(exc)

        return report

    def ask_reading(self, refused: ClockChangeRefused) -> ClockChangeDialog:
        """List the refused times with both readings; the one chosen copies again, Cancel leaves everything as it was."""
        self.outcome.setText("Nothing was copied: some times fall on a daylight-saving change. Choose a reading, or"
                             " change the first day.")
        self.outcome.show()
        dialog = ClockChangeDialog(refused, f"the copy of {self.code}", self)
        dialog.chosen.connect(lambda choice: (dialog.accept(), self.duplicate(choice)))
        dialog.finished.connect(lambda _result: setattr(self, "clock_dialog", None))
        self.clock_dialog = dialog
        dialog.open()
        return dialog
