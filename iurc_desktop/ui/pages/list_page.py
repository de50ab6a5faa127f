"""The shape every list page shares: a search box over a sortable, lazily loaded table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QStyle, QTableView, QVBoxLayout,
    QWidget,
)

from ...app.changes import Topic
from ..icons import icon
from ..models.table import Column, ColumnsModel, CountFn, ListFn, QueryTableModel
from ..shell.context import Context

SEARCH_DELAY_MS = 200  # wait for a pause in typing before asking the database
# Rows beyond the visible ones that sizing a column to its contents looks at (Qt's default, 1000, asks
# every row's text of a long table and defeats the lazy model; each one looked at is formatted and measured
# before the first paint).
SIZED_ROWS = 10


def make_table(name: str) -> QTableView:
    """A table view with the app's conventions: whole rows selected, alternating rows, compact rows."""
    table = QTableView()
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)  # F2; double-click/Enter open the row
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.horizontalHeader().setHighlightSections(False)
    table.horizontalHeader().setResizeContentsPrecision(SIZED_ROWS)
    return table


def back_button() -> QPushButton:
    """The one Back button of the pages that have one; Alt+Left (the View menu's Back) does the same."""
    button = QPushButton(icon("arrow-left"), "Back")
    button.setAccessibleName("Back")
    button.setToolTip("Back to where you were (Alt+Left)")
    return button


def fit_columns(table: QTableView, stretch: int, max_chars: int = 40) -> None:
    """Columns as wide as their header and visible rows (capped); `stretch` takes the rest.

    A column the cap cut (a long e-mail) gets back what it needs first, while the table has room to spare.
    """
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    table.resizeColumnsToContents()
    char = table.fontMetrics().averageCharWidth()
    needed = [0 if table.isColumnHidden(c) else table.columnWidth(c) + char * 2 for c in range(header.count())]  # room to breathe
    widths = [min(width, char * max_chars) for width in needed]
    spare = table.viewport().width() - sum(widths)  # the stretch column keeps its capped width at least
    for column, width in enumerate(widths):
        given = max(0, min(needed[column] - width, spare))
        widths[column], spare = width + given, spare - given
    for column, width in enumerate(widths):
        if not table.isColumnHidden(column):
            table.setColumnWidth(column, width)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def share_widths(natural: Sequence[int], wide: Sequence[int], available: int, floor: int = 0,
                 needed: Sequence[int] | None = None) -> list[int]:
    """Column widths for `available` pixels.

    Short columns keep their natural width. When everything fits, a wide column the cap cut
    (`natural` below its `needed`) first gets back what its text needs; then the `wide` columns
    share what is still spare equally (the first gets the odd pixels), so a longer text met
    later, after a sort or a search, still has room. When not, the wide columns share what is left
    fairly: those that need less than an equal share keep their natural width
    (an e-mail stays whole), the longest ones are cut to equal widths (not below `floor`).
    """
    widths = list(natural)
    wide = [i for i in wide if 0 <= i < len(widths)]
    if not wide:
        return widths
    spare = available - sum(natural)
    if spare >= 0:
        for i in wide:
            given = min(spare, max(0, needed[i] - natural[i])) if needed else 0
            widths[i], spare = widths[i] + given, spare - given
        share, odd = divmod(spare, len(wide))
        for i in wide:
            widths[i] += share
        widths[wide[0]] += odd
        return widths
    room = available - sum(w for i, w in enumerate(natural) if i not in wide)
    pending = sorted(wide, key=lambda i: natural[i])
    while pending and natural[pending[0]] <= room // len(pending):
        room -= natural[pending.pop(0)]
    for i in pending:
        widths[i] = max(floor, room // len(pending))
    return widths


class ProportionalColumns(QObject):
    """Keeps a table's columns sized to their contents (capped), the long text columns sharing the width.

    Re-fits whenever the table's viewport changes size (the window, a scroll bar appearing).
    """

    def __init__(self, table: QTableView, wide: Sequence[int], max_chars: int = 40) -> None:
        super().__init__(table)
        self.table, self.wide, self.max_chars = table, tuple(wide), max_chars
        self.natural: list[int] = []  # each column's width for its text, capped
        self.needed: list[int] = []  # and uncapped
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # people may still drag a column wider
        table.viewport().installEventFilter(self)

    def measure(self) -> None:
        """Natural widths from the header and the rows on screen, capped at `max_chars`."""
        char = self.table.fontMetrics().averageCharWidth()
        header = self.table.horizontalHeader()
        rows = self._measured_rows()
        self.needed = [
            0 if self.table.isColumnHidden(c)  # a hidden column takes no share
            else max(self._content_width(c, rows) + char * 2, header.sectionSizeHint(c) + char // 2)
            for c in range(header.count())
        ]
        self.natural = [min(width, char * self.max_chars) for width in self.needed]
        self.fit()

    def _measured_rows(self) -> range:
        """The rows on screen and SIZED_ROWS below them (as Qt sizes a column to its contents)."""
        first = max(self.table.rowAt(0), 0)
        on_screen = self.table.viewport().height() // max(self.table.verticalHeader().defaultSectionSize(), 1) + 1
        return range(first, min(self.table.model().rowCount(), first + on_screen + SIZED_ROWS))

    def _content_width(self, column: int, rows: range) -> int:
        """The widest cell text of `rows` in `column` with the item's margins (and icon), as its delegate lays it out.

        Measured here from the texts alone: Qt's sizeHintForColumn asks every cell for a
        dozen roles, most of the first open of a long list.
        """
        model, metrics = self.table.model(), self.table.fontMetrics()
        assert isinstance(model, ColumnsModel)  # the tables this sizes show `Column`s
        margin = 2 * (self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table) + 1)
        texts = {model.text_at(row, column) for row in rows}  # each text once
        widest = max((metrics.horizontalAdvance(str(text)) for text in texts if text is not None), default=0)
        if rows and model.index(rows[0], column).data(Qt.ItemDataRole.DecorationRole) is not None:
            size = self.table.iconSize().width()  # unset (-1): the style's small icons
            widest += (size if size > 0 else self.table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)) + margin
        return widest + margin + 1  # and the pixel Qt adds

    def fit(self) -> None:
        if not self.natural:
            return
        char = self.table.fontMetrics().averageCharWidth()
        widths = share_widths(self.natural, self.wide, self.table.viewport().width(), char * 12, self.needed)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False


class ListPage(QWidget):
    """Search box + table over a `QueryTableModel`; subclasses give the columns and the services."""

    title = ""  # navigation label
    noun = ("row", "rows")  # singular, plural for the status line
    topics: tuple[Topic, ...] = ()  # data changes that make this page re-read
    stretch = 0  # the column that takes the spare width (the one with the longest text)
    wide: tuple[int, ...] = ()  # long text columns that share the width when it is short; default (stretch,)
    max_chars = 40  # no column starts wider than this many average characters

    status = Signal(str)  # a line for the window's status bar
    row_activated = Signal(object)  # the row's dataclass, on double-click or Enter

    def __init__(self, ctx: Context, list_fn: ListFn, count_fn: CountFn, columns: Sequence[Column],
                 *, default_sort: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.search = QLineEdit()
        self.search.setPlaceholderText(f"Search {self.noun[1]}…  (Ctrl+F)")
        self.search.setAccessibleName(f"Search {self.noun[1]}")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(f"Number of {self.noun[1]}")
        self.model = QueryTableModel(ctx.db, list_fn, count_fn, columns, default_sort=default_sort, parent=self)
        self._counted: object = None  # the query whose count the status bar was last told
        self.table = make_table(f"{self.title} table")
        self.table.setModel(self.model)
        self._set_up_sorting(columns, default_sort)
        self.columns_fit = ProportionalColumns(self.table, self.wide or (self.stretch,), self.max_chars)
        self._measured_rows = 0
        self._shown_once = False  # columns are measured when first shown, on the rows then on screen

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.apply_search)
        self.table.activated.connect(self._activated)
        self.model.error.connect(ctx.report)
        self.model.reloaded.connect(self._reloaded)
        self.model.reloaded.connect(self._measure_once_filled)
        ctx.changes.changed.connect(self._on_changed)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.show_count()

    def _set_up_sorting(self, columns: Sequence[Column], default_sort: str) -> None:
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        first = next((i for i, c in enumerate(columns) if c.sort == default_sort), 0)
        header.setSortIndicator(first, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # clicks on a header call model.sort → SQL ORDER BY

    def _size_columns(self) -> None:
        """Fit columns to the first rows once (not on every search, so they do not jump about)."""
        self._measured_rows = self.model.rowCount()
        self.columns_fit.measure()

    def _measure_once_filled(self) -> None:
        if self._shown_once and not self._measured_rows and self.model.rowCount():  # measured empty: measure again
            self._size_columns()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """Columns measured when first shown: rows on screen only load once the table has its real size."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self._size_columns()
            # the table's own pending layout (posted and timed by Qt when the model is set) runs now, before
            # the first paint: left to the next turns of the event loop it repaints every cell again
            for widget in (self.table, self.table.horizontalHeader(), self.table.viewport()):
                QCoreApplication.sendPostedEvents(widget)
            self.table.doItemsLayout()  # and stops the timer of the delayed one

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def apply_search(self) -> None:
        """Filter now (the debounce timer calls this after a pause in typing)."""
        self._debounce.stop()
        self.model.set_filter(self.search.text())

    def refresh(self) -> None:
        """Read the rows again; the highlight stays on the record it was on, never on whoever took its place."""
        chosen = getattr(self.current_row(), "id", None)
        self.model.refresh()
        if chosen is not None:
            self._highlight(chosen)

    def _highlight(self, record_id: object) -> None:
        """Put the highlight on the record `record_id` if it is on screen, else on no row (Delete then removes nobody)."""
        current = self.table.currentIndex()
        if current.isValid() and getattr(self.model.row_at(current.row()), "id", None) == record_id:
            return
        first = max(self.table.rowAt(0), 0)
        last = self.table.rowAt(self.table.viewport().height() - 1)
        for row in range(first, (last if last >= 0 else self.model.rowCount() - 1) + 1):  # rows shown: read for painting
            if getattr(self.model.row_at(row), "id", None) == record_id:
                self.table.setCurrentIndex(self.model.index(row, max(current.column(), 0)))
                return
        self.table.selectionModel().clear()

    def current_row(self) -> Any | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.row_activated.emit(row)

    def _on_changed(self, topic: Topic) -> None:
        if topic.concerns(*self.topics):
            self.refresh()

    def show_count(self) -> None:
        """Say how many rows there are, beside the search box and in the status bar."""
        self._counted = self.model.query
        self.status.emit(self._count_text())

    def _reloaded(self) -> None:
        """The count beside the search box; in the status bar too when the user filtered or sorted. A reading
        again after a change leaves the status bar to what changed ("Undone: …", "Saved …")."""
        if self.model.query != self._counted:
            self.show_count()
        else:
            self._count_text()

    def _count_text(self) -> str:
        rows = self.model.rowCount()
        word = self.noun[0] if rows == 1 else self.noun[1]
        text = f"{rows:,} {word}" + (" match" + ("es" if rows == 1 else "") if self.model.query.text else "")
        self.count_label.setText(text)
        return text
