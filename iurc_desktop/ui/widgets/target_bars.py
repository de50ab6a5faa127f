"""Progress against the programme's targets: one bar per target, EU and non-EU parts stacked, the target marked."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...app.reports import TargetRow


class Target(TargetRow):
    """A target as a bar shows it, under its label ("Cities")."""

    @property
    def label(self) -> str:
        return self.category

    def caption(self) -> str:
        share = f"{self.share:.0%}" if self.target else "—"
        return f"{self.label}: {self.total} of {self.target} engaged ({share}) · EU {self.eu} · non-EU {self.non_eu}"


class TargetBars(QWidget):
    """A caption line and a stacked bar per target; the scale is the target (or the count, if it went beyond)."""

    PAD = 6
    BAR = 22

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._targets: tuple[Target, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Progress against the programme targets")

    def set_targets(self, targets: Sequence[Target]) -> None:
        self._targets = tuple(targets)
        self.setAccessibleDescription("; ".join(t.caption() for t in self._targets))
        self.updateGeometry()
        self.update()

    @property
    def targets(self) -> tuple[Target, ...]:
        return self._targets

    def _block(self) -> int:
        return self.fontMetrics().height() + 4 + self.BAR + self.PAD * 2

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(420, max(len(self._targets), 1) * self._block() + self.fontMetrics().height() + 8)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(260, self.sizeHint().height())

    def segment_rects(self) -> list[tuple[QRectF, QRectF, float]]:
        """Per target: the EU part, the non-EU part and the x of the target mark."""
        out = []
        width = max(self.width() - self.PAD * 2, 10)
        for i, t in enumerate(self._targets):
            scale = max(t.target, t.total, 1)
            top = i * self._block() + self.fontMetrics().height() + 4
            eu = QRectF(self.PAD, top, width * t.eu / scale, self.BAR)
            non_eu = QRectF(eu.right(), top, width * t.non_eu / scale, self.BAR)
            out.append((eu, non_eu, self.PAD + width * t.target / scale))
        return out

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        eu_colour = palette.color(QPalette.ColorRole.Highlight)
        non_eu_colour = _lighter(eu_colour, palette)
        width = max(self.width() - self.PAD * 2, 10)
        for t, (eu, non_eu, mark) in zip(self._targets, self.segment_rects()):
            painter.setPen(text)
            caption = QRectF(self.PAD, eu.top() - self.fontMetrics().height() - 4, width, self.fontMetrics().height())
            painter.drawText(caption, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, t.caption())
            painter.fillRect(QRectF(self.PAD, eu.top(), width, self.BAR), palette.color(QPalette.ColorRole.AlternateBase))
            painter.fillRect(eu, eu_colour)
            painter.fillRect(non_eu, non_eu_colour)
            painter.setPen(QPen(text, 2))
            painter.drawLine(QPointF(mark, eu.top() - 2), QPointF(mark, eu.bottom() + 2))
        self._legend(painter, eu_colour, non_eu_colour, text)

    def _legend(self, painter: QPainter, eu: QColor, non_eu: QColor, text: QColor) -> None:
        metrics = self.fontMetrics()
        y = len(self._targets) * self._block() + 2
        x = float(self.PAD)
        for colour, label in ((eu, "EU"), (non_eu, "non-EU"), (None, "target")):
            box = QRectF(x, y + 3, metrics.height() - 6, metrics.height() - 6)
            if colour is None:
                painter.setPen(QPen(text, 2))
                painter.drawLine(QPointF(box.center().x(), box.top()), QPointF(box.center().x(), box.bottom()))
            else:
                painter.fillRect(box, colour)
            painter.setPen(text)
            painter.drawText(QPointF(box.right() + 4, y + metrics.ascent()), label)
            x = box.right() + 4 + metrics.horizontalAdvance(label) + 16


def _lighter(colour: QColor, palette: QPalette) -> QColor:
    """The non-EU shade: the highlight blended toward the background, so it reads in light and dark palettes."""
    base = palette.color(QPalette.ColorRole.Window)
    mix = 0.45
    return QColor(
        int(colour.red() * (1 - mix) + base.red() * mix),
        int(colour.green() * (1 - mix) + base.green() * mix),
        int(colour.blue() * (1 - mix) + base.blue() * mix),
    )
