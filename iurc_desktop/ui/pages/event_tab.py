"""Base of the tabs on an event's page: each shows one aspect of the event given its code."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ..shell.context import Context


class EventTab(QWidget):
    """A tab of the event page. Subclasses implement `load(code)`; the page calls `show_event`.

    `navigate` asks the window to go somewhere: ("tab", key), ("item", item key),
    ("person", e-mail) or ("event", code). `status` writes to the status bar.
    """

    status = Signal(str)
    navigate = Signal(str, str)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.code: str | None = None

    def show_event(self, code: str) -> None:
        self.code = code
        self.load(code)

    def load(self, code: str) -> None:  # pragma: no cover - every tab overrides it
        raise NotImplementedError

    def refresh(self) -> None:
        if self.code:
            self.load(self.code)
