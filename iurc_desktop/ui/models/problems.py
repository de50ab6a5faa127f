"""The problems table of an event's Checks tab: one problem a row, its severity with an icon and a colour."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from ..icons import icon
from ..shell.palette import is_dark
from .sorted_rows import SortedRowsModel
from .table import Column, Index

# Severity colours for light and dark backgrounds: red for errors, amber for warnings.
SEVERITY_COLOURS = {"error": ("#b71c1c", "#ff8a80"), "warning": ("#8a5300", "#ffcc66")}


def kind_text(kind: object) -> str:
    """'arrives_late' reads 'Arrives late'."""
    return str(kind).replace("_", " ").capitalize()


COLUMNS = (
    Column("Severity", "severity", fmt=lambda s: str(s).capitalize()),
    Column("Kind", "kind", fmt=kind_text),
    Column("Problem", "message"),
    Column("People", "people", tooltip="double-click here to go to the person"),
    Column("Items", "items", tooltip="double-click here to go to the item"),
)
PEOPLE, ITEMS = 3, 4  # the columns a double-click navigates from


class ProblemsModel(SortedRowsModel):
    """Problems as rows, the severity with an icon and its colour."""

    answered = SortedRowsModel.answered | {int(Qt.ItemDataRole.ForegroundRole)}

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent=parent)

    def _data(self, index: Index, role: int) -> Any:
        problem = self.row_at(index.row()) if index.isValid() else None
        if problem is not None and index.column() == 0:
            if role == Qt.ItemDataRole.DecorationRole:
                return icon("circle-x" if problem.severity == "error" else "triangle-alert")
            if role == Qt.ItemDataRole.ForegroundRole:
                light, dark = SEVERITY_COLOURS.get(problem.severity, ("", ""))
                return QColor(dark if is_dark(QApplication.palette()) else light) if light else None
        if problem is not None and role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return problem.message  # long messages: the whole text on hover
        return super()._data(index, role)
