"""The Overview tab of an event: its items in local time (viewer's time beside) and its participants."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from ...app.changes import Topic
from ...app.events import EventDetail, ParticipantView, event_heading, participants
from ...core.events.listing import ItemView
from ...core import local_times
from .. import localtime
from ..models.table import Column, RowsTableModel
from ..shell.context import Context
from .event_tab import EventTab
from .events_page import kind_label
from .list_page import fit_columns, make_table


def item_columns(viewer_zone: str) -> tuple[Column, ...]:
    """Items in their own zone, then the same span on the viewer's clock where it differs."""
    return (
        Column("Day", lambda i: local_times.short_day(i.start.date())),
        Column("Time", lambda i: local_times.span(i.start, i.end)),
        Column("Zone", lambda i: local_times.zone_label(i.zone, i.start)),
        Column(f"Your time ({viewer_zone})", lambda i: localtime.viewer_span(i.start, i.end, viewer_zone),
               tooltip="the same time on your own clock; empty where it reads the same"),
        Column("Title", "title"),
        Column("Kind", "kind", fmt=kind_label),
        Column("Place", "place"),
        Column("Host", "host"),
        Column("Groups", lambda i: ", ".join(i.groups) or "everyone"),
        Column("Status", "status"),
    )


PARTICIPANT_COLUMNS = (
    Column("Name", "name"),
    Column("Own script", "local_name"),
    Column("E-mail", "email"),
    Column("Organisation", "organisation"),
    Column("Country", "country"),
    Column("Role", "role", fmt=kind_label),
    Column("Status", "status", fmt=kind_label),
    Column("Group", "group"),
)


class OverviewTab(EventTab):
    """Items and participants of one event: the items from the page's heading, the participants read after."""

    topics = (Topic.EVENTS, Topic.ITEMS, Topic.PARTICIPANTS, Topic.PEOPLE, Topic.ORGANISATIONS)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.detail: EventDetail | None = None
        self.participants: tuple[ParticipantView, ...] = ()
        self.items_model = RowsTableModel(item_columns(ctx.viewer_zone), parent=self)
        self.items_table = make_table("Items table")
        self.items_table.setModel(self.items_model)
        self.items_table.doubleClicked.connect(self._item_activated)
        self.participants_model = RowsTableModel(PARTICIPANT_COLUMNS, parent=self)
        self.participants_table = make_table("Participants table")
        self.participants_table.setModel(self.participants_model)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(_titled("Items", self.items_table))
        splitter.addWidget(_titled("Participants", self.participants_table))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)

    def load(self, code: str) -> None:
        self.show_detail(event_heading(self.ctx.db, code))

    def show_detail(self, detail: EventDetail) -> None:
        """Show the items of an already read heading (the page reads it once), then read the participants."""
        if detail.row.code != self.code:  # another event: its rows go now, not when the new ones arrive
            self._show_participants(())
        self.code, self.detail, self.size, self.stale = detail.row.code, detail, detail.row.participants, False
        self.items_model.set_rows(detail.items)
        differs = any(localtime.viewer_span(i.start, i.end, self.ctx.viewer_zone) for i in detail.items)
        self.items_table.setColumnHidden(3, not differs)  # nothing to show beside the local times
        fit_columns(self.items_table, 4, 36)  # the title takes the spare width
        event_id = detail.row.id
        self.read(lambda: tuple(participants(self.ctx.db, event_id)), self._show_participants, "the participants")

    def _show_participants(self, rows: tuple[ParticipantView, ...]) -> None:
        self.participants = rows
        self.participants_model.set_rows(rows)
        fit_columns(self.participants_table, 3, 40)  # the organisation

    def select_item(self, key: str) -> bool:
        """Select the item `key` in the items table; False if it is not there."""
        for row, item in enumerate(self.detail.items if self.detail else ()):
            if item.key == key:
                self.items_table.selectRow(row)
                self.items_table.scrollTo(self.items_model.index(row, 0))
                return True
        return False

    def selected_item(self) -> ItemView | None:
        """The item selected in the items table, if any."""
        index = self.items_table.currentIndex()
        rows = self.detail.items if self.detail else ()
        return rows[index.row()] if index.isValid() and index.row() < len(rows) else None

    def _item_activated(self, index: object) -> None:
        row = getattr(index, "row", lambda: -1)()
        if self.detail and 0 <= row < len(self.detail.items):
            self.navigate.emit("edit_item", self.detail.items[row].key)


def _titled(title: str, table: QTableView) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 6, 0, 0)
    label = QLabel(f"<b>{title}</b>")
    label.setBuddy(table)
    layout.addWidget(label)
    layout.addWidget(table, 1)
    return box
