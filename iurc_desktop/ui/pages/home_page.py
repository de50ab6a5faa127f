"""The home page: upcoming events and what needs doing, each line a way to where it is fixed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from ...core import local_times, timeutil
from ..models.table import Column, RowsTableModel
from ..shell.context import Context
from .events_page import kind_label
from .list_page import ProportionalColumns, make_table

if TYPE_CHECKING:  # the services themselves are imported when the data is first read, after the first paint
    from ...app.planning import TodoEntry, UpcomingEvent

RULE_LABELS = {
    "not_confirmed": "Not confirmed",
    "missing_details": "Missing details",
    "passport_expiring": "Passport",
    "no_pickup": "No pick-up",
    "invite_changed": "Invite changed",
    "waitlist_promotable": "Waitlist",
}
MAX_EVENT_ROWS = 8
# Rules fixed on the person's own page (their details); the rest where the event is organised.
PERSON_PAGE_RULES = ("missing_details", "passport_expiring")
# Rules fixed on another tab of the event than their entry's target says.
TAB_RULES = {"no_pickup": "travel"}


def days_label(days: int) -> str:
    """'today', 'tomorrow', 'in 12 days', 'under way'."""
    if days < 0:
        return "under way"
    return {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")


def places_label(row: object) -> str:
    confirmed, capacity = getattr(row, "confirmed"), getattr(row, "capacity")
    return f"{confirmed} / {capacity}" if capacity else f"{confirmed} (no limit)"


def problems_label(up: UpcomingEvent) -> str:
    parts = [f"{n} {word}{'' if n == 1 else 's'}" for n, word in ((up.errors, "error"), (up.warnings, "warning")) if n]
    return ", ".join(parts) or "none"


UPCOMING_COLUMNS = (
    Column("Starts", lambda u: days_label(u.days_to_go)),
    Column("Event", lambda u: u.row.title),
    Column("Kind", lambda u: kind_label(u.row.kind)),
    Column("Dates", lambda u: local_times.date_range(u.row.start, u.row.end)),
    Column("Confirmed", lambda u: places_label(u.row), tooltip="confirmed people / places"),
    Column("Problems", problems_label, tooltip="open problems found by the event's checks"),
    Column("Code", lambda u: u.row.code),
)


def due_label(due: date | None, today: date) -> str:
    """'Mon 10 May', with the year when it is not this year's ('Mon 10 May 2027')."""
    if due is None:
        return ""
    return local_times.short_day(due) if due.year == today.year else local_times.day(due)


def todo_columns(today: Callable[[], date]) -> tuple[Column, ...]:
    return (
        Column("", lambda e: "●" if e.severity == "high" else "", tooltip="● urgent"),
        Column("Due", lambda e: due_label(e.due, today())),
        Column("Event", "event_code"),
        Column("What", lambda e: RULE_LABELS.get(e.rule, e.rule)),
        Column("To do", "message"),
    )


class HomePage(QWidget):
    """What a newcomer should look at first; `today` is injectable for tests."""

    title = "Home"
    status = Signal(str)
    open_target = Signal(str, str, str)  # event code, where ("event", "checks", "person", "item", "participants", "travel"), key
    open_person = Signal(str)  # e-mail: the person's own page

    def __init__(self, ctx: Context, today: Callable[[], date] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or (lambda: timeutil.to_local(timeutil.utc_now(), ctx.viewer_zone).date())
        self.working_hours = (8, 20)
        self.heading = QLabel()
        self.heading.setAccessibleName("Today")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        self.summary = QLabel()
        self.summary.setAccessibleName("Summary")
        self.summary.setWordWrap(True)

        self.events_model = RowsTableModel(UPCOMING_COLUMNS, parent=self)
        self.events_table = self._table("Upcoming events", self.events_model)
        self.events_empty = _empty("No upcoming events. Plan one from the Events page, or duplicate a past one (Event ▸ Duplicate…).")
        self.todo_model = RowsTableModel(todo_columns(lambda: self.today()), parent=self)
        self.todo_table = self._table("To-do list", self.todo_model)
        self.todo_empty = _empty("Nothing to do: every upcoming event is in order.")
        self.events_title = _section("Upcoming events")
        self.todo_title = _section("To do")
        self.events_columns = ProportionalColumns(self.events_table, (1,), 60)  # the event's title shares the width
        self.todo_columns = ProportionalColumns(self.todo_table, (4,), 200)  # what to do: the longest text
        self.events_table.activated.connect(self._event_activated)
        self.todo_table.activated.connect(self._todo_activated)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(_box(self.events_title, self.events_table, self.events_empty))
        layout.addWidget(_box(self.todo_title, self.todo_table, self.todo_empty), 1)
        ctx.changes.changed.connect(lambda _topic: self.refresh() if self.isVisible() else None)

    def _table(self, name: str, model: RowsTableModel) -> QTableView:
        table = make_table(name)
        table.setModel(model)
        table.setToolTip("Double-click or Enter to go where this is dealt with")
        return table

    def refresh(self) -> None:
        """Read the upcoming events and the to-do list again."""
        from ...app.planning import todo, upcoming_events

        today = self.today()
        events = upcoming_events(self.ctx.db, today, working_hours=self.working_hours)
        entries = todo(self.ctx.db, today=today)
        self.events_model.set_rows(events)
        self.todo_model.set_rows(entries)
        self.heading.setText(f"Today, {local_times.day(today)}")
        self.events_title.setText(f"<b>Upcoming events</b> ({len(events)})" if events else "<b>Upcoming events</b>")
        urgent = sum(1 for e in entries if e.severity == "high")
        self.todo_title.setText(f"<b>To do</b> ({len(entries)}" + (f", {urgent} urgent)" if urgent else ")") if entries else "<b>To do</b>")
        self.summary.setText(self._summary(events, entries, urgent))
        for table, empty, rows in ((self.events_table, self.events_empty, events), (self.todo_table, self.todo_empty, entries)):
            table.setVisible(bool(rows))
            empty.setVisible(not rows)
        self.events_columns.measure()
        self._fit_height(self.events_table, len(events))
        self.todo_columns.measure()
        self.status.emit(f"{len(events)} upcoming events, {len(entries)} things to do")

    @staticmethod
    def _fit_height(table: QTableView, rows: int) -> None:
        """As tall as its rows (up to MAX_EVENT_ROWS), so the to-do list gets the rest of the page."""
        shown = max(1, min(rows, MAX_EVENT_ROWS))
        height = table.horizontalHeader().sizeHint().height() + shown * table.verticalHeader().defaultSectionSize()
        table.setFixedHeight(height + 2 * table.frameWidth() + (table.horizontalScrollBar().sizeHint().height() if rows > MAX_EVENT_ROWS else 0))

    @staticmethod
    def _summary(events: list[UpcomingEvent], entries: list[TodoEntry], urgent: int) -> str:
        if not events:
            return "No upcoming events."
        nxt = events[0]
        text = f"Next: <b>{nxt.row.title}</b> {days_label(nxt.days_to_go)}."
        if urgent:
            text += f" <b>{urgent} urgent</b> to-do {'line' if urgent == 1 else 'lines'} (marked ●) first."
        elif entries:
            text += " Work down the to-do list; double-click a line to go where it is fixed."
        return text

    def _event_activated(self, index: QModelIndex) -> None:
        up = self.events_model.row_at(index.row())
        if up is not None:
            self.open_target.emit(up.row.code, "checks" if up.errors or up.warnings else "event", "")

    def _todo_activated(self, index: QModelIndex) -> None:
        entry = self.todo_model.row_at(index.row())
        if entry is None:
            return
        if entry.rule in PERSON_PAGE_RULES and entry.key:
            self.open_person.emit(entry.key)
        else:
            self.open_target.emit(entry.event_code, TAB_RULES.get(entry.rule, entry.target), entry.key)


def _section(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setAccessibleName(text)
    return label


def _empty(text: str) -> QLabel:
    label = QLabel(text)
    label.setAccessibleName("Nothing here")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setContentsMargins(4, 8, 4, 8)
    label.setEnabled(False)  # drawn in the palette's quieter text colour
    label.setVisible(False)
    return label


def _box(title: QLabel, table: QTableView, empty: QLabel) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 8, 0, 0)
    layout.addWidget(title)
    layout.addWidget(table, 1)
    layout.addWidget(empty)
    layout.addStretch(0)
    return box
