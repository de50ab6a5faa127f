"""The home page: upcoming events as cards and what needs doing, each line a way to where it is fixed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from ...core import local_times, timeutil
from ..icons import icon
from ..models.table import Column, RowsTableModel
from ..shell.context import Context
from ..widgets.event_card import EventCard, kind_label
from .home_reminders import DueReminders
from .list_page import ProportionalColumns, make_table

if TYPE_CHECKING:  # the services themselves are imported when the data is first read, after the first paint
    from ...app.planning import TodoEntry, UpcomingEvent
    from ...app.readiness import Readiness

RULE_LABELS = {
    "not_confirmed": "Not confirmed",
    "missing_details": "Missing details",
    "passport_expiring": "Passport",
    "no_pickup": "No pick-up",
    "invite_changed": "Invite changed",
    "waitlist_promotable": "Waitlist",
    "visa_deadline": "Visa",
    "mail_not_delivered": "Not delivered",
    "not_invited": "Not invited",
}
# The icon beside each kind of to-do line (Lucide names, ui/icons).
RULE_ICONS = {
    "not_confirmed": "hourglass", "missing_details": "list-todo", "passport_expiring": "id-card",
    "no_pickup": "plane-landing", "invite_changed": "send", "waitlist_promotable": "users",
    "visa_deadline": "globe", "mail_not_delivered": "triangle-alert", "not_invited": "mail",
}
FIRST_REMINDERS_AFTER_MS = 1_000  # the first reading of the reminders due, after start-up's first view
MAX_CARDS = 6  # the next events shown as cards; the to-do list is theirs unless all events' is asked for
CARD_COLUMNS = 3


def days_label(days: int) -> str:
    """'today', 'tomorrow', 'in 12 days', 'under way'."""
    if days < 0:
        return "under way"
    return {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")


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
        Column("What", lambda e: RULE_LABELS.get(e.rule, e.rule), decoration=lambda e: icon(RULE_ICONS.get(e.rule, "info"))),
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

        self.cards: list[EventCard] = []
        self.cards_box = QWidget()
        self.cards_box.setAccessibleName("Upcoming events")
        self.cards_grid = QGridLayout(self.cards_box)
        self.cards_grid.setContentsMargins(0, 0, 0, 0)
        self.cards_grid.setSpacing(12)
        for column in range(CARD_COLUMNS):
            self.cards_grid.setColumnStretch(column, 1)
        self.events_empty = _empty("No upcoming events. Plan one from the Events page, or duplicate a past one (Event ▸ Duplicate…).")
        self.todo_model = RowsTableModel(todo_columns(lambda: self.today()), parent=self)
        self.todo_table = make_table("To-do list")
        self.todo_table.setTabKeyNavigation(False)  # Tab goes on to the cards; arrows move between lines
        self.todo_table.setModel(self.todo_model)
        self.todo_table.setToolTip("Double-click or Enter to go where this is dealt with")
        self.todo_empty = _empty("Nothing to do: every upcoming event is in order.")
        self.events_title = _section("Upcoming events")
        self.todo_title = _section("To do")
        self.all_button = QPushButton()
        self.all_button.setToolTip("The to-do list of every event not over yet, read in the background "
                                   "(iurc-desktop todo on the command line)")
        self.all_button.clicked.connect(self._toggle_all)
        self.all_button.setVisible(False)
        self.all_events = False  # the to-do of every event not over, not only of the cards' events
        self.upcoming = 0
        self.events: list[UpcomingEvent] = []
        self._reading = 0  # which reading of all events' to-do is the latest: an older result is dropped
        self.todo_columns = ProportionalColumns(self.todo_table, (4,), 200)  # what to do: the longest text
        self.todo_table.activated.connect(self._todo_activated)
        self.reminders = DueReminders(ctx, self.status.emit)
        self._reminders_read = False  # the first reading waits until the window has shown its data

        events = QVBoxLayout()
        events.setContentsMargins(0, 8, 0, 0)
        events.addWidget(self.events_title)
        events.addWidget(self.cards_box)
        events.addWidget(self.events_empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addLayout(events)
        layout.addWidget(self.reminders)
        title = QHBoxLayout()
        title.addWidget(self.todo_title)
        title.addStretch(1)
        title.addWidget(self.all_button)
        layout.addWidget(_box(title, self.todo_table, self.todo_empty), 1)
        ctx.changes.changed.connect(lambda _topic: self.refresh() if self.isVisible() else None)

    def refresh(self) -> None:
        """Read the next events, how ready each is, and what they need doing (all events' too, when asked) again."""
        from ...app.home import home

        today = self.today()
        data = home(self.ctx.db, today, cards=MAX_CARDS, working_hours=self.working_hours)
        self.upcoming, self.events = data.upcoming, data.events
        self._show_cards(data.events, data.readiness)
        self.heading.setText(f"Today, {local_times.day(today)}")
        more = f", the next {MAX_CARDS} shown" if data.upcoming > MAX_CARDS else ""
        self.events_title.setText(f"<b>Upcoming events</b> ({data.upcoming}{more})" if data.events else "<b>Upcoming events</b>")
        self.cards_box.setVisible(bool(data.events))
        self.events_empty.setVisible(not data.events)
        self._read_reminders()
        if self.all_events and data.upcoming > MAX_CARDS:
            self._read_all(today)  # the lines shown stay until the new ones arrive
            return
        self.all_events = False
        self._show_todo(data.todo)
        self.status.emit(f"{data.upcoming} upcoming events, {len(data.todo)} things to do"
                         + (f" for the next {MAX_CARDS} events" if data.upcoming > MAX_CARDS else ""))

    def _read_reminders(self) -> None:
        """The reminders due, read on the worker; at start-up a moment after the page's own data is on screen, so
        reading them (and loading the mail code) does not hold up the first view of the to-do."""
        if self._reminders_read:
            self.reminders.refresh()
            return
        self._reminders_read = True
        QTimer.singleShot(FIRST_REMINDERS_AFTER_MS, self, self._first_reminders)

    def _first_reminders(self) -> None:
        """The deferred first reading, unless the window was closed meanwhile (its database may be gone)."""
        if self.isVisible():
            self.reminders.refresh()
        else:
            self._reminders_read = False  # read when the page is next shown

    def _show_todo(self, entries: list[TodoEntry]) -> None:
        """The to-do lines, the title saying whose they are, and the button to the other list."""
        self._reading += 1  # whatever reading of all events' to-do is under way is out of date now
        self.all_button.setEnabled(True)
        self.todo_model.set_rows(entries)
        urgent = self._urgent(entries)
        counts = f" ({len(entries)}" + (f", {urgent} urgent)" if urgent else ")") if entries else ""
        partial = self.upcoming > MAX_CARDS
        whose = (f" for all {self.upcoming} events" if self.all_events else f" for the next {MAX_CARDS} events") if partial else ""
        self.todo_title.setText(f"<b>To do</b>{whose}{counts}")
        self.all_button.setText(f"Only the &next {MAX_CARDS} events" if self.all_events else f"&All {self.upcoming} events")
        self.all_button.setVisible(partial)
        self.todo_table.setVisible(bool(entries))
        self.todo_empty.setText(f"Nothing to do for the next {MAX_CARDS} events." if partial and not self.all_events
                                else "Nothing to do: every upcoming event is in order.")
        self.todo_empty.setVisible(not entries)
        self.todo_columns.measure()
        self.summary.setText(self._summary(self.events, entries, urgent))

    def _toggle_all(self) -> None:
        """Switch between the cards' events' to-do and every event's (read in the background: it may be long)."""
        self.all_events = not self.all_events
        if self.all_events:
            self._read_all(self.today())
        else:
            self.refresh()

    def _read_all(self, today: date) -> None:
        """Read the to-do of every event not over on the worker; shown when it arrives unless read again since."""
        from ...app.planning import todo

        self._reading += 1
        db, reading = self.ctx.db, self._reading
        self.all_button.setEnabled(False)
        self.todo_title.setText(f"<b>To do</b>: reading the to-do of all {self.upcoming} events…")
        task = self.ctx.tasks.submit("Reading the to-do", lambda _progress, _token: todo(db, today=today))
        task.finished.connect(lambda entries: self._all_read(entries, reading))
        task.failed.connect(self._all_failed)

    def _all_read(self, entries: list[TodoEntry], reading: int) -> None:
        if reading == self._reading and self.all_events:
            self._show_todo(entries)
            self.status.emit(f"{len(entries)} things to do for all {self.upcoming} upcoming events")

    def _all_failed(self, error: BaseException) -> None:
        self.all_events = False
        self.ctx.report(error)
        self.refresh()  # back to the next events' lines

    @staticmethod
    def _urgent(entries: list[TodoEntry]) -> int:
        return sum(1 for e in entries if e.severity == "high")

    def _show_cards(self, events: list[UpcomingEvent], ready: dict[str, Readiness]) -> None:
        """One card per upcoming event, soonest first, in rows of CARD_COLUMNS."""
        for card in self.cards:
            self.cards_grid.removeWidget(card)
            card.deleteLater()
        self.cards = []
        for n, up in enumerate(events):
            card = EventCard(up, ready.get(up.row.code), self.ctx.viewer_zone, days_label(up.days_to_go).capitalize(),
                             kind_label(up.row.kind))
            card.opened.connect(lambda code: self.open_target.emit(code, "event", ""))
            card.checks.connect(lambda code: self.open_target.emit(code, "checks", ""))
            self.cards_grid.addWidget(card, n // CARD_COLUMNS, n % CARD_COLUMNS)
            card.show()  # a child added to a page already on screen is shown only when asked
            self.cards.append(card)

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

    def _todo_activated(self, index: QModelIndex) -> None:
        entry = self.todo_model.row_at(index.row())
        if entry is not None:
            self.go_to_fix(entry)

    def go_to_fix(self, entry: TodoEntry) -> None:
        """Where a to-do line is fixed: the person's page on the missing field, else the event's tab for it."""
        if entry.field and entry.key:
            self.open_person.emit(entry.key)
            QTimer.singleShot(0, self, lambda: self._focus_person_field(entry.field))  # once the page is shown
        else:
            self.open_target.emit(entry.event_code, entry.target, entry.key)

    def _focus_person_field(self, field: str) -> None:
        """Put the cursor in the person page's field, where that page can (PersonPage.focus_field)."""
        window = self.window()
        if getattr(window, "current_page_key", lambda: "")() != "person":
            return  # the person could not be opened (gone since): the window said why
        focus = getattr(getattr(window, "person_page", None), "focus_field", None)
        if callable(focus):
            focus(field)


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


def _box(title: QHBoxLayout, table: QTableView, empty: QLabel) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 8, 0, 0)
    layout.addLayout(title)
    layout.addWidget(table, 1)
    layout.addWidget(empty)
    layout.addStretch(0)
    return box
