"""A world-clock strip drawn with QPainter: one session's time in every participant zone.

Every row shares one time axis (24 hours around the session, in true time), so
the session is one vertical band across all rows; each row shades its own
working hours on that axis, labels its local hours and marks its midnight, so a
zone where the session is in the night or on another date shows at a glance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...core import local_times, timeutil
from ...core.events.worldclock import ZoneTime
from ..shell.palette import is_dark

ROW_H = 36
COMPACT_ROW_H = 28  # rows when many zones, so a whole webinar's zones fit on a laptop screen
COMPACT_FROM = 8  # zones
HEAD_H = 24
LABEL_W = 250
TIME_W = 150
SPAN = timedelta(hours=24)
AMBER_MINUTES = 60  # spilling out by up to an hour is a nuisance (amber); more is a real problem (red)

STATE_COLOURS = {"inside": ("#2e7d32", "#66bb6a"), "amber": ("#e69500", "#ffb74d"), "outside": ("#c62828", "#ef5350")}
WORK_COLOURS = ("#fff4c2", "#4a4420")  # working hours: daylight yellow (light, dark palettes)
NIGHT_COLOURS = ("#dfe4ee", "#202638")


@dataclass(frozen=True)
class StripRow:
    """What one row says, as a person reads it."""

    zone: str
    city: str
    people: int
    local: str  # '18:00–19:30 JST'
    day_mark: str  # '+1d', '-1d' or ''
    state: str  # inside | amber | outside
    minutes_outside: int


def city(zone_name: str) -> str:
    """'America/Argentina/Buenos_Aires' reads 'Buenos Aires'."""
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")


def state_of(zt: ZoneTime) -> str:
    if not zt.outside_hours:
        return "inside"
    return "amber" if zt.minutes_outside <= AMBER_MINUTES else "outside"


def strip_row(zt: ZoneTime) -> StripRow:
    local = local_times.span_in_zone(zt.start, zt.end)
    mark = local_times.day_shift(zt.day_shift).strip()
    return StripRow(zt.zone, city(zt.zone), zt.people, local, mark, state_of(zt), zt.minutes_outside)


class WorldClockStrip(QWidget):
    """Rows of zones on a shared 24-hour axis centred on the session."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("World clock")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.start: datetime | None = None  # aware
        self.end: datetime | None = None
        self.reference_zone = "UTC"
        self.working_hours = (8, 20)
        self.zones: tuple[ZoneTime, ...] = ()
        self.added: frozenset[str] = frozenset()
        self.rows: tuple[StripRow, ...] = ()
        self._small = QFont(self.font())
        self._small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.85))
        self._bold = QFont(self.font())
        self._bold.setBold(True)

    def set_clock(self, start: datetime, end: datetime, zones: Sequence[ZoneTime], working_hours: tuple[int, int],
                  reference_zone: str, added: Sequence[str] = ()) -> None:
        """Show a session (aware instants) in each zone; `zones` as `world_clock`/`find_slots` give them.

        `added` are zones shown by hand rather than for participants (labelled so).
        """
        self.start, self.end, self.zones, self.added = start, end, tuple(zones), frozenset(added)
        self.working_hours, self.reference_zone = working_hours, reference_zone
        self.rows = tuple(strip_row(z) for z in self.zones)
        self.setMinimumHeight(self.sizeHint().height())
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(LABEL_W + TIME_W + 480, HEAD_H + self.row_h * max(1, len(self.rows)) + 8)

    @property
    def row_h(self) -> int:
        return COMPACT_ROW_H if len(self.rows) > COMPACT_FROM else ROW_H

    # --- geometry --------------------------------------------------------------------
    def axis(self) -> tuple[datetime, datetime]:
        """The shared axis: 24 hours of true time, the session in the middle."""
        assert self.start is not None and self.end is not None
        middle = self.start + (self.end - self.start) / 2
        return middle - SPAN / 2, middle + SPAN / 2

    def bar_rect(self, row: int) -> QRectF:
        inset = 5 if self.row_h == ROW_H else 3
        return QRectF(LABEL_W + TIME_W, HEAD_H + row * self.row_h + inset, max(120, self.width() - LABEL_W - TIME_W - 10),
                      self.row_h - 2 * inset)

    def x_of(self, instant: datetime, bar: QRectF) -> float:
        low, high = self.axis()
        share = (instant - low) / (high - low)
        return bar.left() + min(max(share, 0.0), 1.0) * bar.width()

    def session_rect(self, row: int) -> QRectF:
        bar = self.bar_rect(row)
        assert self.start is not None and self.end is not None
        left, right = self.x_of(self.start, bar), self.x_of(self.end, bar)
        return QRectF(left, bar.top() - 3, max(right - left, 3), bar.height() + 6)

    def working_spans(self, row: int) -> list[tuple[datetime, datetime]]:
        """The row's working windows (local hours, each day) as true-time spans on the axis."""
        low, high = self.axis()
        zone = self.zones[row].zone
        first = timeutil.to_local(low, zone).date() - timedelta(days=1)
        spans = []
        for n in range(4):
            day = first + timedelta(days=n)
            begin = _instant(datetime.combine(day, datetime.min.time()) + timedelta(hours=self.working_hours[0]), zone)
            finish = _instant(datetime.combine(day, datetime.min.time()) + timedelta(hours=self.working_hours[1]), zone)
            if finish > low and begin < high:
                spans.append((max(begin, low), min(finish, high)))
        return spans

    # --- painting ------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
            if self.start is None or not self.rows:
                painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No session yet: add it on the Itinerary tab (New item) to see it on every clock.")
                return
            self._paint_head(painter)
            for n in range(len(self.rows)):
                self._paint_row(painter, n)
        finally:
            painter.end()

    def _dark(self) -> bool:
        return is_dark(self.palette())

    def _paint_head(self, painter: QPainter) -> None:
        text = self.palette().color(QPalette.ColorRole.Text)
        painter.setPen(text)
        painter.setFont(self._bold)
        painter.drawText(QRectF(8, 0, LABEL_W - 8, HEAD_H), Qt.AlignmentFlag.AlignVCenter, "Zone")
        painter.drawText(QRectF(LABEL_W, 0, TIME_W, HEAD_H), Qt.AlignmentFlag.AlignVCenter, "Local time")
        bar = self.bar_rect(0)
        local = timeutil.to_local(self.start, self.reference_zone)  # type: ignore[arg-type]
        end = timeutil.to_local(self.end, self.reference_zone)  # type: ignore[arg-type]
        label = f"Session {local_times.short_day(local.date())} {local_times.span_in_zone(local, end)}; working hours {self.working_hours[0]:02d}–{self.working_hours[1]:02d} shaded"
        painter.setFont(self._small)
        painter.drawText(QRectF(bar.left(), 0, bar.width(), HEAD_H), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignHCenter,
                         QFontMetrics(self._small).elidedText(label, Qt.TextElideMode.ElideRight, int(bar.width())))

    def _paint_row(self, painter: QPainter, n: int) -> None:
        row, zt, dark = self.rows[n], self.zones[n], self._dark()
        pal = self.palette()
        top = HEAD_H + n * self.row_h
        first, second = (1, 17) if self.row_h == ROW_H else (0, 13)  # the two text lines of a row
        if n % 2:
            painter.fillRect(QRectF(0, top, self.width(), self.row_h), pal.color(QPalette.ColorRole.AlternateBase))
        text = pal.color(QPalette.ColorRole.Text)
        state = QColor(STATE_COLOURS[row.state][1 if dark else 0])
        painter.setPen(text)
        painter.setFont(self._bold)
        painter.drawText(QRectF(8, top + first, LABEL_W - 12, 16), Qt.AlignmentFlag.AlignVCenter, row.city)
        painter.setFont(self._small)
        if row.people:
            who = f"{row.people} participant{'s' if row.people != 1 else ''}"
        elif row.zone in self.added:
            who = "added zone"
        else:  # nobody there yet: one the event must work in, or its own zone
            who = "must work here" if zt.must_suit(self.reference_zone) else "event zone"
        detail = f"{row.zone} · UTC{timeutil.format_offset(zt.offset)} · {who}"
        painter.drawText(QRectF(8, top + second, LABEL_W - 12, 16), Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(self._small).elidedText(detail, Qt.TextElideMode.ElideRight, LABEL_W - 12))
        painter.setPen(state)
        painter.setFont(self._bold)
        painter.drawText(QRectF(LABEL_W, top + first, TIME_W - 6, 16), Qt.AlignmentFlag.AlignVCenter, row.local)
        painter.setFont(self._small)
        flags = " · ".join(x for x in (
            {"inside": "in working hours", "amber": f"{row.minutes_outside} min outside", "outside": f"{row.minutes_outside // 60} h {row.minutes_outside % 60:02d} outside"}[row.state],
            {"+1d": "next day", "-1d": "previous day"}.get(row.day_mark, row.day_mark),
        ) if x)
        painter.drawText(QRectF(LABEL_W, top + second, TIME_W - 6, 16), Qt.AlignmentFlag.AlignVCenter, flags)
        self._paint_bar(painter, n, state, dark)

    def _paint_bar(self, painter: QPainter, n: int, state: QColor, dark: bool) -> None:
        bar, zone = self.bar_rect(n), self.zones[n].zone
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(NIGHT_COLOURS[1 if dark else 0]))
        painter.drawRoundedRect(bar, 3, 3)
        painter.setBrush(QColor(WORK_COLOURS[1 if dark else 0]))
        for begin, finish in self.working_spans(n):
            painter.drawRect(QRectF(self.x_of(begin, bar), bar.top(), self.x_of(finish, bar) - self.x_of(begin, bar), bar.height()))
        self._paint_hours(painter, bar, zone)
        fill = QColor(state)
        fill.setAlpha(150)
        painter.setBrush(fill)
        painter.setPen(QPen(state, 2))
        painter.drawRoundedRect(self.session_rect(n), 3, 3)

    def _paint_hours(self, painter: QPainter, bar: QRectF, zone: str) -> None:
        """Local hour labels every three hours, and each local midnight with its date."""
        low, high = self.axis()
        text = self.palette().color(QPalette.ColorRole.Text)
        instant = low.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        painter.setFont(self._small)
        while instant < high:
            local = timeutil.to_local(instant, zone)
            minute_off = local.minute  # half-hour zones: the local hour starts off the UTC hour
            at = instant - timedelta(minutes=minute_off)
            x = self.x_of(at, bar)
            if local.hour == 0 and at > low:
                painter.setPen(QPen(text, 1.5))
                painter.drawLine(QPointF(x, bar.top() - 2), QPointF(x, bar.bottom() + 2))
                painter.drawText(QRectF(x + 3, bar.top(), 60, bar.height()), Qt.AlignmentFlag.AlignVCenter, local_times.weekday_day(local.date()))
            elif local.hour % 3 == 0 and at > low:
                painter.setPen(text)
                painter.drawText(QRectF(x - 14, bar.top(), 28, bar.height()), Qt.AlignmentFlag.AlignCenter, f"{local.hour:02d}")
            instant += timedelta(hours=1)


def _instant(naive: datetime, zone: str) -> datetime:
    """A local wall-clock time as an instant, read leniently (a working hour may fall in a DST gap)."""
    return naive.replace(tzinfo=timeutil.zone(zone)).astimezone(timeutil.UTC)
