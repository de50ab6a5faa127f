"""The New / Edit / Remove buttons of a list page, each with its icon and keyboard shortcut."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QToolButton, QWidget

from ..commands.keyed_records import RecordCommand
from ..icons import icon
from ..shell.context import Context


def page_action(owner: QWidget, text: str, icon_name: str, shortcut: QKeySequence | str, slot: Callable[[], None],
                *, context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut) -> QAction:
    """An action of `owner` (live only while it is shown), its shortcut named in the tooltip."""
    action = QAction(icon(icon_name), text, owner)
    action.setShortcut(QKeySequence(shortcut))
    action.setShortcutContext(context)
    shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({shown})" if shown else text.replace("&", ""))
    action.triggered.connect(slot)
    owner.addAction(action)
    return action


def tool_bar(*actions: QAction) -> QHBoxLayout:
    """A row of buttons with icon and text for `actions`, left-aligned."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for action in actions:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAutoRaise(True)
        row.addWidget(button)
    row.addStretch(1)
    return row


def ask(parent: QWidget, title: str, text: str) -> bool:
    """Yes/No for an action with wide consequences (it can still be undone)."""
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def push(ctx: Context, command: RecordCommand) -> str:
    """Push a record command; what it did for the status bar, or "" when it was refused (and reported)."""
    ctx.undo.push(command)
    return "" if command.isObsolete() else command.status
