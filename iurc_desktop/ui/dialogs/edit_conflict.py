"""Someone else saved the row you were editing: see both versions, then reload or apply yours on top."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from ...app.changes import Topic
from ..commands.base import Changes

if TYPE_CHECKING:
    from ...app.conflicts import EditConflict
    from ...app.database import Database

Reporter = Callable[[BaseException], None]


def shown(value: Any) -> str:
    """A field value as the table shows it."""
    return "(empty)" if value in ("", None) else str(value)


def conflict_rows(conflict: EditConflict) -> list[tuple[str, str, str]]:
    """(field, their value, your value) for every field either side touched; yours first."""
    fields = list(conflict.mine) + [f for f in conflict.theirs if f not in conflict.mine]
    deleted = conflict.their_version is None
    return [
        (field.replace("_", " "),
         "(deleted)" if deleted else shown(conflict.theirs.get(field)),
         shown(conflict.mine[field]) if field in conflict.mine else "(unchanged)")
        for field in fields
    ]


class EditConflictDialog(QDialog):
    """The conflict's message, a field / theirs / yours table, and Reload or Apply mine on top."""

    RELOAD, APPLY = "reload", "apply"

    def __init__(self, conflict: EditConflict, db: Database, changes: Changes, report: Reporter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Someone else saved this first")
        self.conflict, self.db, self.changes, self.report = conflict, db, changes, report
        self.choice = ""
        message = QLabel(str(conflict))
        message.setWordWrap(True)
        message.setAccessibleName("What happened")
        self.table = self._table(conflict_rows(conflict))
        self.reload_button = QPushButton("&Reload (discard mine)")
        self.apply_button = QPushButton("&Apply mine on top")
        self.apply_button.setEnabled(conflict.their_version is not None)
        buttons = QDialogButtonBox()
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.reload_button.clicked.connect(self.reload)
        self.apply_button.clicked.connect(self.apply)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.reload_button.setDefault(True)  # the safe choice: nothing of theirs is overwritten

    def _table(self, rows: list[tuple[str, str, str]]) -> QTableWidget:
        table = QTableWidget(len(rows), 3)
        table.setAccessibleName("Both versions")
        table.setHorizontalHeaderLabels(["Field", "Their value (saved)", "Your value"])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(r, c, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        height = table.horizontalHeader().sizeHint().height() + table.verticalHeader().defaultSectionSize() * max(len(rows), 1)
        table.setFixedHeight(height + 2 * table.frameWidth() + 4)  # as tall as its rows: no empty band below
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # read-only: the buttons take the keyboard
        return table

    def reload(self) -> None:
        """Keep their version: pages re-read it."""
        self.choice = self.RELOAD
        self.changes.notify(Topic.EVERYTHING)
        self.reject()

    def apply(self) -> None:
        """Put your change on top of theirs, in one transaction (refused again if it moved on meanwhile)."""
        self.choice = self.APPLY
        from ...app.conflicts import apply_mine

        try:
            apply_mine(self.db, self.conflict)
        except Exception as exc:
            self.done(QDialog.DialogCode.Rejected)
            self.changes.notify(Topic.EVERYTHING)
            self.report(exc)
            return
        self.changes.notify(Topic.EVERYTHING)
        self.accept()
