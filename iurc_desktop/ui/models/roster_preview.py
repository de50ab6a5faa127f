"""The roster export's preview table: its first rows, under the columns the roster has now."""

from __future__ import annotations

from typing import Any

from .table import Column, RowsTableModel


class RosterPreviewModel(RowsTableModel):
    """The preview's rows; its columns change with the roster's."""

    def set_table(self, columns: tuple[Column, ...], rows: Any) -> None:
        self.beginResetModel()
        try:
            self.columns = columns
            self._rows = tuple(rows)
        finally:
            self.endResetModel()
