"""Palettes: light, dark or the desktop's (Settings), and colours that stay legible in each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

PROBLEM_COLOURS = ("#b0473f", "#ff8a80")  # a muted red on light backgrounds, a pale one on dark
_desktop_palette: QPalette | None = None  # the application's palette before a theme was chosen


def dark_palette() -> QPalette:
    """A plain dark palette, close to what desktops use in dark mode."""
    palette = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: "#2b2b2b", role.WindowText: "#e6e6e6", role.Base: "#1e1e1e", role.AlternateBase: "#262626",
        role.ToolTipBase: "#3a3a3a", role.ToolTipText: "#e6e6e6", role.Text: "#e6e6e6", role.Button: "#333333",
        role.ButtonText: "#e6e6e6", role.BrightText: "#ff6b6b", role.Highlight: "#3d6fb4",
        role.HighlightedText: "#ffffff", role.Link: "#7fb0ff", role.PlaceholderText: "#8c8c8c",
        role.Mid: "#444444", role.Dark: "#1a1a1a", role.Light: "#4a4a4a", role.Midlight: "#3c3c3c", role.Shadow: "#000000",
    }
    for r, colour in colours.items():
        palette.setColor(r, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, r, QColor("#7a7a7a"))
    return palette


def apply_theme(theme: str) -> None:
    """Colour the whole application at once: "light", "dark", or "system" (the desktop's own palette)."""
    global _desktop_palette
    app = QApplication.instance()
    if _desktop_palette is None:
        _desktop_palette = QPalette(app.palette())
    if theme == "dark":
        app.setPalette(dark_palette())
    elif theme == "light":
        app.setPalette(app.style().standardPalette())
    else:
        app.setPalette(_desktop_palette)


def is_dark(palette: QPalette) -> bool:
    """True when text sits on a dark background."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def problem_colour(palette: QPalette) -> QColor:
    """The red of problem messages, legible on this palette's background."""
    return QColor(PROBLEM_COLOURS[1 if is_dark(palette) else 0])


class ProblemLabel(QLabel):
    """A wrapped label for problem messages whose red follows the palette, dark mode included."""

    def __init__(self, accessible_name: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setWordWrap(True)
        self._tint()

    def say(self, text: str) -> None:
        """Show `text` ("" hides the label)."""
        self.setText(text)
        self.setVisible(bool(text))

    def refusal(self, report: Callable[[BaseException], Any]) -> Callable[[BaseException], None]:
        """A command's reporter: a refusal a person can act on is said here, anything else goes to `report`."""
        from ...core.errors import IurcError

        def refused(exc: BaseException) -> None:
            if isinstance(exc, IurcError):
                self.say(str(exc))
            else:
                report(exc)

        return refused

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._tint()
        super().changeEvent(event)

    def _tint(self) -> None:
        style = f"color: {problem_colour(self.palette()).name()};"
        if style != self.styleSheet():  # setting a style sheet changes the palette: only when it differs
            self.setStyleSheet(style)
