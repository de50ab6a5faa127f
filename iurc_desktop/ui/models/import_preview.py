"""The import wizard's tables: the column mapping (editable) and each row's fate with its problems."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...app.imports import PlannedRow
from ...exchange.imports.mapping import FIELDS, field_label
from .table import Column, Index, RowsTableModel, plain

IGNORE = ""  # the mapping's "do not import this column"
NOT_IMPORTED = field_label(IGNORE)
EMPTY_COLUMN = "(empty column)"


FATES = {
    "new": "New person", "matched": "Known person, new registration", "update": "Registration updated",
    "unchanged": "Unchanged", "duplicate": "Duplicate", "rejected": "Rejected",
    "attended": "Attended", "absent": "Absent (no-show)", "not_registered": "Not registered", "unmatched": "Not matched",
    "skipped": "Skipped: not a person", "hidden": "Hidden in the file: left out",
}
REJECTED_BG, WARNING_BG, PROBLEM_FG = "#f4c7c3", "#fbe3b5", "#3a0d0a"  # legible in light and dark palettes alike


def fate_text(row: PlannedRow) -> str:
    text = FATES.get(row.fate, row.fate)
    return f"{text} of row {row.duplicate_of}" if row.fate == "duplicate" and row.duplicate_of else text


PREVIEW_COLUMNS = (
    Column("Row", "row", numeric=True, tooltip="row number in the file, as a spreadsheet shows it"),
    Column("What happens", fate_text),
    Column("Name", "name"),
    Column("E-mail", "email"),
    Column("Status", "status", fmt=lambda v: str(v).replace("_", " ")),
    Column("Role", "role"),
    Column("Problems", lambda r: "; ".join(r.problems)),
)


class PreviewModel(RowsTableModel):
    """Planned rows; a rejected row is red, a row with a lesser problem amber, the reasons in the tooltip."""

    answered = RowsTableModel.answered | {int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.ForegroundRole)}

    def __init__(self, rows: Sequence[PlannedRow] = (), parent: Any = None) -> None:
        super().__init__(PREVIEW_COLUMNS, rows, parent=parent)

    def _data(self, index: Index, role: int) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is not None and row.problems:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(REJECTED_BG if row.fate == "rejected" else WARNING_BG))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(PROBLEM_FG))
            if role == Qt.ItemDataRole.ToolTipRole:
                return "\n".join(f"row {row.row}: {p}" for p in row.problems)
        return super()._data(index, role)


class MappingModel(QAbstractTableModel):
    """One row per column of the file: its header, a sample value, and the field it fills (editable) or "Not imported"."""

    HEADERS = ("Column in the file", "Example", "Imported as")
    FIELD = 2

    def __init__(self, mapping: dict[str, str] | None = None, samples: dict[str, str] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[list[str]] = []
        self.set_mapping(mapping or {}, samples or {})

    def set_mapping(self, mapping: dict[str, str], samples: dict[str, str]) -> None:
        self.beginResetModel()
        try:
            self._rows = [[header, samples.get(header, EMPTY_COLUMN), field] for header, field in mapping.items()]
        finally:
            self.endResetModel()

    def mapping(self) -> dict[str, str]:
        return {header: field for header, _sample, field in self._rows}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(self.HEADERS):
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return field_label(value) if index.column() == self.FIELD else plain(value)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.FIELD and not value:
            return QBrush(QColor("#8a8f98"))  # ignored columns recede
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.FIELD:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.FIELD:
            return False
        if value not in FIELDS and value != IGNORE:
            return False
        self._rows[index.row()][self.FIELD] = value
        self.dataChanged.emit(index, index)
        return True
