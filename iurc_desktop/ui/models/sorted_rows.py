"""A small, fully loaded table model that sorts in memory by each column's raw value.

Times sort by their true instant (aware datetimes compare across zones), text
case-insensitively, and empty values last whichever the direction.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from .table import RowsTableModel


def sort_key(value: object) -> tuple[int, Any]:
    """A key that orders values of one column; empty values go last."""
    if value is None or value == "" or value == ():
        return (1, "")
    if isinstance(value, str):
        return (0, value.casefold())
    if isinstance(value, (tuple, list)):
        return (0, ", ".join(str(v) for v in value).casefold())
    return (0, value)


class SortedRowsModel(RowsTableModel):
    """`RowsTableModel` whose header clicks sort the rows; selection follows the moved rows."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        col = self.columns[column]
        descending = order == Qt.SortOrder.DescendingOrder
        filled = [r for r in self._rows if sort_key(col.value(r))[0] == 0]
        empty = [r for r in self._rows if sort_key(col.value(r))[0] == 1]
        filled.sort(key=lambda r: sort_key(col.value(r)), reverse=descending)
        self.layoutAboutToBeChanged.emit()
        try:
            old = self._rows
            self._rows = tuple(filled + empty)
            where = {id(row): n for n, row in enumerate(self._rows)}
            for index in self.persistentIndexList():
                moved = where.get(id(old[index.row()]), index.row())
                self.changePersistentIndex(index, self.index(moved, index.column()))
        finally:
            self.layoutChanged.emit()

    def rows(self) -> tuple[Any, ...]:
        return self._rows

    def row_of(self, predicate: Any) -> int:
        """The first row for which `predicate(row)` holds, or -1."""
        return next((n for n, row in enumerate(self._rows) if predicate(row)), -1)

    def index_of_row(self, row: int, column: int = 0) -> QModelIndex:
        return self.index(row, column)
