"""A participant's status history: when, by whom, from which status to which, and why."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ...app.people import status_history
from ...core import local_times, timeutil
from ..models.participants import label
from ..models.table import Column, RowsTableModel
from ..pages.list_page import fit_columns, make_table
from ..shell.context import Context


def local(at: datetime, zone: str) -> str:
    return local_times.stamp(timeutil.to_local(at, zone))


def history_columns(zone: str, viewer_zone: str) -> tuple[Column, ...]:
    """The change's time in the event's zone, and on the viewer's clock when that differs."""
    columns = [Column(f"When ({zone})", lambda h: local(h.at_utc, zone))]
    if viewer_zone != zone:
        columns.append(Column(f"Your time ({viewer_zone})", lambda h: local(h.at_utc, viewer_zone)))
    return (*columns,
            Column("By", "by"),
            Column("From", "from_status", fmt=lambda v: label(str(v)) or "—"),
            Column("To", "to_status", fmt=lambda v: label(str(v))),
            Column("Reason", "reason"))


class HistoryDialog(QDialog):
    """Lists every recorded status change of one participation, oldest first."""

    def __init__(self, ctx: Context, participation_id: int, name: str, zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"History of {name}")
        self.setAccessibleName("Participant history")
        entries = status_history(ctx.db, participation_id)
        self.model = RowsTableModel(history_columns(zone, ctx.viewer_zone), entries, parent=self)
        self.table = make_table("History table")
        self.table.setModel(self.model)
        heading = QLabel(f"<b>{name}</b>: {len(entries)} status change{'s' if len(entries) != 1 else ''}")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_columns(self.table, self.model.columnCount() - 1, 60)
        self.resize(860, 320)
