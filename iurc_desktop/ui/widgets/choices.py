"""Picking a record by typing part of its name: organisations by name or key, people by name or e-mail."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

if TYPE_CHECKING:
    from ...app.registrations import Choice


class ChoiceField(QComboBox):
    """An editable list of choices, completed by any part of their text; `value()` is the chosen one's value.

    `none`, when given, allows no choice: an empty first entry with `none` as the placeholder.

    Text found in exactly one choice picks it; text that names no choice is returned as typed, so the use
    case can say what is wrong with it.
    """

    def __init__(self, choices: Sequence[Choice], none: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.none = none
        if none:
            self.addItem("", "")  # an empty first entry: typing starts from nothing
            self.lineEdit().setPlaceholderText(none)
        for choice in choices:
            self.addItem(choice.text, choice.value)
        completer = QCompleter([c.text for c in choices], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)

    def value(self) -> str:
        text = self.currentText().strip()
        if not text:
            return ""
        at = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if at < 0:
            found = [n for n in range(self.count()) if self.itemData(n) and text.casefold() in self.itemText(n).casefold()]
            at = found[0] if len(found) == 1 else -1
        return str(self.itemData(at)) if at >= 0 else text

    def set_value(self, value: str) -> None:
        at = self.findData(value) if value else (0 if self.none else -1)
        if at >= 0:
            self.setCurrentIndex(at)
        else:
            self.setCurrentText(value)
