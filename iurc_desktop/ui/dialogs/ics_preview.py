"""What a calendar file contains, read back: entries with their times in their own zones, yours beside."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ...core import local_times
from .. import localtime
from ..models.table import Column, RowsTableModel
from ..pages.list_page import fit_columns, make_table

if TYPE_CHECKING:  # the calendar library loads when a calendar is first read, not with the event page
    from ...app.calendars import CalendarEntry


def _when(entry: CalendarEntry) -> str:
    if entry.all_day:
        nights = (entry.end.date() - entry.start.date()).days
        return "all day" + (f" ({nights} days)" if nights > 1 else "")
    return local_times.span(entry.start, entry.end)


def entry_columns(viewer_zone: str) -> tuple[Column, ...]:
    """An entry's day and time in its zone, then the same on the viewer's clock where it differs."""
    return (
        Column("Day", lambda e: local_times.short_day(e.start.date())),
        Column("Time", _when),
        Column("Title", "title"),
        Column("Your time", lambda e: "" if e.all_day else localtime.viewer_span(e.start, e.end, viewer_zone),
               tooltip=f"The same times on your clock ({viewer_zone})"),  # the caption names the zone too
        Column("Zone", lambda e: "" if e.all_day else local_times.zone_label(e.zone, e.start)),
        Column("Place", "place"),
        Column("Status", lambda e: "CANCELLED" if e.cancelled else ""),
    )


class IcsPreview(QWidget):
    """A table of a calendar file's entries, with a line saying what it is."""

    def __init__(self, viewer_zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.viewer_zone = viewer_zone
        self.caption = QLabel("Preview: choose what to export, then Preview or Save.")
        self.caption.setWordWrap(True)
        self.caption.setAccessibleName("Calendar preview caption")
        self.model = RowsTableModel(entry_columns(viewer_zone), parent=self)
        self.table = make_table("Calendar preview")
        self.table.setModel(self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)

    @property
    def entries(self) -> tuple[CalendarEntry, ...]:
        return tuple(self.model.row_at(r) for r in range(self.model.rowCount()))

    def show_bytes(self, data: bytes, what: str) -> None:
        """Show the entries of calendar `data` (raises ValidationError if it is not a calendar)."""
        from ...app.calendars import read_entries

        self.show_entries(read_entries(data, source=what), what, ics_method(data))

    def show_file(self, path: Path) -> None:
        """Read a saved file back and show it: what the recipient's calendar will see."""
        from ...app.calendars import read_ics_file

        data = Path(path).read_bytes()
        self.show_entries(read_ics_file(path), path.name, ics_method(data))

    def show_entries(self, entries: list[CalendarEntry], what: str, method: str) -> None:
        """Show entries already read from a calendar whose METHOD is `method` (read off the GUI thread when large)."""
        self.model.set_rows(sorted(entries, key=lambda e: (e.start, e.title)))
        word = "entry" if len(entries) == 1 else "entries"
        meaning = {"REQUEST": "an invitation", "CANCEL": "a cancellation", "PUBLISH": "a calendar to subscribe to or import"}
        zones = sorted({e.zone for e in entries if not e.all_day})
        where = f"All times in {zones[0]}" if len(zones) == 1 else "Times in each entry's zone"
        self.caption.setText(f"<b>{what}</b>: {len(entries)} {word}, {meaning.get(method, method or 'a calendar')}"
                             f" (METHOD:{method or '—'}). {where}, yours ({self.viewer_zone}) beside.")
        differs = any(not e.all_day and localtime.viewer_span(e.start, e.end, self.viewer_zone) for e in entries)
        self.table.setColumnHidden(3, not differs)
        self.table.setColumnHidden(4, len(zones) <= 1)  # one zone: the caption names it
        self.table.setColumnHidden(6, not any(e.cancelled for e in entries))
        fit_columns(self.table, 2, 40)


def ics_method(data: bytes) -> str:
    """A calendar's METHOD (REQUEST, CANCEL, PUBLISH), or "" when it says none."""
    for line in data.splitlines():
        if line.upper().startswith(b"METHOD:"):
            return line[7:].decode("ascii", "replace").strip().upper()
    return ""


class IcsPreviewDialog(QDialog):
    """A calendar file's preview in a window of its own (for files from elsewhere)."""

    def __init__(self, path: Path, viewer_zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Calendar file — {Path(path).name}")
        self.preview = IcsPreview(viewer_zone, self)
        self.preview.show_file(Path(path))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self.resize(900, 420)
