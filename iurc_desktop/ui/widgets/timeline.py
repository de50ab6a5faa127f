"""A day-by-day itinerary timeline drawn with QPainter: one column per local day, one lane per group.

Days and the hour axis are in the event's zone; every block is labelled in its
own zone, with the viewer's clock on a second line where it reads differently.
Travel legs show as chips above the hours (where they depart and arrive, in the
zones of each end) and as a thin band at their times; hotel nights as a band
under the hours. Items for everyone span all lanes. The layout is computed
once per size into `placed` rectangles, which painting and clicks both use;
`labels(placed)` says what text is drawn in each, so what fits can be tested.
Text keeps its size at every zoom: narrower lanes show shorter labels (the
start time, the flight's number, the title wrapped by words), the full text
is in each block's tooltip.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen, QWheelEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ...core import local_times, timeutil
from ..shell.palette import is_dark

GUTTER = 58  # hour labels
DAY_HEAD = 28
LANE_HEAD = 22
CHIP_H = 36
GAP = 4
HOUR_H = 48
NIGHT_H = 26
MIN_LANE_W = 96  # the narrowest lane "fit week" makes: wide enough for a start time and a title wrapped by words
FIT_LANE_W = 36  # the narrowest lane zooming out makes (an overview: blocks show their colour and times, hover for more)
WIDE_TEXT = 120  # blocks at least this wide inside show the span with its zone, the viewer's clock and titles at full size
MAX_LANE_W = 480
MIN_HOURS = 4
BAND_W = 5

# Fill colours (light palette, dark palette) by what a block is.
COLOURS = {
    "visit": ("#cfe3fb", "#2a4a73"),
    "meal": ("#fde1bf", "#6e4a22"),
    "transfer": ("#d6ecd2", "#2f5535"),
    "other": ("#e3e3e3", "#4a4a4a"),
    "travel": ("#e6d9f7", "#4d3a6e"),
    "stay": ("#c9ecec", "#1f5656"),
}
LEGEND = (("visit", "Visit, meeting, talk"), ("meal", "Meal, reception"), ("transfer", "Transfer (group)"),
          ("travel", "Travel leg"), ("stay", "Hotel night"))
CATEGORY = {
    "site_visit": "visit", "meeting": "visit", "talk": "visit", "session": "visit", "workshop": "visit",
    "meal": "meal", "reception": "meal", "break": "meal", "transfer": "transfer",
}


@dataclass(frozen=True)
class Block:
    """One thing on the timeline: an item, a travel leg or a hotel stay (times aware, in their own zones)."""

    key: str
    kind: str  # item | travel | stay
    title: str
    start: datetime
    end: datetime
    lanes: tuple[int, ...]
    category: str = "other"  # a key of COLOURS
    subtitle: str = ""  # the place, or who travels
    status: str = "scheduled"
    tooltip: str = ""
    chip: bool = True  # travel: also shown as a chip above the hours (arrivals and departures)


@dataclass(frozen=True)
class TimelineData:
    zone: str  # the event's zone: days and hours are read on its clock
    viewer_zone: str
    days: tuple[date, ...]
    lanes: tuple[str, ...]
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Placed:
    block: Block
    rect: QRectF
    part: str  # item | chip | band | night
    day: int


@dataclass(frozen=True)
class Line:
    """One line of text as drawn: what it says, in which font, where."""

    text: str
    font: QFont
    rect: QRectF


def colour(category: str, dark: bool) -> QColor:
    light, deep = COLOURS.get(category, COLOURS["other"])
    return QColor(deep if dark else light)


def compact_leg_times(start: datetime, end: datetime) -> str:
    """A journey, tighter, for a chip: '23:25 CET→19:05 JST +1d'."""
    return local_times.leg_times(start, end).replace(" → ", "→")


def viewer_times(start: datetime, end: datetime, viewer_zone: str) -> str:
    """The same span on the viewer's clock ('01:30–04:00 CET'), or '' where it reads the same."""
    mine = local_times.on_clock(start, end, viewer_zone)
    if mine is None:
        return ""
    return local_times.span_in_zone(*mine) + local_times.day_shift((mine[0].date() - start.date()).days)


def hour_range(data: TimelineData) -> tuple[int, int]:
    """Hours of the event's clock from the first item's start (rounded down) to the last one's end (rounded up).

    At least MIN_HOURS tall; 08–20 when there are no items.
    """
    spans = [(timeutil.to_local(b.start, data.zone), timeutil.to_local(b.end, data.zone))
             for b in data.blocks if b.kind == "item"]
    if not spans:
        return 8, 20
    low = min(s.hour for s, _ in spans)
    high = max(24 if e.date() > s.date() else e.hour + (1 if e.minute else 0) for s, e in spans)
    if high - low < MIN_HOURS:
        high = min(24, low + MIN_HOURS)
        low = min(low, high - MIN_HOURS)
    return low, high


def chip_day(block: Block, zone: str) -> date:
    """A leg shows on the day it arrives in the event's zone, or the day it leaves it."""
    if block.end.tzinfo is not None and str(block.start.tzinfo) == zone and str(block.end.tzinfo) != zone:
        return timeutil.to_local(block.start, zone).date()
    return timeutil.to_local(block.end, zone).date()


def pack(spans: Sequence[tuple[object, float, float, frozenset[int]]]) -> dict[object, tuple[int, int]]:
    """Side-by-side slots for overlapping spans that share a lane: key -> (slot, slots in its cluster)."""
    ordered = sorted(spans, key=lambda s: (s[1], -(s[2] - s[1])))
    slot: dict[object, int] = {}
    parent: dict[object, object] = {}

    def root(key: object) -> object:
        while parent[key] != key:
            key = parent[key]
        return key

    for n, (key, start, end, lanes) in enumerate(ordered):
        parent[key] = key
        taken = set()
        for other, o_start, o_end, o_lanes in ordered[:n]:
            if o_start < end and start < o_end and lanes & o_lanes:
                taken.add(slot[other])
                parent[root(other)] = root(key)
        slot[key] = next(s for s in range(len(ordered) + 1) if s not in taken)
    width: dict[object, int] = defaultdict(int)
    for key in slot:
        width[root(key)] = max(width[root(key)], slot[key] + 1)
    return {key: (slot[key], width[root(key)]) for key in slot}


class Timeline(QWidget):
    """The timeline widget; `set_data` fills it, `selected`/`activated` report clicks by block key.

    `zoom_requested` (+1 wider, -1 narrower) asks the view around it to zoom (Ctrl+wheel).
    """

    selected = Signal(str)
    activated = Signal(str)
    zoom_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Itinerary timeline")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(False)
        self.data: TimelineData | None = None
        self.placed: list[Placed] = []
        self.selected_key = ""
        self.hours = (8, 20)
        self.lane_w = float(MIN_LANE_W)
        self.lane_min = float(MIN_LANE_W)  # the zoom: lanes are at least this wide (the view scrolls beyond)
        self.travel_h = 0
        self._small = QFont(self.font())
        self._small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.85))
        self._bold = QFont(self._small)
        self._bold.setBold(True)

    # --- data and geometry -----------------------------------------------------------
    def set_data(self, data: TimelineData) -> None:
        self.data = data
        self.hours = hour_range(data)
        if self.selected_key and not any(b.key == self.selected_key for b in data.blocks):
            self.selected_key = ""
        chips: dict[tuple[date, int], int] = defaultdict(int)
        for block in data.blocks:
            if block.kind == "travel" and block.chip:
                for lane in block.lanes:
                    chips[(chip_day(block, data.zone), lane)] += 1
        most = max(chips.values(), default=0)
        self.travel_h = most * (CHIP_H + GAP) + GAP if most else 0
        self.setMinimumSize(self.minimum_size())
        self.relayout()
        self.update()

    def minimum_size(self) -> QSize:
        if self.data is None:
            return QSize(0, 0)
        width = int(GUTTER + self.columns() * self.lane_min + 1)
        return QSize(width, int(self.grid_top() + (self.hours[1] - self.hours[0]) * HOUR_H + NIGHT_H + GAP * 2))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.minimum_size()

    def columns(self) -> int:
        """Lanes across all days."""
        return len(self.data.days) * max(1, len(self.data.lanes)) if self.data else 0

    def set_lane_width(self, width: float) -> None:
        """Zoom: the narrowest a lane may be (clamped); wider when the view has room."""
        self.lane_min = min(max(float(width), float(FIT_LANE_W)), float(MAX_LANE_W))
        self.setMinimumSize(self.minimum_size())
        room = self.parentWidget().width() if self.parentWidget() is not None else 0
        if self.width() > max(self.minimumWidth(), room):  # narrower at once: the next zoom step starts from here
            self.resize(max(self.minimumWidth(), room), self.height())
        self.relayout()
        self.update()

    def fit_width(self, available: int) -> None:
        """'Fit week': every day within `available` pixels while labels stay readable (MIN_LANE_W); else the days scroll."""
        if self.columns():
            self.set_lane_width(max((available - GUTTER - 1) / self.columns(), MIN_LANE_W))

    def grid_top(self) -> float:
        return DAY_HEAD + LANE_HEAD + self.travel_h

    def day_width(self) -> float:
        return self.lane_w * max(1, len(self.data.lanes)) if self.data else 0.0

    def lane_rect(self, day: int, lane: int) -> QRectF:
        """The column of one lane of one day in the hour grid."""
        x = GUTTER + day * self.day_width() + lane * self.lane_w
        return QRectF(x, self.grid_top(), self.lane_w, (self.hours[1] - self.hours[0]) * HOUR_H)

    def y_of(self, local: datetime, day: date) -> float:
        """Vertical position of an event-zone time on the grid of `day`, clamped to the hour range."""
        hours = (local.date() - day).days * 24 + local.hour + local.minute / 60
        hours = min(max(hours, self.hours[0]), self.hours[1])
        return self.grid_top() + (hours - self.hours[0]) * HOUR_H

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.relayout()

    def relayout(self) -> None:
        """Compute every block's rectangles for the current width."""
        self.placed = []
        data = self.data
        if data is None or not data.days:
            return
        lanes = max(1, len(data.lanes))
        self.lane_w = max(self.lane_min, (self.width() - GUTTER - 1) / (len(data.days) * lanes))
        index = {d: n for n, d in enumerate(data.days)}
        self._place_items(data, index)
        self._place_travel(data, index)
        self._place_nights(data, index)

    def _place_items(self, data: TimelineData, index: dict[date, int]) -> None:
        by_day: dict[int, list[tuple[Block, datetime, datetime]]] = defaultdict(list)
        for block in data.blocks:
            if block.kind != "item":
                continue
            start, end = timeutil.to_local(block.start, data.zone), timeutil.to_local(block.end, data.zone)
            if start.date() in index:
                by_day[index[start.date()]].append((block, start, end))
        for day, entries in by_day.items():
            spans = [(b.key, s.timestamp(), e.timestamp(), frozenset(b.lanes)) for b, s, e in entries]
            slots = pack(spans)
            for block, start, end in entries:
                slot, count = slots[block.key]
                first, last = min(block.lanes), max(block.lanes)
                left = self.lane_rect(day, first).left()
                width = (last - first + 1) * self.lane_w / count
                top, bottom = self.y_of(start, data.days[day]), self.y_of(end, data.days[day])
                rect = QRectF(left + slot * width + 2, top + 1, width - 4 - BAND_W, max(bottom - top - 2, 14))
                self.placed.append(Placed(block, rect, "item", day))

    def _place_travel(self, data: TimelineData, index: dict[date, int]) -> None:
        count: dict[tuple[int, int], int] = defaultdict(int)
        for block in sorted((b for b in data.blocks if b.kind == "travel"), key=lambda b: b.start):
            day = index.get(chip_day(block, data.zone)) if block.chip else None
            for lane in block.lanes:
                if day is not None:
                    n = count[(day, lane)]
                    count[(day, lane)] += 1
                    x = self.lane_rect(day, lane).left()
                    y = DAY_HEAD + LANE_HEAD + GAP + n * (CHIP_H + GAP)
                    self.placed.append(Placed(block, QRectF(x + 3, y, self.lane_w - 6, CHIP_H), "chip", day))
                self._place_band(data, index, block, lane)

    def _place_band(self, data: TimelineData, index: dict[date, int], block: Block, lane: int) -> None:
        """The leg at its true times, on each day it covers, along the lane's right edge."""
        start, end = timeutil.to_local(block.start, data.zone), timeutil.to_local(block.end, data.zone)
        day = start.date()
        while day <= end.date():
            if day in index:
                top, bottom = self.y_of(start, day), self.y_of(end, day)
                if bottom - top > 1:
                    right = self.lane_rect(index[day], lane).right()
                    self.placed.append(Placed(block, QRectF(right - BAND_W - 1, top, BAND_W, bottom - top), "band", index[day]))
            day += timedelta(days=1)

    def _place_nights(self, data: TimelineData, index: dict[date, int]) -> None:
        hotels: dict[tuple[int, int], list[Block]] = defaultdict(list)
        for block in data.blocks:
            if block.kind != "stay":
                continue
            night = block.start.date()
            while night < block.end.date():
                for lane in block.lanes:
                    cell = hotels[(index[night], lane)] if night in index else []
                    if night in index and all(b.title != block.title for b in cell):
                        cell.append(block)
                night += timedelta(days=1)
        top = self.grid_top() + (self.hours[1] - self.hours[0]) * HOUR_H + GAP
        for (day, lane), blocks in hotels.items():
            width = self.lane_w / len(blocks)
            left = self.lane_rect(day, lane).left()
            for n, block in enumerate(blocks):
                self.placed.append(Placed(block, QRectF(left + n * width + 2, top, width - 4, NIGHT_H - 2), "night", day))

    # --- queries --------------------------------------------------------------------------
    def rects(self, key: str, part: str | None = None) -> list[QRectF]:
        return [p.rect for p in self.placed if p.block.key == key and (part is None or p.part == part)]

    def block_at(self, point: QPointF) -> Block | None:
        """The block under a point; items and chips before the thin bands under them."""
        order = {"item": 0, "chip": 0, "night": 1, "band": 2}
        hits = [p for p in self.placed if p.rect.adjusted(-1, -1, 1, 1).contains(point)]
        return min(hits, key=lambda p: order[p.part]).block if hits else None

    def select(self, key: str) -> None:
        if key != self.selected_key:
            self.selected_key = key
            self.update()
            self.selected.emit(key)

    # --- input ----------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        block = self.block_at(event.position())
        self.select(block.key if block else "")
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        block = self.block_at(event.position())
        if block is not None:
            self.select(block.key)
            self.activated.emit(block.key)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        """Ctrl+wheel zooms (the view decides how far); the wheel alone scrolls."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.angleDelta().y():
            self.zoom_requested.emit(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            block = self.block_at(QPointF(event.pos()))  # type: ignore[attr-defined]
            if block is not None and block.tooltip:
                QToolTip.showText(event.globalPos(), block.tooltip, self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    # --- painting ---------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if self.data is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            self._paint_grid(painter, self.data)
            for placed in sorted(self.placed, key=lambda p: p.part != "band"):
                self._paint_block(painter, placed)
        finally:
            painter.end()

    def _dark(self) -> bool:
        return is_dark(self.palette())

    def _paint_grid(self, painter: QPainter, data: TimelineData) -> None:
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        text, mid = pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Mid)
        faint = QColor(mid)
        faint.setAlpha(110)
        bottom = self.grid_top() + (self.hours[1] - self.hours[0]) * HOUR_H
        painter.fillRect(QRectF(0, 0, self.width(), DAY_HEAD + LANE_HEAD), pal.color(QPalette.ColorRole.AlternateBase))
        painter.setFont(self._small)
        painter.setPen(text)
        for hour in range(self.hours[0], self.hours[1] + 1):
            y = self.grid_top() + (hour - self.hours[0]) * HOUR_H
            painter.setPen(QPen(faint, 1))
            painter.drawLine(QPointF(GUTTER, y), QPointF(self.width(), y))
            painter.setPen(text)
            painter.drawText(QRectF(0, y - 8, GUTTER - 6, 16), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{hour % 24:02d}:00")
        if self.travel_h:
            painter.drawText(QRectF(2, DAY_HEAD + LANE_HEAD, GUTTER - 6, 20), Qt.AlignmentFlag.AlignRight, "Travel")
        painter.drawText(QRectF(2, bottom + GAP, GUTTER - 6, NIGHT_H), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, "Night")
        for n, day in enumerate(data.days):
            x = GUTTER + n * self.day_width()
            painter.setFont(self._bold)
            painter.setPen(text)
            painter.drawText(QRectF(x + 6, 0, self.day_width() - 12, DAY_HEAD), Qt.AlignmentFlag.AlignVCenter,
                             self.day_label(day))
            painter.setFont(self._small)
            for lane, name in enumerate(data.lanes):
                lx = x + lane * self.lane_w
                painter.setPen(text)
                painter.drawText(QRectF(lx + 6, DAY_HEAD, self.lane_w - 12, LANE_HEAD), Qt.AlignmentFlag.AlignVCenter,
                                 QFontMetrics(self._small).elidedText(name, Qt.TextElideMode.ElideRight, int(self.lane_w - 12)))
                if lane:
                    painter.setPen(QPen(faint, 1, Qt.PenStyle.DotLine))
                    painter.drawLine(QPointF(lx, DAY_HEAD), QPointF(lx, bottom + NIGHT_H + GAP))
            painter.setPen(QPen(mid, 1))
            painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))
        painter.setPen(QPen(mid, 1))
        painter.drawLine(QPointF(GUTTER, self.grid_top()), QPointF(self.width(), self.grid_top()))

    def _paint_block(self, painter: QPainter, placed: Placed) -> None:
        block, rect, dark = placed.block, placed.rect, self._dark()
        fill = colour(block.category, dark)
        cancelled = block.status == "cancelled"
        if cancelled:
            fill.setAlpha(90)
        painter.setPen(QPen(fill.darker(135) if not dark else fill.lighter(150), 1))
        painter.setBrush(fill)
        if placed.part == "band":
            painter.drawRect(rect)
            return
        painter.drawRoundedRect(rect, 4, 4)
        if block.key == self.selected_key:
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), 5, 5)
        painter.setPen(QColor("#f2f2f2") if dark else QColor("#1a1a1a"))
        for line in self.labels(placed):
            painter.setFont(line.font)
            painter.drawText(line.rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line.text)

    # --- labels: what each block says at its size ---------------------------------------
    def day_label(self, day: date) -> str:
        """'Mon 21 Nov', or 'Mon 21' where the day is too narrow for it."""
        text = local_times.short_day(day)
        fits = QFontMetrics(self._bold).horizontalAdvance(text) <= self.day_width() - 12
        return text if fits else local_times.weekday_day(day)

    def labels(self, placed: Placed) -> list[Line]:
        """The lines of text drawn in a placed block (none in a travel band)."""
        if placed.part == "band":
            return []
        inner = placed.rect.adjusted(5, 3, -4, -2)
        block = placed.block
        if placed.part == "night":
            return [Line(_elide(block.title, self._small, inner.width()), self._small, inner)]
        if placed.part == "chip":
            return self._chip_lines(block, inner)
        return self._item_lines(block, inner)

    def _chip_lines(self, block: Block, inner: QRectF) -> list[Line]:
        """The leg's name (its number first) and times; narrow: the number and the time at this end of the trip."""
        width = inner.width()
        times = compact_leg_times(block.start, block.end)
        if not _fits(times, self._small, width):
            leaving = self.data is not None and str(block.start.tzinfo) == self.data.zone != str(block.end.tzinfo)
            at = block.start if leaving else block.end
            near = f"{local_times.clock(at)} {local_times.abbreviation(at)}"
            times = f"{near}→" if leaving else f"→{near}"
            if not _fits(times, self._small, width):
                times = f"{local_times.clock(at)}→" if leaving else f"→{local_times.clock(at)}"
        return [Line(_first_words(block.title, self._bold, width), self._bold, QRectF(inner.left(), inner.top(), width, 16)),
                Line(_elide(times, self._small, width), self._small, QRectF(inner.left(), inner.top() + 16, width, 16))]

    def _item_lines(self, block: Block, inner: QRectF) -> list[Line]:
        """Time, the viewer's clock (wide blocks), the title wrapped by words, the place: as many as the height holds."""
        width, wide = inner.width(), inner.width() >= WIDE_TEXT
        small_h = QFontMetrics(self._small).height()
        title_font = QFont(self.font() if wide else self._small)
        title_font.setStrikeOut(block.status == "cancelled")
        title_h = QFontMetrics(title_font).height()
        room = int((inner.height() + 2) // small_h)
        if room <= 1:  # a short block: its start and title on one line
            text = f"{local_times.clock(block.start)} {block.title}"
            return [Line(_elide(text, self._bold, width), self._bold, QRectF(inner.left(), inner.top(), width, small_h))]
        head = [(self._time_label(block, width), self._bold, small_h)]
        mine = viewer_times(block.start, block.end, self.data.viewer_zone) if self.data else ""
        if mine and wide and _fits(f"you: {mine}", self._small, width):
            head.append((f"you: {mine}", self._small, small_h))
        top = inner.top() + sum(h for _t, _f, h in head)
        titles = max(1, int((inner.bottom() + 2 - top) // title_h))
        wrapped = _wrap(block.title, title_font, width, titles)
        rows = head + [(text, title_font, title_h) for text in wrapped]
        if block.subtitle and top + len(wrapped) * title_h + small_h <= inner.bottom() + 2:
            rows.append((_elide(block.subtitle, self._small, width), self._small, small_h))
        out, y = [], inner.top()
        for text, font, height in rows:
            if y + height > inner.bottom() + 2 and out:
                break
            out.append(Line(text, font, QRectF(inner.left(), y, width, height)))
            y += height
        return out

    def _time_label(self, block: Block, width: float) -> str:
        """'09:30–12:00 JST', '09:30–12:00' or '09:30': the longest that fits."""
        for text in (local_times.span_in_zone(block.start, block.end), local_times.span(block.start, block.end)):
            if _fits(text, self._bold, width):
                return text
        return local_times.clock(block.start)


def _fits(text: str, font: QFont, width: float) -> bool:
    """Whether `text` is drawn whole in `width` (as `_elide` measures it)."""
    return QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, math.floor(width)) == text


def _elide(text: str, font: QFont, width: float) -> str:
    return QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, math.floor(width))


def _first_words(text: str, font: QFont, width: float) -> str:
    """As many whole words as fit (a flight's 'AF276' before its route); one word cut only when it alone is too long."""
    words = text.split(" ")
    shown = words[0]
    for word in words[1:]:
        if not _fits(f"{shown} {word}", font, width):
            break
        shown = f"{shown} {word}"
    return _elide(shown, font, width)


def _wrap(text: str, font: QFont, width: float, lines: int) -> list[str]:
    """`text` wrapped by words into at most `lines` lines of `width`; the last line, and a word too long for a line, elided."""
    out: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if _fits(trial, font, width) or not current:
            current = trial
        else:
            out.append(current)
            current = word
    out.append(current)
    if len(out) > lines:
        out = out[: lines - 1] + [" ".join(out[lines - 1:])]
    return [_elide(line, font, width) for line in out]
