"""The participants table of an event: status, role, group, waitlist place and needs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ...core import local_times
from .table import Column, Index, RowsTableModel

if TYPE_CHECKING:
    from ...app.registrations import RegistrationRow


def label(value: str) -> str:
    """'no_show' -> 'No show': vocabulary words as people read them."""
    return value.replace("_", " ").capitalize() if value else ""


def visa_text(row: RegistrationRow) -> str:
    """The visa's state ("letter sent", "granted", ...); blank when none is needed."""
    if not row.visa_needed:
        return ""
    return row.visa_status or "needed"


# A dot beside the status tells the pipeline apart at a glance; the text says it anyway.
STATUS_COLOURS = {
    "invited": "#8a8f98", "registered": "#3b82c4", "confirmed": "#2e9d57", "waitlisted": "#d08a1e",
    "declined": "#b0473f", "cancelled": "#b0473f", "attended": "#1f7a44", "no_show": "#7d4fa8",
}

COLUMNS = (
    Column("Name", "name"),
    Column("Own script", "local_name", tooltip="name in the person's own script"),
    Column("E-mail", "email"),
    Column("Organisation", "organisation"),
    Column("Country", "country"),
    Column("Role", "role", fmt=lambda v: label(str(v))),
    Column("Status", "status", fmt=lambda v: label(str(v))),
    Column("Waitlist", "waitlist_position", numeric=True, tooltip="place on the waitlist (1 is promoted first)"),
    Column("Group", "group"),
    Column("Dietary", "dietary"),
    Column("Access", "accessibility", tooltip="accessibility needs"),
    Column("Visa", visa_text, tooltip="whether this trip needs a visa, and where the application stands"),
    Column("Passport until", "passport_expiry", fmt=lambda v: local_times.calendar_date(v) if v else ""),  # type: ignore[arg-type]
)
STATUS_COLUMN = 6
WAITLIST_COLUMN = 7
NEEDS_COLUMNS = (9, 10, 11)
OPTIONAL_COLUMNS = (1, WAITLIST_COLUMN, 9, 10, 11, 12)  # own script, waitlist and needs
ORGANISATION_COLUMN = 3


class ParticipantsModel(RowsTableModel):
    """Registration rows of one event, already filtered by the service; a coloured dot marks the status."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent=parent)

    def _data(self, index: Index, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and index.isValid() and index.column() == STATUS_COLUMN:
            row = self.row_at(index.row())
            return QColor(STATUS_COLOURS.get(row.status, "#888888")) if row is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() in NEEDS_COLUMNS:
            row = self.row_at(index.row())
            return (COLUMNS[index.column()].text(row) or None) if row is not None else None  # narrow columns: full text here
        return super()._data(index, role)

    def rows(self) -> tuple[RegistrationRow, ...]:
        return self._rows

    def row_of(self, participation_id: int) -> int:
        """The table row of a participation, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.participation_id == participation_id), -1)
