"""A small horizontal bar chart drawn with QPainter: a label, a bar and its value per row, in palette colours.

QtCharts is not in PySide6-Essentials; a bar chart of counts needs little more
than rectangles. `bar_rects()` gives the geometry painted, so tests check the
bars against the figures without reading pixels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    note: str = ""  # shown after the value, e.g. "12 participations"


class BarChart(QWidget):
    """Bars for `(label, value)` rows, longest first as given, scaled to the largest value."""

    PAD = 6

    def __init__(self, title: str = "", parent: QWidget | None = None, *, max_rows: int = 12) -> None:
        super().__init__(parent)
        self.title = title
        self.max_rows = max_rows
        self._bars: tuple[Bar, ...] = ()
        self._hidden = 0  # rows folded into "others"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(title or "Bar chart")

    # --- data ------------------------------------------------------------------------
    def set_bars(self, bars: Sequence[Bar]) -> None:
        """Show `bars`; beyond `max_rows` the rest are summed into one "others" row."""
        bars = tuple(bars)
        if len(bars) > self.max_rows:
            kept, rest = bars[: self.max_rows - 1], bars[self.max_rows - 1:]
            bars = kept + (Bar(f"{len(rest)} others", sum(b.value for b in rest)),)
            self._hidden = len(rest)
        else:
            self._hidden = 0
        self._bars = bars
        self.setAccessibleDescription("; ".join(f"{b.label}: {b.value}" for b in bars))
        self.updateGeometry()
        self.update()

    @property
    def bars(self) -> tuple[Bar, ...]:
        return self._bars

    # --- geometry --------------------------------------------------------------------
    def _row_height(self) -> int:
        return self.fontMetrics().height() + 8

    def _title_height(self) -> int:
        return self.fontMetrics().height() + 10 if self.title else 0

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        rows = max(len(self._bars), 1)
        return QSize(360, self._title_height() + rows * self._row_height() + self.PAD * 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(240, self.sizeHint().height())

    def _columns(self) -> tuple[float, float, float]:
        """x where bars start, their full width, and the value column's width."""
        metrics = self.fontMetrics()
        label_w = max((metrics.horizontalAdvance(b.label) for b in self._bars), default=0)
        label_w = min(label_w, int(self.width() * 0.4)) + self.PAD * 2
        value_w = max((metrics.horizontalAdvance(self._value_text(b)) for b in self._bars), default=0) + self.PAD * 2
        return label_w, max(self.width() - label_w - value_w - self.PAD, 10), value_w

    def bar_rects(self) -> list[QRectF]:
        """The rectangle each bar is painted in, in row order."""
        left, full, _ = self._columns()
        top, height = self._title_height() + self.PAD, self._row_height()
        biggest = max((b.value for b in self._bars), default=0) or 1
        return [QRectF(left, top + i * height + 3, full * b.value / biggest, height - 6) for i, b in enumerate(self._bars)]

    @staticmethod
    def _value_text(bar: Bar) -> str:
        return f"{bar.value}" + (f"  {bar.note}" if bar.note else "")

    # --- painting --------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        if self.title:
            font = painter.font()
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(text)
            painter.drawText(QRectF(0, 0, self.width(), self._title_height()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
            painter.setFont(self.font())
        if not self._bars:
            painter.setPen(palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText))
            painter.drawText(QRectF(0, self._title_height(), self.width(), self._row_height()), Qt.AlignmentFlag.AlignLeft, "No figures yet")
            return
        left, full, _ = self._columns()
        metrics = self.fontMetrics()
        for bar, rect in zip(self._bars, self.bar_rects()):
            row = QRectF(0, rect.top() - 3, left - self.PAD, rect.height() + 6)
            painter.setPen(text)
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, int(row.width()))
            painter.drawText(row, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            painter.fillRect(QRectF(left, rect.top(), full, rect.height()), palette.color(QPalette.ColorRole.AlternateBase))
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
            value = QRectF(rect.right() + self.PAD, row.top(), self.width() - rect.right(), row.height())
            painter.drawText(value, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self._value_text(bar))
