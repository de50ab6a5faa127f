"""The home page's "Reminders due": what came due while the app was closed (or cannot go: no sender address).

Queue now queues them (one transaction, on the worker); those whose start has
passed meanwhile are listed as missed, never sent late. The list shows the
first SHOWN rows and says how many more.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core import local_times, timeutil
from ...core.counts import counted
from ...core.errors import Cancelled
from ..icons import icon
from ..models.table import Column, RowsTableModel
from ..shell.context import Context
from .list_page import ProportionalColumns, make_table

if TYPE_CHECKING:
    from ...app.changes import Outcome
    from ...app.reminders import DueRow
    from ..worker import Task

SHOWN = 200  # the reminders listed; the title says how many more there are
MISSED_NAMED = 5  # the missed reminders named after Queue now


def due_columns() -> tuple[Column, ...]:
    return (
        Column("Event", "event_code"),
        Column("Template", "template"),
        Column("To", "person_name"),
        Column("About", lambda r: r.item_title or "the event"),
        Column("Due (their time)", lambda r: local_times.moment_at(r.due_utc, r.zone),
               tooltip="On the recipient's own clock"),
    )


class DueReminders(QWidget):
    """Reminders due and not queued: listed, with Queue now; hidden when there are none. `now` is the clock."""

    shown = Signal()  # a reading arrived and is shown

    def __init__(self, ctx: Context, status: Callable[[str], Any], now: Callable[[], datetime] = timeutil.utc_now,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.say, self.now = ctx, status, now
        self.setAccessibleName("Reminders due")
        self.title = QLabel("<b>Reminders due</b>")
        self.title.setAccessibleName("Reminders due title")
        self.no_sender = QLabel("They cannot be queued: the mail settings have no sender address.")
        self.settings_button = QPushButton(icon("settings"), "Mail server &settings…")
        self.settings_button.setToolTip("Settings ▸ Mail server: the sender address reminders go out from")
        self.settings_button.clicked.connect(self.open_mail_settings)
        self.queue_button = QPushButton(icon("send"), "&Queue now")
        self.queue_button.setToolTip("Put them in the outbox now; those whose start passed are listed as missed, not sent")
        self.queue_button.clicked.connect(self.queue_now)
        self.model = RowsTableModel(due_columns(), parent=self)
        self.table = make_table("Reminders due list")
        self.table.setTabKeyNavigation(False)
        self.table.setModel(self.model)
        self.columns = ProportionalColumns(self.table, (2, 3), 40)  # whom and what about
        self.missed = QLabel()
        self.missed.setAccessibleName("Missed reminders")
        self.missed.setWordWrap(True)
        self.missed.setVisible(False)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.queue_button)
        why = QHBoxLayout()
        why.addWidget(self.no_sender)
        why.addWidget(self.settings_button)
        why.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(head)
        layout.addLayout(why)
        layout.addWidget(self.table)
        layout.addWidget(self.missed)
        self._reading = 0  # the latest reading: an older one arriving late is dropped
        self.setVisible(False)

    def refresh(self) -> Task:
        """Read the reminders due now again on the worker (over every event: it may be long); shown when they arrive."""
        from ...app import outbox, reminders

        self._reading += 1
        db, now, reading = self.ctx.db, self.now(), self._reading
        task = self.ctx.tasks.submit("Reading the reminders due", lambda _progress, _token: (
            reminders.due_reminders(db, now), bool(outbox.load_settings().from_address)))
        task.finished.connect(lambda found: self._show(*found, reading))
        task.failed.connect(lambda exc: self._failed(exc) if reading == self._reading else None)
        return task

    def _show(self, found: list[DueRow], sender: bool, reading: int) -> None:
        """The section shows only when some are due (or some were just missed)."""
        if reading != self._reading:
            return  # read again since
        self.model.set_rows(found[:SHOWN])
        more = f"; the first {SHOWN} listed, {len(found) - SHOWN} more" if len(found) > SHOWN else ""
        self.title.setText(f"<b>Reminders due</b> ({len(found)}{more})")
        self.table.setVisible(bool(found))
        rows = min(len(found), 6)  # a few lines; the rest scroll
        self.table.setFixedHeight(self.table.horizontalHeader().height() + rows * self.table.verticalHeader().defaultSectionSize() + 4)
        self.columns.measure()
        self.no_sender.setVisible(bool(found) and not sender)
        self.settings_button.setVisible(bool(found) and not sender)
        self.queue_button.setVisible(bool(found))
        self.queue_button.setEnabled(sender)
        self.setVisible(bool(found) or self.missed.isVisibleTo(self))
        self.shown.emit()

    def queue_now(self) -> None:
        """Queue the due reminders on the worker; the status bar says how many, the missed ones are named here."""
        from ..operations import queue_due_reminders_job

        self.queue_button.setEnabled(False)
        task = self.ctx.tasks.submit("Queueing due reminders", queue_due_reminders_job(self.ctx.db, self.now()))
        task.finished.connect(self._queued)
        task.failed.connect(self._failed)

    def _queued(self, outcome: Outcome[Any] | None) -> None:
        if outcome is None:  # the sender address went meanwhile
            self.refresh()
            return
        done = outcome.value
        self._show_missed(done.missed)
        said = f"Queued {counted(done.queued, 'reminder')} (Outbox)"
        if done.missed:
            said += f"; {counted(len(done.missed), 'reminder')} missed (the start passed), not sent"
        self.ctx.changes.notify_all(outcome.changed)  # the Outbox page, and this page, read again
        self.say("; ".join([said, *done.problems]) + ".")  # after the page's own refresh, which says its counts

    def _failed(self, exc: BaseException) -> None:
        self.queue_button.setEnabled(True)
        if not isinstance(exc, Cancelled):
            self.ctx.report(exc)

    def _show_missed(self, missed: tuple[DueRow, ...]) -> None:
        named = "; ".join(f"{r.person_name}: {r.template} about {r.item_title or r.event_code}"
                          for r in missed[:MISSED_NAMED])
        more = f" and {len(missed) - MISSED_NAMED} more" if len(missed) > MISSED_NAMED else ""
        self.missed.setText(f"Missed, not sent (their start passed): {named}{more}." if missed else "")
        self.missed.setVisible(bool(missed))

    def open_mail_settings(self) -> None:
        """Settings ▸ Mail server, where the sender address is set; this list is read again when it closes."""
        from ..shell.file_actions import open_settings

        window = self.window()
        if hasattr(window, "update_settings"):  # the main window (a page shown alone has no settings to open)
            dialog = open_settings(window, on_open=lambda d: d.tabs.setCurrentWidget(d.mail))  # type: ignore[arg-type]
            dialog.finished.connect(lambda _result: self.refresh())

