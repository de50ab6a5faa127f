"""Table models over app list use cases: rows fetched lazily in blocks, sorted and filtered in SQL.

A page declares its columns (`Column`: header, how to read the value from the
row's frozen dataclass, the service's sort key) and hands the model the app's
`list_*`/`count_*` use-case pair (each called with the database: one read per block). The model keeps only a few blocks of rows,
so memory does not grow with the table; `data()` never raises.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QModelRoleDataSpan, QPersistentModelIndex, Qt, Signal

from ...core import local_times

if TYPE_CHECKING:  # the database layer (SQLAlchemy) loads after the window's first paint
    from ...app.database import Database
    from ...core.paging import ListQuery

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
ListFn = Callable[["Database", "ListQuery"], Sequence[Any]]  # an app read: list_people(db, query)
CountFn = Callable[["Database", str], int]  # an app read: count_people(db, text)
# edit(row, new_text) -> True if the edit was accepted (typically pushed onto the undo stack)
EditFn = Callable[[Any, str], bool]
# Rows read at once: a tall window's screenful and the rows below it that column sizing looks at
# (list_page.SIZED_ROWS) in one read, and no more: each row of a list can count hundreds (an event's participants),
# and every row read is formatted before the first paint.
BLOCK_ROWS = 60


def _list_query(**values: Any) -> ListQuery:
    """A service list query; its module (SQLAlchemy) is loaded when a table first reads."""
    from ...core.paging import ListQuery

    return ListQuery(**values)


def plain(value: object) -> str:
    """The text of a cell value: dates in ISO form, None as empty."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return local_times.stamp(value)
    if isinstance(value, date):
        return local_times.iso_day(value)
    if isinstance(value, (tuple, list)):
        return ", ".join(plain(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class Column:
    """One column: its header, the row attribute (or a function of the row) and the service sort key."""

    header: str
    attr: str | Callable[[Any], object]
    sort: str | None = None  # a key of the service's SORTS; None: not sortable
    fmt: Callable[[object], str] = plain
    numeric: bool = False  # right-aligned
    tooltip: str = ""
    edit: EditFn | None = None  # set to make the column editable in place
    decoration: Callable[[Any], object] | None = None  # an icon beside the text, from the row

    def value(self, row: object) -> object:
        return self.attr(row) if callable(self.attr) else getattr(row, self.attr)

    def text(self, row: object) -> str:
        return self.fmt(self.value(row))


_TEXT_ROLES = frozenset(int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.AccessibleTextRole,
))
_TOOLTIP, _DECORATION, _ALIGNMENT, _ROW = (int(role) for role in (
    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.UserRole,
))
_ANSWERED = _TEXT_ROLES | {_TOOLTIP, _DECORATION, _ALIGNMENT, _ROW}
_UNREAD = object()  # a cell's text not asked for yet
_CELL = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class ColumnsModel(QAbstractTableModel):
    """What every table model shares: headers, display/alignment/edit roles from `Column`s."""

    ROW_ROLE = Qt.ItemDataRole.UserRole  # the row's frozen dataclass itself (answered: see _ANSWERED)
    answered = _ANSWERED  # the roles data() looks at; a subclass answering more adds them

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    @columns.setter
    def columns(self, columns: Sequence[Column]) -> None:
        """The columns, with what Qt asks per cell painted made once: alignments, and a table cell's flags."""
        self._columns = tuple(columns)
        self._alignments = tuple(_RIGHT if column.numeric else None for column in self._columns)
        self._flags = tuple(_CELL | Qt.ItemFlag.ItemIsEditable if column.edit is not None else _CELL
                            for column in self._columns)

    def row_at(self, row: int) -> Any | None:  # overridden
        raise NotImplementedError

    def text_at(self, row: int, column: int) -> str | None:
        """The text of one cell, None past the rows (models that keep their texts override this)."""
        found = self.row_at(row)
        return None if found is None else self.columns[column].text(found)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.header
            if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
                return column.tooltip
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Qt asks each painted cell for seven roles: those never answered (font, colours, check state)
        # return before any other work, as they are most of the calls of a first paint
        if role not in self.answered:
            return None
        try:
            return self._data(index, role)
        except Exception:  # data() must never raise into Qt's painting
            log.exception("cannot show cell %s,%s", index.row(), index.column())
            return None

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan) -> None:  # noqa: N802,N803 - Qt override
        """Every role Qt asks of one cell in one call (a delegate asks seven to paint a cell): most of a first paint.

        The text and the alignment are answered here, once per cell; other roles through `_data`, which
        subclasses extend (icons, colours, tooltips).
        """
        row, column = index.row(), index.column()
        if not 0 <= column < len(self.columns):
            for role_data in roleDataSpan:
                role_data.clearData()
            return
        answered, text = self.answered, _UNREAD
        for role_data in roleDataSpan:  # Qt reuses the span from cell to cell: every role is set or cleared
            role = role_data.role()
            value = None
            try:
                if role in _TEXT_ROLES:
                    value = text = self.text_at(row, column) if text is _UNREAD else text
                elif role == _ALIGNMENT:
                    value = self._alignments[column] if self.row_at(row) is not None else None
                elif role in answered:
                    value = self._data(index, role)
            except Exception:  # never raise into Qt's painting
                log.exception("cannot show cell %s,%s", row, column)
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

    def _data(self, index: Index, role: int) -> Any:
        row, column = index.row(), index.column()  # an invalid index has column -1
        if not 0 <= column < len(self.columns):
            return None
        if role in _TEXT_ROLES:
            return self.text_at(row, column)
        if role == _TOOLTIP:
            text = self.text_at(row, column)
            return text if text is not None and len(text) > 40 else None
        if role == _ALIGNMENT:
            alignment = self._alignments[column]
            return alignment if alignment is not None and self.row_at(row) is not None else None
        if role == _DECORATION:
            decoration = self.columns[column].decoration
            found = None if decoration is None else self.row_at(row)
            return None if found is None or decoration is None else decoration(found)
        return self.row_at(row) if role == _ROW else None  # a subclass's role it did not answer for this cell

    def flags(self, index: Index) -> Qt.ItemFlag:
        column = index.column()  # -1 for an invalid index
        return self._flags[column] if 0 <= column < len(self.columns) else Qt.ItemFlag.NoItemFlags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = self.columns[index.column()]
        row = self.row_at(index.row())
        if column.edit is None or row is None or not isinstance(value, str) or value == column.text(row):
            return False
        return column.edit(row, value)  # the edit refreshes the model itself once it is applied


class QueryTableModel(ColumnsModel):
    """Rows of a service list query, fetched in blocks by row index; sort and filter re-query the database."""

    error = Signal(object)  # an exception from the database, for the page to show once
    reloaded = Signal()  # after each reset or refresh: row count or contents changed

    def __init__(
        self,
        db: Database,
        list_fn: ListFn,
        count_fn: CountFn,
        columns: Sequence[Column],
        *,
        default_sort: str = "",
        block_size: int = BLOCK_ROWS,
        max_blocks: int = 16,
        parent: Any = None,
    ) -> None:
        super().__init__(columns, parent)
        self._db = db
        self._list = list_fn
        self._count = count_fn
        self._query = _list_query(sort=default_sort)
        self._block_size = block_size
        self._max_blocks = max_blocks
        self._blocks: OrderedDict[int, Sequence[Any]] = OrderedDict()  # least recently used first
        # each kept block's cell texts, row by row, made when first asked: a repaint reads them, not the rows
        self._texts: dict[int, list[str | None]] = {}
        self._rows = 0
        self._failed = False
        self._reset()

    # --- what the page drives -------------------------------------------------
    @property
    def query(self) -> ListQuery:
        return self._query

    def set_filter(self, text: str) -> None:
        """Show only rows matching every word of `text` (the service decides which fields)."""
        text = text.strip()
        if text != self._query.text:
            self._query = _list_query(text=text, sort=self._query.sort, descending=self._query.descending)
            self._reset()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or self.columns[column].sort is None:
            return
        key = self.columns[column].sort or ""
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self._query.sort, self._query.descending):
            self._query = _list_query(text=self._query.text, sort=key, descending=descending)
            self._reset()

    def refresh(self) -> None:
        """Re-read after the data changed: a reset if the row count moved, else repaint in place."""
        try:
            rows = self._fetch_count()
        except Exception as exc:  # shown once by the page; the table keeps what it had
            self.error.emit(exc)
            return
        if rows != self._rows:
            self._reset()
            return
        self._forget()
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, len(self.columns) - 1))
        self.reloaded.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._rows

    def row_at(self, row: int) -> Any | None:
        if not 0 <= row < self._rows:
            return None
        block_no = row // self._block_size
        block = self._blocks.get(block_no)
        if block is None:
            block = self._load_block(block_no)
        else:
            self._blocks.move_to_end(block_no)
        offset = row - block_no * self._block_size
        return block[offset] if offset < len(block) else None

    def text_at(self, row: int, column: int) -> str | None:
        found = self.row_at(row)  # loads the row's block if need be
        if found is None:
            return None
        texts = self._texts[row // self._block_size]
        cell = row % self._block_size * len(self.columns) + column
        text = texts[cell]
        if text is None:
            text = texts[cell] = self.columns[column].text(found)
        return text

    def find_row(self, predicate: Callable[[Any], bool]) -> int:
        """The first row (among those loaded on demand) for which `predicate` holds, or -1."""
        for row in range(self._rows):
            found = self.row_at(row)
            if found is not None and predicate(found):
                return row
        return -1

    # --- internals -------------------------------------------------------------
    def _forget(self) -> None:
        self._blocks.clear()
        self._texts.clear()

    def _fetch_count(self) -> int:
        return int(self._count(self._db, self._query.text))

    def _reset(self) -> None:
        error: Exception | None = None
        self.beginResetModel()
        try:
            self._forget()
            self._failed = False
            try:
                self._rows = self._fetch_count()
            except Exception as exc:
                self._rows, error = 0, exc
        finally:
            self.endResetModel()
        self.reloaded.emit()
        if error is not None:
            self.error.emit(error)

    def _load_block(self, block_no: int) -> Sequence[Any]:
        window = _list_query(
            text=self._query.text, sort=self._query.sort, descending=self._query.descending,
            offset=block_no * self._block_size, limit=self._block_size,
        )
        try:
            block = tuple(self._list(self._db, window))
        except Exception as exc:
            if not self._failed:  # tell once, not for every cell painted
                self._failed = True
                self.error.emit(exc)
            return ()
        self._blocks[block_no] = block
        self._texts[block_no] = [None] * (len(block) * len(self.columns))
        while len(self._blocks) > self._max_blocks:
            self._texts.pop(self._blocks.popitem(last=False)[0])
        return block


class RowsTableModel(ColumnsModel):
    """A small, fully loaded list of rows (an event's items or participants)."""

    def __init__(self, columns: Sequence[Column], rows: Sequence[Any] = (), parent: Any = None) -> None:
        super().__init__(columns, parent)
        self._rows: tuple[Any, ...] = tuple(rows)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        try:
            self._rows = tuple(rows)
        finally:
            self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def row_at(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None
