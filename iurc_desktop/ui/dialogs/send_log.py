"""A send log: what was sent (or queued) to whom, when, and how it went, from the outbox."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ..models.outbox import send_log_columns
from ..models.table import RowsTableModel
from ..pages.list_page import fit_columns, make_table
from ..shell.context import Context

if TYPE_CHECKING:
    from ...app.outbox import OutboxRow


def log_heading(rows: Sequence[OutboxRow], whose: str) -> str:
    """'<b>Ane Etxeberria</b>: 2 messages, 1 sent' or '… no message yet'."""
    if not rows:
        return f"<b>{whose}</b>: no message sent or queued yet"
    sent = sum(1 for r in rows if r.state == "sent")
    return f"<b>{whose}</b>: {len(rows)} message{'s' if len(rows) != 1 else ''}, {sent} sent"


class SendLogDialog(QDialog):
    """The messages of one event (or of some of its participants), newest first, with their status."""

    def __init__(self, ctx: Context, code: str, whose: str, emails: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ...app import outbox
        from ...core.people.listing import normalise_email

        self.setWindowTitle(f"Messages: {whose}")
        self.setAccessibleName("Send log")
        wanted = {normalise_email(e) for e in emails}
        rows = [r for r in outbox.messages_for(ctx.db, event_code=code)
                if not wanted or normalise_email(r.to_address) in wanted]
        self.model = RowsTableModel(send_log_columns(ctx.viewer_zone, with_recipient=True), rows, parent=self)
        self.table = make_table("Send log table")
        self.table.setModel(self.model)
        self.heading = QLabel(log_heading(rows, whose))
        self.heading.setAccessibleName("Send log summary")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_columns(self.table, 2, 60)
        self.resize(980, 360)
