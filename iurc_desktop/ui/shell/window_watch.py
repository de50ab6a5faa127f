"""What the main window watches outside its own events: its first paint, and Ctrl+K in its text boxes.

Neither is an application-wide event filter for good: such a filter runs Python for every
event of every widget (a list's first paint took a tenth longer with one installed).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


class FirstPaint(QObject):
    """Calls `reached` once, after the first paint of `window` or of one of its widgets has reached the screen."""

    def __init__(self, window: QWidget, reached: Callable[[], None]) -> None:
        super().__init__(window)
        self.window, self.reached = window, reached
        QApplication.instance().installEventFilter(self)  # until that paint only

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) \
                and (watched is self.window or self.window.isAncestorOf(watched)):
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, self.window, self.reached)  # once this paint has reached the screen
        return False


class SearchKeyInTextBoxes(QObject):
    """Ctrl+K means Search everywhere even in a text box of `window`, where Qt would delete to the end of the line.

    Qt offers a key to the focused widget alone first (ShortcutOverride), so only that widget is
    watched, from the moment it takes the focus until it loses it.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.window.isAncestorOf(new):
            new.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.FocusOut:
            watched.removeEventFilter(self)
        elif kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_K and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            event.ignore()  # not the text box's: the window's Ctrl+K shortcut takes it
            return True
        return False
