"""A dark palette, to check that every screen follows the palette rather than fixed colours."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


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
