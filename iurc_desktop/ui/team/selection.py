"""Keep a table's current row when its model re-reads (someone else's change arrived).

A reset (the row count moved) forgets the current row, and a repaint in place
may put another row under it. `keep_selection(view)` remembers the row by what
identifies it (`id`, `participation_id`, `code`, `key` or `email` of the row's
dataclass) and selects it again afterwards, wherever it moved. A page that
restores its own selection is left alone.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView

ROW_ROLE = Qt.ItemDataRole.UserRole  # ColumnsModel.ROW_ROLE: the row's dataclass
KEY_FIELDS = ("id", "participation_id", "code", "key", "email")
SEARCH_SPAN = 400  # rows looked at on either side of the old position (lazy models load only these)


def row_key(row: Any) -> Any:
    """What identifies a row across re-reads, or None."""
    for name in KEY_FIELDS:
        value = getattr(row, name, None)
        if value is not None:
            return (name, value)
    return None


class SelectionKeeper(QObject):
    """Follows one view's current row by key and puts it back after the model re-reads."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.setObjectName("SelectionKeeper")
        self.view = view
        self.model = view.model()
        self.key: Any = None
        self.position = -1
        view.selectionModel().currentRowChanged.connect(self._remember)
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._restore_later)
        self.model.layoutChanged.connect(self._restore_later)
        self.model.dataChanged.connect(self._restore_later)
        self._remember_current()

    def _key_at(self, row: int) -> Any:
        return row_key(self.model.index(row, 0).data(ROW_ROLE)) if row >= 0 else None

    def _remember(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.key, self.position = self._key_at(current.row()), current.row()

    def _remember_current(self) -> None:
        if shiboken6.isValid(self.view):  # a view being destroyed may still hear its model
            self._remember(self.view.currentIndex(), QModelIndex())

    def _restore_later(self, *_args: Any) -> None:
        QTimer.singleShot(0, self, self.restore)  # after the page has put back its own selection, if it does

    def restore(self) -> None:
        """Select the remembered row again if the view lost it or shows another row in its place."""
        if self.key is None or not shiboken6.isValid(self.view) or self.view.model() is not self.model:
            return
        current = self.view.currentIndex()
        if current.isValid() and self._key_at(current.row()) == self.key:
            return
        if self.view.selectionModel().hasSelection() and not current.isValid():
            return  # the page chose a selection itself
        found = self._find()
        if found >= 0:
            column = max(current.column(), 0)
            self.view.setCurrentIndex(self.model.index(found, column))
            self.view.scrollTo(self.model.index(found, column))

    def _find(self) -> int:
        rows = self.model.rowCount()
        start = min(max(self.position, 0), max(rows - 1, 0))
        for distance in range(SEARCH_SPAN + 1):  # nearest first: a row rarely moves far
            for row in (start - distance, start + distance):
                if 0 <= row < rows and self._key_at(row) == self.key:
                    return row
            if start - distance < 0 and start + distance >= rows:
                break
        return -1


def keep_selection(view: QAbstractItemView) -> SelectionKeeper | None:
    """Make `view` keep its current row across model re-reads; idempotent.

    Only views over the app's row models (`row_at`); None for others (item widgets own their rows).
    """
    if not hasattr(view.model(), "row_at") or view.selectionModel() is None:
        return None
    for keeper in view.findChildren(SelectionKeeper, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if keeper.model is view.model():
            return keeper
        keeper.deleteLater()  # the view got another model since
    return SelectionKeeper(view)
