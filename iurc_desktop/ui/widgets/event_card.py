"""A card for one upcoming event on the home page: what and when (on the viewer's clock), how ready, what is wrong.

Click the card (or focus it and press Enter) to open the event; the problems
line opens its Checks tab. The card shows plain data the page read through the
app layer: an `UpcomingEvent` and the event's `Readiness`.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QIcon, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ...core import local_times, timeutil
from ..icons import RECORD_ICONS, icon, record_icon

if TYPE_CHECKING:
    from ...app.planning import UpcomingEvent
    from ...app.readiness import Readiness

ICON_SIZE = 18
STYLE = """
QFrame#EventCard { background: palette(base); border: 1px solid palette(mid); border-radius: 8px; }
QFrame#EventCard:focus { border: 2px solid palette(highlight); }
QProgressBar { border: 1px solid palette(mid); border-radius: 4px; background: palette(window); text-align: center; }
QProgressBar::chunk { background: palette(highlight); border-radius: 3px; }
"""


def kind_label(kind: object) -> str:
    """'study_visit' → 'study visit'."""
    return str(kind).replace("_", " ")


@cache
def kind_icon(kind: str) -> QIcon:
    """The icon of a kind of event: a video for a webinar, a route for a study visit, a calendar otherwise."""
    return record_icon(kind if kind in RECORD_ICONS else "event")


def when_text(up: UpcomingEvent, ready: Readiness | None, viewer_zone: str) -> tuple[str, str]:
    """When the event happens on the viewer's clock, and on the event's own where that reads differently.

    ('Thu 25 Mar 2027 · 09:00–11:00 UTC', 'Brussels: 10:00–12:00 CET') for a one-day event with items; a
    multi-day event, or one without items, shows its own dates ('12–16 Apr 2027'), which its zone's calendar gives.
    """
    row = up.row
    if row.start != row.end or ready is None or ready.first_start is None or ready.last_end is None:
        return local_times.date_range(row.start, row.end), ""
    mine = _span(timeutil.to_local(ready.first_start, viewer_zone), timeutil.to_local(ready.last_end, viewer_zone))
    theirs = _span(timeutil.to_local(ready.first_start, row.zone), timeutil.to_local(ready.last_end, row.zone))
    city = row.zone.rsplit("/", 1)[-1].replace("_", " ")
    return mine, "" if theirs == mine else f"{city}: {theirs}"


def _span(start: datetime, end: datetime) -> str:
    if start.date() == end.date():
        return f"{local_times.day(start.date())} · {local_times.span_in_zone(start, end)}"
    return f"{local_times.date_range(start.date(), end.date())} · from {local_times.clock(start)} {local_times.abbreviation(start)}"


def problems_text(errors: int, warnings: int) -> str:
    """'2 errors, 1 warning', or 'No problems found'."""
    parts = [f"{n} {word}{'' if n == 1 else 's'}" for n, word in ((errors, "error"), (warnings, "warning")) if n]
    return ", ".join(parts) or "No problems found"


def progress_lines(ready: Readiness | None) -> list[tuple[str, str]]:
    """(icon, text) lines under the places bar: invites sent, travel documents in order."""
    lines = []
    if ready is not None and ready.items:
        lines.append(("send", f"Invites sent for {ready.invites_sent} of {ready.items} items"))
    if ready is not None and ready.travellers:
        lines.append(("id-card", f"Passports in order for {ready.documents} of {ready.travellers} travellers"))
    return lines


class EventCard(QFrame):
    """One upcoming event; `opened` (code) when chosen, `checks` (code) from its problems line."""

    opened = Signal(str)
    checks = Signal(str)

    def __init__(self, up: UpcomingEvent, ready: Readiness | None, viewer_zone: str, days: str, kind: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = up.row.code
        self.setObjectName("EventCard")
        self.setStyleSheet(STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(f"Event {up.row.title}")
        self.setToolTip("Click or press Enter to open the event")
        self.title = QLabel(up.row.title)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setWeight(QFont.Weight.DemiBold)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        kind_mark = QLabel()
        kind_mark.setPixmap(kind_icon(up.row.kind).pixmap(QSize(ICON_SIZE + 4, ICON_SIZE + 4)))
        kind_mark.setToolTip(kind)
        self.subtitle = _quiet(f"{days} · {kind} · {up.row.code}", self)
        mine, theirs = when_text(up, ready, viewer_zone)
        self.when = QLabel(mine)
        self.when.setAccessibleName("When, on your clock")
        self.when.setWordWrap(True)
        self.when_there = _quiet(theirs, self)
        self.when_there.setVisible(bool(theirs))  # a child already: hiding or showing it opens no window of its own
        self.places = QProgressBar()
        self.places.setAccessibleName("Places confirmed")
        self.places.setTextVisible(True)
        capacity = up.row.capacity
        self.places.setRange(0, max(capacity or up.row.confirmed, 1))
        self.places.setValue(min(up.row.confirmed, self.places.maximum()))
        self.places.setFormat(f"{up.row.confirmed} of {capacity} places confirmed" if capacity
                              else f"{up.row.confirmed} confirmed (no limit)")
        self.problems = QPushButton(icon("triangle-alert" if up.errors or up.warnings else "circle-check"),
                                    problems_text(up.errors, up.warnings))
        self.problems.setFlat(True)
        self.problems.setAccessibleName("Problems")
        self.problems.setToolTip("Open the event's Checks tab")
        self.problems.setCursor(Qt.CursorShape.PointingHandCursor)
        self.problems.clicked.connect(lambda: self.checks.emit(self.code))

        head = QGridLayout()
        head.setHorizontalSpacing(8)
        head.addWidget(kind_mark, 0, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.title, 0, 1)
        head.addWidget(self.subtitle, 1, 1)
        head.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addLayout(_with_icon("calendar", self.when))
        layout.addWidget(self.when_there)
        layout.addWidget(self.places)
        self.facts: list[QLabel] = []
        for name, text in progress_lines(ready):
            self.facts.append(QLabel(text))
            layout.addLayout(_with_icon(name, self.facts[-1]))
        layout.addStretch(1)
        layout.addWidget(self.problems, 0, Qt.AlignmentFlag.AlignLeft)

    def texts(self) -> list[str]:
        """What the card says, top to bottom (for tests and screen readers)."""
        shown = [self.title.text(), self.subtitle.text(), self.when.text(), self.when_there.text(), self.places.text()]
        return [t for t in shown + [f.text() for f in self.facts] + [self.problems.text()] if t]

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.opened.emit(self.code)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.opened.emit(self.code)
            return
        super().keyPressEvent(event)


def _quiet(text: str, parent: QWidget) -> QLabel:
    """A secondary line: smaller, in the text colour (the disabled grey is too faint to read on a card)."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    return label


def _with_icon(name: str, label: QLabel) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(6)
    mark = QLabel()
    mark.setPixmap(icon(name).pixmap(QSize(ICON_SIZE - 2, ICON_SIZE - 2)))
    row.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(label, 1)
    return row
