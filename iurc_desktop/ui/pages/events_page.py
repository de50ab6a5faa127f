"""The Events page: every event, searchable and sortable; F2 on a title renames it (undoably)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...app.changes import Topic
from ...app.events import EventRow, count_events, list_events
from ...core import local_times
from ...core.vocab import EVENT_KINDS
from ..commands.events import RenameEvent
from ..models.table import Column
from ..shell.context import Context
from ..widgets.event_card import kind_icon
from .list_page import ListPage


def kind_label(kind: object) -> str:
    """'study_visit' → 'study visit'."""
    return str(kind).replace("_", " ")


def capacity_label(row: EventRow) -> str:
    return f"{row.confirmed} / {row.capacity}" if row.capacity else str(row.confirmed)


class EventsPage(ListPage):
    title = "Events"
    noun = ("event", "events")
    topics = (Topic.EVENTS, Topic.PARTICIPANTS)
    stretch = 2
    wide = (2,)  # the title; codes are short and kept whole
    max_chars = 60

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        columns = (
            Column("Code", "code", "code"),
            Column("Kind", "kind", "kind", fmt=kind_label, tooltip=", ".join(kind_label(k) for k in EVENT_KINDS), decoration=lambda r: kind_icon(r.kind)),
            Column("Title", "title", "title", tooltip="F2 to rename", edit=self._rename),
            Column("Dates", lambda r: local_times.date_range(r.start, r.end), "start", tooltip="local dates in the event's zone"),
            Column("Zone", "zone", "zone"),
            Column("People", "participants", "participants", numeric=True, tooltip="participants of every status"),
            Column("Confirmed", capacity_label, "confirmed", numeric=True, tooltip="confirmed / capacity"),
            Column("Items", "items", "items", numeric=True),
            Column("Status", "status", "status"),
        )
        super().__init__(ctx, list_events, count_events, columns, default_sort="start", parent=parent)

    def _rename(self, row: EventRow, title: str) -> bool:
        self.ctx.undo.push(RenameEvent(self.ctx.db, self.ctx.changes, self.ctx.report, row.code, row.title, title,
                                       version=row.version))
        return True
