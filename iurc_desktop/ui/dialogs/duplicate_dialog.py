"""Duplicate an event as next year's: a new code and first day, participants optional; undo deletes the copy."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from ...app.events import event_row
from ...core import local_times
from ..commands.events import DuplicateEvent
from ..shell.context import Context


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
        self.outcome = QLabel()
        self.outcome.setAccessibleName("Outcome")
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        self.go = QPushButton("Duplicate")
        self.go.setDefault(True)
        self.go.clicked.connect(self.duplicate)
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
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(600, self.sizeHint().height())

    def duplicate(self) -> DuplicateEvent | None:
        """Push the undoable copy; show what was made and any warnings, or leave the dialog open on failure."""
        qd = self.new_start.date()
        command = DuplicateEvent(self.ctx, self.code, self.new_code.text().strip(), date(qd.year(), qd.month(), qd.day()),
                                 self.with_participants.isChecked())
        command.before_undo = self.before_undo
        self.ctx.undo.push(command)
        result = command.result
        if result is None:  # refused (shown by the command's reporter); the user can fix the code or date
            return None
        self.command = command
        lines = [f"Created <b>{result.code}</b>: {result.items} items, {result.participants} participants invited."]
        if result.warnings:
            lines.append("<b>Check these times:</b><ul>" + "".join(f"<li>{w}</li>" for w in result.warnings) + "</ul>")
        lines.append("Edit ▸ Undo deletes the copy.")
        self.outcome.setText("<br>".join(lines))
        self.outcome.show()
        self.go.setEnabled(False)
        self.created.emit(result.code)
        return command
