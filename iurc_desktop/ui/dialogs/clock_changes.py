"""Times on a daylight-saving change: the items concerned with both readings, and going on with one or not at all.

Shown when a duplicate or a calendar import was refused (`ClockChangeRefused`): nothing has changed yet. Taking
the earlier or the later reading asks the owner to run the action again with it (`chosen`); each item keeps its
length, and the owner may show here what moved (`show_outcome`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QLabel, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from ...core.clock_changes import ClockChangeRefused, ItemTime
from ...core.counts import counted

COLUMNS = ("Item", "Time", "On the clock", "Earlier reading", "Later reading")


def rows(found: tuple[ItemTime, ...]) -> list[tuple[str, str, str, str, str]]:
    """One row per time: the item, start or end, what the clocks do, and what each reading makes of it."""
    return [(t.name, t.part, t.change.what(), t.outcome("earlier"), t.outcome("later")) for t in found]


class ClockChangeDialog(QDialog):
    """The refused times in a table; 'Take the earlier readings', 'Take the later readings' or Cancel."""

    chosen = Signal(str)  # "earlier" or "later"

    def __init__(self, refused: ClockChangeRefused, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Times on a daylight-saving change")
        self.setAccessibleName("Times on a daylight-saving change")
        one = len(refused.found) == 1
        them = "it" if one else "them"
        about = QLabel(
            f"{counted(len(refused.found), 'time')} of {action} {'falls' if one else 'fall'} on a daylight-saving "
            f"change: the clocks skip {them} or pass {them} twice. Nothing has been changed yet. Choose which reading "
            "to take; each item keeps its length, and what moved is listed afterwards.")
        about.setWordWrap(True)
        about.setAccessibleName("What happened")
        self.about = about
        self.choice = ""
        self.outcome = QLabel()
        self.outcome.setAccessibleName("What moved")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.hide()
        self.table = self._table(rows(refused.found))
        self.earlier = QPushButton("Take the &earlier readings")
        self.later = QPushButton("Take the &later readings")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons = buttons
        buttons.addButton(self.earlier, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.later, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.earlier.clicked.connect(lambda: self._choose("earlier"))
        self.later.clicked.connect(lambda: self._choose("later"))
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.table)
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self._fit_table()
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)  # Enter changes nothing

    def _table(self, data: list[tuple[str, str, str, str, str]]) -> QTableWidget:
        table = QTableWidget(len(data), len(COLUMNS))
        table.setAccessibleName("Times and their readings")
        table.setHorizontalHeaderLabels(list(COLUMNS))
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for r, row in enumerate(data):
            for c, text in enumerate(row):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                table.setItem(r, c, cell)
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _fit_table(self) -> None:
        """Wide enough to read every column without scrolling sideways, as far as the screen allows; no taller than its rows."""
        table = self.table
        frame = 2 * table.frameWidth()
        table.setMaximumHeight(table.horizontalHeader().sizeHint().height() + table.verticalHeader().length() + frame
                               + table.horizontalScrollBar().sizeHint().height())
        wanted = table.horizontalHeader().length() + table.verticalScrollBar().sizeHint().width() + frame
        margins = self.layout().contentsMargins()
        screen = self.screen().availableGeometry().width() if self.screen() is not None else wanted
        self.resize(min(wanted + margins.left() + margins.right(), int(screen * 0.9)), self.sizeHint().height())

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.earlier.setEnabled(False)
        self.later.setEnabled(False)
        self.chosen.emit(choice)

    def show_outcome(self, summary: str, lines: Sequence[str]) -> None:
        """After going on: what was done and each item moved; the dialog then only closes."""
        self.about.setText(summary)
        self.outcome.setText("\n".join(f"• {line}" for line in lines))
        self.outcome.setVisible(bool(lines))
        self.table.hide()  # each line below names its item, what the clocks do and where it went
        self.earlier.hide()
        self.later.hide()
        self.resize(self.width(), self.sizeHint().height())
        close = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        close.setText("Close")
        close.setFocus()
