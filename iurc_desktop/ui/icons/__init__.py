"""The window's icons: Lucide's open SVG set (ISC licence, `LICENSE` beside), drawn in the palette's text colour.

`icon("plus")` names a file of this folder. The SVGs draw with `currentColor`;
the engine paints them with the colour of the palette in force when they are
drawn, so one icon follows light and dark mode without being made again.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap, QPixmapCache
from PySide6.QtSvg import QSvgRenderer

# What each kind of record is shown with, wherever it appears.
RECORD_ICONS = {
    "event": "calendar", "webinar": "video", "study_visit": "route", "item": "calendar-days",
    "organisation": "building-2", "person": "user", "participant": "user", "group": "layers",
    "cluster": "network", "pairing": "link", "leg": "plane", "stay": "bed-double",
}


@lru_cache(maxsize=None)
def svg_text(name: str) -> str:
    """The SVG source of icon `name`; a name not bundled is a bug, so it raises."""
    return resources.files(__package__).joinpath(f"{name}.svg").read_text(encoding="utf-8")


def _colour(mode: QIcon.Mode) -> QColor:
    palette = QGuiApplication.palette()
    group = QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled else QPalette.ColorGroup.Active
    role = QPalette.ColorRole.HighlightedText if mode == QIcon.Mode.Selected else QPalette.ColorRole.WindowText
    return palette.color(group, role)


@lru_cache(maxsize=256)
def _renderer(name: str, colour: str) -> QSvgRenderer:
    """Icon `name` in `colour`, parsed once: a list paints the same icon in every row."""
    return QSvgRenderer(QByteArray(svg_text(name).replace("currentColor", colour).encode()))


class PaletteIconEngine(QIconEngine):
    """Paints one SVG in the current palette's text colour (disabled and selected states included)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        """From a pixmap drawn once per colour, size and pixel ratio (in Qt's pixmap cache): a list shows it in every row."""
        ratio = painter.device().devicePixelRatioF()
        colour = _colour(mode).name()
        key = f"iurc-icon/{self.name}/{colour}/{rect.width()}x{rect.height()}@{ratio}"
        image = QPixmapCache.find(key)
        if image is None:
            image = self._drawn(QSize(round(rect.width() * ratio), round(rect.height() * ratio)), colour)
            image.setDevicePixelRatio(ratio)
            QPixmapCache.insert(key, image)
        painter.drawPixmap(rect, image)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self._drawn(size, _colour(mode).name())

    def _drawn(self, size: QSize, colour: str) -> QPixmap:
        image = QPixmap(size)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        _renderer(self.name, colour).render(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()
        return image

    def clone(self) -> QIconEngine:
        return PaletteIconEngine(self.name)

    def key(self) -> str:
        return "iurc-palette-svg"


def icon(name: str) -> QIcon:
    """Icon `name` (a Lucide name, e.g. "plus", "trash-2", "plane") in the palette's colours."""
    svg_text(name)  # fail at once on a name that is not bundled
    return QIcon(PaletteIconEngine(name))


def record_icon(kind: str) -> QIcon:
    """The icon of a kind of record ("event", "person", "leg", ...)."""
    return icon(RECORD_ICONS[kind])
