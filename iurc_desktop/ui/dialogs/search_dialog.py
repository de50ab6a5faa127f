"""Search everywhere (Ctrl+K): one box over people, organisations, events and items, results grouped by kind."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ...app.planning import PLURALS, SearchHit, search, search_totals
from ..shell.context import Context

DELAY_MS = 150  # a pause in typing before asking the database
HEADINGS = {kind: plural.capitalize() for kind, plural in PLURALS.items()}  # in the order shown
HIT_ROLE = Qt.ItemDataRole.UserRole
LIST_ROLE = Qt.ItemDataRole.UserRole + 1  # on "Show all … in People": the list page that shows them all, filtered
LIMIT = 20  # hits of each kind shown
LIST_PAGES = {"person": "people", "organisation": "organisations", "event": "events"}  # items have no list of their own


class SearchDialog(QDialog):
    """Type to search; Enter or double-click emits `chosen(hit)` (or `show_all(page, text)`) and closes."""

    chosen = Signal(object)  # the SearchHit
    show_all = Signal(str, str)  # a list page's key, and the text to filter it by

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Search everywhere")
        self.setAccessibleName("Search everywhere")
        self.box = QLineEdit()
        self.box.setAccessibleName("Search text")
        self.box.setPlaceholderText("Names in any script, e-mails, organisations, event codes, items…")
        self.box.setClearButtonEnabled(True)
        font = self.box.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.box.setFont(font)
        self.results = QTreeWidget()
        self.results.setAccessibleName("Search results")
        self.results.setHeaderHidden(True)
        self.results.setColumnCount(2)
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.itemActivated.connect(self._activated)
        self.hint = QLabel("↑↓ to move, Enter to open, Esc to close")
        self.hint.setEnabled(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.box.textChanged.connect(self._timer.start)
        self.box.returnPressed.connect(self._open_current)
        self.box.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.hint)
        self.resize(720, 480)

    def run_search(self) -> list[SearchHit]:
        """Search now (the timer calls this after a pause in typing) and show the hits grouped."""
        self._timer.stop()
        text = self.box.text()
        try:
            hits = search(self.ctx.db, text, limit=LIMIT)
            totals = search_totals(self.ctx.db, text, hits, LIMIT)
        except Exception as exc:  # shown, and the dialog stays open for another try
            self.ctx.report(exc)
            hits, totals = [], {}
        self._show(hits, text, totals)
        return hits

    def _show(self, hits: list[SearchHit], text: str, totals: dict[str, int] | None = None) -> None:
        self.results.clear()
        bold = QFont(self.results.font())
        bold.setBold(True)
        italic = QFont(self.results.font())
        italic.setItalic(True)
        first: QTreeWidgetItem | None = None
        for kind in HEADINGS:
            group = [h for h in hits if h.kind == kind]
            if not group:
                continue
            total = (totals or {}).get(kind, len(group))
            shown = f"{len(group)} of {total:,}" if total > len(group) else f"{len(group)}"
            heading = QTreeWidgetItem([f"{HEADINGS[kind]} ({shown})", ""])
            heading.setFont(0, bold)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.results.addTopLevelItem(heading)
            for hit in group:
                row = QTreeWidgetItem(["    " + hit.title, hit.detail])
                row.setData(0, HIT_ROLE, hit)
                row.setToolTip(0, hit.title)
                self.results.addTopLevelItem(row)
                first = first or row
            if total > len(group) and kind in LIST_PAGES:
                more = QTreeWidgetItem([f"    Show all {total:,} in {HEADINGS[kind]}…", ""])
                more.setData(0, LIST_ROLE, LIST_PAGES[kind])
                more.setFont(0, italic)
                self.results.addTopLevelItem(more)
        if first is not None:
            self.results.setCurrentItem(first)
        elif text.strip():
            none = QTreeWidgetItem([f"Nothing found for “{text.strip()}”.", ""])
            none.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addTopLevelItem(none)
        self.results.resizeColumnToContents(0)
        self.results.setColumnWidth(0, min(self.results.columnWidth(0) + 24, self.width() // 2))

    def hits_shown(self) -> list[SearchHit]:
        """The hits as listed, in order (headings left out)."""
        items = (self.results.topLevelItem(i) for i in range(self.results.topLevelItemCount()))
        return [h for h in (item.data(0, HIT_ROLE) for item in items) if h is not None]

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802 - Qt override
        """Up and Down in the box move through the results, so the hands stay on the keyboard."""
        if watched is self.box and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if event.key() == Qt.Key.Key_Down else -1)
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def _move(self, step: int) -> None:
        count = self.results.topLevelItemCount()
        current = self.results.indexOfTopLevelItem(self.results.currentItem()) if self.results.currentItem() else -1
        index = current + step
        while 0 <= index < count:
            item = self.results.topLevelItem(index)
            if item.data(0, HIT_ROLE) is not None or item.data(0, LIST_ROLE):
                self.results.setCurrentItem(item)
                return
            index += step

    def _open_current(self) -> None:
        if self._timer.isActive():  # Enter before the pause: search first
            self.run_search()
        item = self.results.currentItem()
        if item is not None:
            self._activated(item)

    def _activated(self, item: QTreeWidgetItem) -> None:
        hit, page = item.data(0, HIT_ROLE), item.data(0, LIST_ROLE)
        if hit is not None:
            self.chosen.emit(hit)
            self.accept()
        elif page:
            self.show_all.emit(page, self.box.text().strip())
            self.accept()
