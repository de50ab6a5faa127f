"""An event's detail: header facts, its items in local time (viewer's time beside), its participants."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout, QHBoxLayout, QLabel, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from ...core.events import EventDetail, ItemView, ParticipantView, get_event
from .. import localtime
from ..context import Context
from ..table_model import Column, RowsTableModel
from .events_page import kind_label
from .list_page import fit_columns, make_table


def item_columns(viewer_zone: str) -> tuple[Column, ...]:
    """Items in their own zone, then the same span on the viewer's clock where it differs."""
    return (
        Column("Day", lambda i: localtime.short_day(i.start.date())),
        Column("Time", lambda i: localtime.span(i.start, i.end)),
        Column("Zone", lambda i: localtime.zone_label(i.zone, i.start)),
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


class EventPage(QWidget):
    """Shows one event; `show_event(code)` loads it (raising NotFound for an unknown code)."""

    back_requested = Signal()
    status = Signal(str)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.code: str | None = None
        self.detail: EventDetail | None = None

        self.back = QPushButton("← Events")
        self.back.setAccessibleName("Back to events")
        self.back.setToolTip("Back to the events list (Alt+Left)")
        self.back.clicked.connect(self.back_requested)
        self.heading = QLabel()
        self.heading.setAccessibleName("Event title")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.facts = QFormLayout()
        self.facts.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.facts.setHorizontalSpacing(12)
        self._fact_labels: dict[str, QLabel] = {}
        for name in ("Code", "Kind", "Dates", "Zone", "Capacity", "Organiser", "Groups"):
            label = QLabel()
            label.setAccessibleName(name)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._fact_labels[name] = label
            self.facts.addRow(f"{name}:", label)

        self.items_model = RowsTableModel(item_columns(ctx.viewer_zone), parent=self)
        self.items_table = make_table("Items table")
        self.items_table.setModel(self.items_model)
        self.participants_model = RowsTableModel(PARTICIPANT_COLUMNS, parent=self)
        self.participants_table = make_table("Participants table")
        self.participants_table.setModel(self.participants_model)

        top = QHBoxLayout()
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(12)
        head = QVBoxLayout()
        head.addWidget(self.heading)
        head.addLayout(self.facts)
        top.addLayout(head, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(_titled("Items", self.items_table))
        splitter.addWidget(_titled("Participants", self.participants_table))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        ctx.changes.changed.connect(self._on_changed)

    def show_event(self, code: str) -> None:
        """Load and show the event `code`; raises the service's NotFound if there is none."""
        with self.ctx.db.reading() as session:
            detail = get_event(session, code)
        self.code, self.detail = code, detail
        self._fill(detail)

    def _fill(self, detail: EventDetail) -> None:
        row = detail.row
        self.heading.setText(row.title)
        dates = localtime.day(row.start) if row.start == row.end else f"{localtime.day(row.start)} – {localtime.day(row.end)}"
        days = (row.end - row.start).days + 1
        dates += f"  ({days} days)" if days > 1 else ""
        capacity = f"{row.confirmed} confirmed of {row.capacity} places" if row.capacity else f"{row.confirmed} confirmed (no limit)"
        organiser = " ".join(x for x in (detail.organiser_name, f"<{detail.organiser_email}>" if detail.organiser_email else "") if x)
        values = {
            "Code": row.code,
            "Kind": kind_label(row.kind) + (f" · {row.theme}" if row.theme else "") + f" · {row.status}",
            "Dates": dates,
            "Zone": row.zone + ("" if row.zone == self.ctx.viewer_zone else f"   (your zone: {self.ctx.viewer_zone})"),
            "Capacity": f"{capacity}; {row.participants} participants in all",
            "Organiser": organiser or "—",
            "Groups": ", ".join(detail.group_names) or "—",
        }
        for name, text in values.items():
            self._fact_labels[name].setText(text)
        self.items_model.set_rows(detail.items)
        self.participants_model.set_rows(detail.participants)
        differs = any(localtime.viewer_span(i.start, i.end, self.ctx.viewer_zone) for i in detail.items)
        self.items_table.setColumnHidden(3, not differs)  # nothing to show beside the local times
        fit_columns(self.items_table, 4, 36)  # the title takes the spare width
        fit_columns(self.participants_table, 3, 40)  # the organisation
        self.status.emit(f"{row.code}: {len(detail.items)} items, {len(detail.participants)} participants")

    def item_rows(self) -> tuple[ItemView, ...]:
        return self.detail.items if self.detail else ()

    def participant_rows(self) -> tuple[ParticipantView, ...]:
        return self.detail.participants if self.detail else ()

    def _on_changed(self, topic: str) -> None:
        if self.code and topic in ("events", "items", "participants", "people", "*"):
            try:
                self.show_event(self.code)
            except Exception as exc:  # e.g. the event was deleted meanwhile
                self.ctx.report(exc)


def _titled(title: str, table: QTableView) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 6, 0, 0)
    label = QLabel(f"<b>{title}</b>")
    label.setBuddy(table)
    layout.addWidget(label)
    layout.addWidget(table, 1)
    return box
