"""The mapping table's editor: a combo of the fields a column can fill."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ...exchange.imports.mapping import FIELDS, field_label
from ..models.import_preview import IGNORE
from ..models.table import Index


class FieldDelegate(QStyledItemDelegate):
    """A combo per row (opened as a persistent editor) that writes the chosen field back at once."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802 - Qt
        combo = QComboBox(parent)
        combo.setAccessibleName("Field of the column")
        for field in (IGNORE, *FIELDS):
            combo.addItem(field_label(field), field)
        combo.currentIndexChanged.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802 - Qt
        assert isinstance(editor, QComboBox)
        editor.blockSignals(True)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
        editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802 - Qt
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802
        editor.setGeometry(option.rect)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> Any:  # noqa: N802 - Qt
        hint = super().sizeHint(option, index)
        hint.setWidth(max(hint.width(), option.fontMetrics.averageCharWidth() * 22))
        return hint
