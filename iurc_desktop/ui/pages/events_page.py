"""The Events page: every event, searchable and sortable; New event, Remove (Delete), F2 on a title renames it.

Every change is undoable.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QWidget

from ...app.changes import Topic
from ...app.events import EventRow, count_events, list_events
from ...core import local_times
from ...core.vocab import EVENT_KINDS
from ..commands.events import RemoveEvent, RenameEvent
from ..icons import icon
from ..models.table import Column
from ..shell.context import Context
from ..widgets.event_card import kind_icon, kind_label  # kind_label is imported from here by other pages
from .list_page import ListPage


def capacity_label(row: EventRow) -> str:
    return f"{row.confirmed} / {row.capacity}" if row.capacity else str(row.confirmed)


class EventsPage(ListPage):
    open_event = Signal(str)  # a code: the window opens its page
    open_target = Signal(str, str, str)  # code, tab, key: the window opens the event there

    title = "Events"
    noun = ("event", "events")
    topics = (Topic.EVENTS, Topic.PARTICIPANTS)
    stretch = 2
    wide = (2,)  # the title; codes are short and kept whole
    max_chars = 60

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        icons: dict[str, QIcon] = {}  # one per kind, not one per cell painted (it follows the palette as it paints)
        columns = (
            Column("Code", "code", "code"),
            Column("Kind", "kind", "kind", fmt=kind_label, tooltip=", ".join(kind_label(k) for k in EVENT_KINDS),
                   decoration=lambda r: icons.get(r.kind) or icons.setdefault(r.kind, kind_icon(r.kind))),
            Column("Title", "title", "title", tooltip="F2 to rename", edit=self._rename),
            Column("Dates", lambda r: local_times.date_range(r.start, r.end), "start", tooltip="local dates in the event's zone"),
            Column("Zone", "zone", "zone"),
            Column("People", "participants", "participants", numeric=True, tooltip="participants of every status"),
            Column("Confirmed", capacity_label, "confirmed", numeric=True, tooltip="confirmed / capacity"),
            Column("Items", "items", "items", numeric=True),
            Column("Status", "status", "status"),
        )
        super().__init__(ctx, list_events, count_events, columns, default_sort="start", parent=parent)
        self.new_button = QPushButton(icon("calendar-plus"), "&New event…")
        self.new_button.setToolTip("A new webinar, study visit, networking event, workshop or meeting (Ctrl+N)")
        self.new_button.clicked.connect(self.new_event)
        self.remove_button = QPushButton(icon("trash-2"), "&Remove event")
        self.remove_button.setToolTip("Remove the selected event with everything it holds (Delete; Ctrl+Z brings it back)")
        self.remove_button.clicked.connect(self.remove_selected)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.remove_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.actions_bar = QWidget()  # owns its layout (see EventPage.actions_bar)
        actions = QHBoxLayout(self.actions_bar)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.new_button)
        actions.addWidget(self.remove_button)
        actions.addStretch(1)
        self.layout().insertWidget(1, self.actions_bar)

    def new_event(self, *_clicked: object, on_open: Callable[[QDialog], None] | None = None) -> QDialog:
        """The New event dialog; the saved event opens (a webinar on its World clock tab)."""
        from ..dialogs.event_dialog import open_new_event

        return open_new_event(self.ctx, self, self._created, on_open)

    def _created(self, code: str, kind: str, zones: list[str]) -> None:
        if kind == "webinar":
            self.open_target.emit(code, "worldclock", "")  # its zones are the event's now, on its clock
            if zones:
                self.status.emit(f"{code}: the World clock shows its sessions in {', '.join(zones)}")
        else:
            self.open_event.emit(code)

    def remove_selected(self) -> None:
        """Remove the selected event (undoable)."""
        row = self.current_row()
        if row is not None:
            self.ctx.undo.push(RemoveEvent(self.ctx, row.code))
            self.status.emit(f"Removed {row.code} with everything it held (Ctrl+Z brings it back)")

    def _rename(self, row: EventRow, title: str) -> bool:
        self.ctx.undo.push(RenameEvent(self.ctx.db, self.ctx.changes, self.ctx.report, row.code, row.title, title,
                                       version=row.version))
        return True
