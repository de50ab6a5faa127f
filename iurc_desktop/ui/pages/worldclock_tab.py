"""The World clock tab of a webinar: a session's time in every participant zone, and a slot finder.

Any other zone can be added (a zone the session must suit before anyone from it
has registered); in the slot finder it counts as one participant. A found slot
can be used: the session moves there, one undoable edit of the item.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QDate, QItemSelection, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QFrame, QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSpinBox, QSplitter, QVBoxLayout,
    QWidget,
)

from ...app.events import event_detail
from ...app.worldclock import Slot, WorldClock, ZoneTime, find_slots, world_clock
from ...core import local_times, timeutil
from ...core.counts import counted
from ...core.events.listing import ItemView
from ...core.local_times import day_shift
from ...core.progress import CancelToken, Progress
from ..commands.items import ChangeItem
from ..icons import icon
from ..models.sorted_rows import SortedRowsModel
from ..models.table import Column
from ..shell.context import Context
from ..shell.palette import ProblemLabel
from ..widgets.record_form import ZoneField
from ..widgets.world_clock_strip import WorldClockStrip, city, state_of
from .event_tab import EventTab
from .list_page import make_table

SLOT_LIMIT = 25


@dataclass(frozen=True)
class SlotRow:
    rank: int
    slot: Slot

    @property
    def start(self):  # type: ignore[no-untyped-def]
        return self.slot.start


def _outside(row: SlotRow) -> str:
    """Where the slot falls outside working hours: 'Auckland 20:00–21:30 +1d'."""
    parts = []
    for zt in row.slot.zones:
        if zt.people and zt.outside_hours:
            parts.append(f"{city(zt.zone)} {local_times.clock(zt.start)}–{local_times.clock(zt.end)}{day_shift(zt.day_shift)}")
    return "; ".join(parts) or "everyone within working hours"


SLOT_COLUMNS = (
    Column("Rank", "rank", numeric=True),
    Column("Start (event zone)", "start", fmt=lambda s: local_times.moment(s, year=True)),  # type: ignore[attr-defined]
    Column("Inside hours", lambda r: (r.slot.inside, r.slot.total), fmt=lambda v: f"{v[0]} of {v[1]}"),  # type: ignore[index]
    Column("Minutes outside", lambda r: r.slot.minutes_outside, numeric=True,
           tooltip="summed over participants: how far the slot spills beyond their working hours"),
    Column("Outside working hours", _outside),
)


class WorldClockTab(EventTab):
    """Item chooser, the strip, DST notes, and the slot finder below."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.clock: WorldClock | None = None
        self.items: dict[str, ItemView] = {}
        self.extra_zones: list[str] = []  # added by hand, for the event in `zones_of`
        self.zones_of: str | None = None
        self.item = QComboBox()
        self.item.setAccessibleName("Session")
        self.item.currentIndexChanged.connect(self.show_session)
        self.low, self.high = QSpinBox(), QSpinBox()
        for box, value, name in ((self.low, 8, "Working hours from"), (self.high, 20, "Working hours to")):
            box.setRange(0, 24)
            box.setValue(value)
            box.setSuffix(":00")
            box.setAccessibleName(name)
            box.valueChanged.connect(self.show_session)
        self.strip = WorldClockStrip()
        self.showing = QLabel()
        self.showing.setAccessibleName("Showing")
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        small = self.notes.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.notes.setFont(small)  # a note per line at laptop width, so the strip keeps its rows
        self.notes.setAccessibleName("Daylight saving notes")
        self.finder = self._slot_finder()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        top = QHBoxLayout()
        top.addWidget(QLabel("Session:"))
        top.addWidget(self.item, 1)
        top.addSpacing(16)
        top.addWidget(QLabel("Working hours:"))
        top.addWidget(self.low)
        top.addWidget(QLabel("to"))
        top.addWidget(self.high)
        layout.addLayout(top)
        layout.addLayout(self._zone_adder())
        layout.addWidget(self.zone_problem)
        layout.addWidget(self.showing)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.strip)
        upper_layout.addStretch(1)
        scroll = QScrollArea()  # many zones scroll rather than push the window taller
        scroll.setWidget(upper)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        splitter = self.splitter = QSplitter(Qt.Orientation.Vertical)
        upper_box = QWidget()
        box_layout = QVBoxLayout(upper_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(scroll, 1)
        box_layout.addWidget(self.notes)  # outside the scroll area, so it wraps to the width
        splitter.addWidget(upper_box)
        splitter.addWidget(self.finder)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 190])  # the strip first; the finder's table needs only a few rows
        layout.addWidget(splitter, 1)

    def _zone_adder(self) -> QHBoxLayout:
        """A zone field and Add: any IANA zone joins the strip (and the slot finder)."""
        self.zone_to_add = ZoneField()
        self.zone_to_add.setAccessibleName("Zone to add")
        self.zone_to_add.lineEdit().setPlaceholderText("any time zone, e.g. Pacific/Auckland")
        self.zone_to_add.lineEdit().returnPressed.connect(self.add_zone)
        self.zone_to_add.currentTextChanged.connect(lambda _text: self.show_zone_problem(""))
        self.add_zone_button = QPushButton(icon("plus"), "&Add zone")
        self.add_zone_button.setToolTip("Show the session in this zone too; the slot finder counts it as one participant")
        self.add_zone_button.clicked.connect(self.add_zone)
        self.clear_zones_button = QPushButton(icon("x"), "Remove added zones")
        self.clear_zones_button.clicked.connect(self.clear_zones)
        self.clear_zones_button.setVisible(False)
        self.zone_problem = ProblemLabel("Zone to add problem")
        self.zone_problem.setVisible(False)
        label = QLabel("Also &show:")
        label.setBuddy(self.zone_to_add)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.zone_to_add, 1)
        row.addWidget(self.add_zone_button)
        row.addWidget(self.clear_zones_button)
        return row

    def _slot_finder(self) -> QGroupBox:
        box = QGroupBox("Find a time that suits the participants' zones")
        self.date_from, self.date_to = QDateEdit(), QDateEdit()
        for edit, name in ((self.date_from, "From date"), (self.date_to, "To date")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd d MMM yyyy")
            edit.setAccessibleName(name)
        self.duration = QSpinBox()
        self.duration.setRange(15, 8 * 60)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(" min")
        self.duration.setAccessibleName("Duration")
        self.weekdays = QCheckBox("Weekdays only")
        self.weekdays.setChecked(True)
        self.find_button = QPushButton(icon("search"), "Find ti&mes")
        self.find_button.clicked.connect(self.find)
        self.use_slot_button = QPushButton(icon("calendar-days"), "&Use this slot")
        self.use_slot_button.setToolTip("Move the session to the chosen time (Edit › Undo puts it back)")
        self.use_slot_button.setEnabled(False)
        self.use_slot_button.clicked.connect(self.use_slot)
        self.slots_model = SortedRowsModel(SLOT_COLUMNS, parent=self)
        self.slots_table = make_table("Candidate times")
        self.slots_table.setModel(self.slots_model)
        self.slots_table.setSortingEnabled(True)
        self.slots_table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.slots_table.selectionModel().selectionChanged.connect(self._slot_chosen)
        self.slots_status = QLabel()
        row = QHBoxLayout()
        for widget in (QLabel("From"), self.date_from, QLabel("to"), self.date_to, QLabel("lasting"), self.duration,
                       self.weekdays):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.slots_status)
        row.addWidget(self.find_button)
        row.addWidget(self.use_slot_button)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.slots_table, 1)
        layout.addStretch(0)  # takes the room only while the table is hidden, so the row stays at the top
        return box

    # --- loading -----------------------------------------------------------------------
    def load(self, code: str) -> None:
        detail = event_detail(self.ctx.db, code)
        if code != self.zones_of:  # zones added for one event are not another's
            self.zones_of = code
            self.extra_zones = []
            self.clear_zones_button.setVisible(False)
        self.items = {item.key: item for item in detail.items}
        chosen = self.item.currentData()
        self.item.blockSignals(True)
        self.item.clear()
        for item in sorted(detail.items, key=lambda i: i.start):
            cancelled = " (cancelled)" if item.status == "cancelled" else ""
            self.item.addItem(f"{local_times.moment(item.start)} · {item.title}{cancelled}", item.key)
        self.item.setCurrentIndex(max(0, self.item.findData(chosen)))  # a reload (a moved session) keeps the choice
        self.item.blockSignals(False)
        start = detail.row.start
        self.date_from.setDate(QDate(start.year, start.month, start.day))
        end = start + timedelta(days=13)
        self.date_to.setDate(QDate(end.year, end.month, end.day))
        self.slots_model.set_rows(())
        self.use_slot_button.setEnabled(False)
        self.slots_table.setVisible(False)  # shown with the first results; until then the strip has the room
        self.slots_status.setText("")
        char = self.slots_table.fontMetrics().averageCharWidth()
        for column, chars in enumerate((8, 31, 14, 17)):
            self.slots_table.setColumnWidth(column, char * chars)
        self.slots_table.horizontalHeader().setStretchLastSection(True)
        self.show_session()

    def working_hours(self) -> tuple[int, int]:
        return self.low.value(), self.high.value()

    def show_session(self, *_: object) -> None:
        """The chosen item on the strip, with its DST notes."""
        key = self.item.currentData()
        if not self.code or not key:
            return
        if self.low.value() >= self.high.value():
            self.showing.setText("Working hours must start before they end.")
            return
        try:
            clock = world_clock(self.ctx.db, self.code, key, working_hours=self.working_hours(),
                                extra_zones=tuple(self.extra_zones))
        except Exception as exc:
            self.ctx.report(exc)
            return
        self.clock = clock
        self.strip.set_clock(clock.start, clock.end, clock.zones, clock.working_hours, clock.event_zone, self.extra_zones)
        self.notes.setText("\n".join(f"Daylight saving: {note.message}" for note in clock.dst_notes))
        self.notes.setVisible(bool(clock.dst_notes))
        self.duration.setValue(int((clock.end - clock.start).total_seconds() // 60))
        late = outside_text(clock.zones, clock.event_zone)
        self.showing.setText(f"<b>{clock.title}</b> in {counted(len(clock.zones), 'zone')}" + (f"; outside working hours: {late}" if late else
                                                                                      "; within working hours everywhere"))
        self.status.emit(f"{clock.title}: " + (f"outside working hours in {late}" if late else "within working hours everywhere"))
        self._fit_strip()

    def _fit_strip(self) -> None:
        """Give the strip the height of all its rows (and the notes) when the tab has it; the finder the rest."""
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        notes = self.notes.heightForWidth(max(200, self.width())) if self.notes.isVisible() else 0
        wanted = self.strip.sizeHint().height() + notes + 6
        finder = max(self.finder.minimumSizeHint().height(), total - wanted)
        self.splitter.setSizes([total - finder, finder])

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit_strip()

    # --- the slot finder ----------------------------------------------------------------
    def find(self) -> None:
        """Rank start times on the window's worker; the table fills when it is done."""
        if self.clock is None:
            return
        # a zone with nobody in it yet that the session must suit counts as one person
        zones = {z.zone: z.people or int(z.must_suit(self.clock.event_zone)) for z in self.clock.zones}
        first, last = _date(self.date_from.date()), _date(self.date_to.date())
        duration = timedelta(minutes=self.duration.value())
        hours, event_zone, weekdays = self.working_hours(), self.clock.event_zone, self.weekdays.isChecked()

        def job(progress: Progress, token: CancelToken) -> list[Slot]:
            progress(0, 0, "Ranking start times…")
            return find_slots(first, last, duration, zones, working_hours=hours, event_zone=event_zone,
                              weekdays_only=weekdays, limit=SLOT_LIMIT)

        self.find_button.setEnabled(False)
        self.slots_status.setText("Finding…")
        task = self.ctx.tasks.submit("Finding times", job)
        task.finished.connect(self._found)
        task.failed.connect(self.ctx.report)
        task.ended.connect(lambda: self.find_button.setEnabled(True))

    def _found(self, slots: list[Slot]) -> None:
        self.slots_model.set_rows([SlotRow(n + 1, s) for n, s in enumerate(slots)])
        self.slots_table.setVisible(True)
        sizes = self.splitter.sizes()
        wanted = min(sum(sizes) // 2, self.slots_table.verticalHeader().defaultSectionSize() * 8 + 80)
        if sizes[1] < wanted:  # room for the candidates; the strip scrolls meanwhile
            self.splitter.setSizes([sum(sizes) - wanted, wanted])
        self.slots_table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        best = slots[0] if slots else None
        self.slots_status.setText(f"best: {best.inside} of {best.total} inside working hours" if best else "no times in that range")

    # --- zones added by hand ------------------------------------------------------------
    def add_zone(self) -> None:
        """Add the typed zone to the strip; a bad one is said beside the field."""
        zone = self.zone_to_add.zone()
        problem = self.zone_to_add.problem()
        if problem:
            self.show_zone_problem(problem)
            return
        shown = {z.zone for z in self.clock.zones} if self.clock else set()
        if zone in shown and zone not in self.extra_zones:
            self.show_zone_problem(f"{zone} is shown already (participants are there, or it is the event's zone).")
            return
        if zone not in self.extra_zones:
            self.extra_zones.append(zone)
        self.zone_to_add.setCurrentText("")
        self.clear_zones_button.setVisible(True)
        self.show_session()

    def clear_zones(self) -> None:
        self.extra_zones = []
        self.clear_zones_button.setVisible(False)
        self.show_session()

    def show_zone_problem(self, text: str) -> None:
        self.zone_problem.setText(text)
        self.zone_problem.setVisible(bool(text))

    # --- a found slot ----------------------------------------------------------------------
    def chosen_slot(self) -> Slot | None:
        rows = self.slots_table.selectionModel().selectedRows()
        row = self.slots_model.row_at(rows[0].row()) if rows else None
        return row.slot if row is not None else None

    def use_slot(self) -> None:
        """Move the session to the chosen slot: one undoable edit of the item, in the item's own zone."""
        slot, item = self.chosen_slot(), self.items.get(self.item.currentData())
        if slot is None or item is None or not self.code:
            return
        zone = timeutil.zone(item.zone)
        start, end = slot.start.astimezone(zone), slot.end.astimezone(zone)
        # the programme file's local times; the offset picks the reading of a time the clocks pass twice
        new = {"start": timeutil.aware_text(start), "end": timeutil.aware_text(end)}
        self.ctx.undo.push(ChangeItem(self.ctx.db, self.ctx.changes, self.ctx.report, self.code, item.key,
                                      item.title, new))
        self.status.emit(f"{item.title} moved to {local_times.moment(start)}")

    def _slot_chosen(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        row = self.slots_model.row_at(rows[0].row()) if rows else None
        self.use_slot_button.setEnabled(row is not None)
        if row is None or self.clock is None:
            return
        slot = row.slot
        self.strip.set_clock(slot.start, slot.end, slot.zones, self.working_hours(), self.clock.event_zone, self.extra_zones)
        zones = [z for z in slot.zones if z.people]
        good = sum(1 for z in zones if state_of(z) == "inside")
        added = " (each added zone counted as one)" if self.extra_zones else ""
        self.showing.setText(f"Candidate <b>{local_times.moment(slot.start)}</b>: "
                             f"{slot.inside} of {slot.total} participants{added} inside working hours, in {good} of {len(zones)} zones")


def outside_text(zones: Sequence[ZoneTime], event_zone: str) -> str:
    """'Melbourne (10 min), Auckland (2 h 10)': the zones the session must suit outside working hours, as coloured."""
    parts = []
    for z in zones:
        if z.must_suit(event_zone) and state_of(z) != "inside":
            minutes = z.minutes_outside
            parts.append(f"{city(z.zone)} ({minutes} min)" if minutes < 60 else f"{city(z.zone)} ({minutes // 60} h {minutes % 60:02d})")
    return ", ".join(parts)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
