"""Bundled icons: each named one is there with its licence, and it is drawn in the palette's text colour."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication, QPainter, QPixmap
from pytestqt.qtbot import QtBot

from iurc_desktop.ui import icons
from iurc_desktop.ui.icons import RECORD_ICONS, icon, record_icon
from iurc_desktop.ui.shell.palette import dark_palette


def _ink(name: str) -> int:
    """The lightness of the darkest-or-lightest drawn pixel of the icon at 32 px (the stroke)."""
    image = icon(name).pixmap(32, 32).toImage()
    seen = [image.pixelColor(x, y) for x in range(32) for y in range(32)]
    return max(seen, key=lambda c: c.alpha()).lightness()


def test_every_record_kind_has_a_bundled_icon_and_the_set_its_licence(qtbot: QtBot) -> None:
    for kind in RECORD_ICONS:
        assert not record_icon(kind).pixmap(16, 16).isNull()
    assert "ISC License" in resources.files("iurc_desktop.ui.icons").joinpath("LICENSE").read_text()


def test_an_icon_follows_the_palette_into_dark_mode(qtbot: QtBot) -> None:
    app = QGuiApplication.instance()
    before = app.palette()
    try:
        light = _ink("plus")
        app.setPalette(dark_palette())
        dark = _ink("plus")
    finally:
        app.setPalette(before)
    assert light < 100 < 160 < dark  # dark strokes on light, light strokes on dark


def _painted(name: str, size: int) -> int:
    """The stroke's lightness of icon `name` painted (as a table paints its cells) into a transparent square."""
    target = QPixmap(size, size)
    target.fill(Qt.GlobalColor.transparent)
    painter = QPainter(target)
    icon(name).paint(painter, QRect(0, 0, size, size))
    painter.end()
    image = target.toImage()
    return max((image.pixelColor(x, y) for x in range(size) for y in range(size)), key=lambda c: c.alpha()).lightness()


def test_a_painted_icon_is_drawn_once_per_colour_and_size_and_follows_the_palette(qtbot: QtBot, monkeypatch) -> None:
    """A list paints the same icon in every row: the SVG is drawn the first time only, then copied."""
    drawn: list[str] = []
    real = icons._renderer
    monkeypatch.setattr(icons, "_renderer", lambda name, colour: (drawn.append(colour), real(name, colour))[1])
    app = QGuiApplication.instance()
    before = app.palette()
    try:
        light = [_painted("route", 37) for _ in range(5)]
        app.setPalette(dark_palette())
        dark = [_painted("route", 37) for _ in range(5)]
    finally:
        app.setPalette(before)
    assert len(drawn) == 2 and drawn[0] != drawn[1]  # once in each palette's colour
    assert max(light) < 100 < 160 < min(dark)
