"""The Outbox page: every message the app queued, by state, with Retry, Cancel (undoable) and Send now.

Sending runs on the window's worker with a progress dialog whose Cancel stops
after the message in flight: what is left stays queued, nothing is sent twice
(the outbox marks each message before and after it goes, see app/outbox.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QStackedWidget, QTabBar, QVBoxLayout,
    QWidget,
)

from ...app.changes import Topic
from ...core.counts import counted
from ..commands.outbox import MoveMessages
from ..models.outbox import outbox_columns
from ..models.table import RowsTableModel
from ..shell.context import Context
from ..widgets.record_form import Relay
from ..worker import Task, is_cancelled, with_progress_dialog
from .list_page import fit_columns, make_table
from .record_actions import page_action, tool_bar

if TYPE_CHECKING:
    from ...app.outbox import OutboxRow, SendReport

# The tabs: a state (None: every message) and its title; the count follows the title.
STATES: tuple[tuple[str | None, str], ...] = (
    ("queued", "Queued"), ("sent", "Sent"), ("failed", "Failed"), ("review", "Review"), ("cancelled", "Cancelled"),
    (None, "All"),
)
# What the page says when a tab has no message, by state.
EMPTY = {
    "queued": "Nothing queued.\n\nMessages queued from an event's Exports tab (Send…) or its participants (Mail…) wait here"
              " until you press Send now.",
    "sent": "Nothing sent yet.",
    "failed": "No failed message.",
    "review": "Nothing to review.\n\nA message lands here when sending stopped while it was in flight:"
              " check whether it arrived, then Retry or Cancel it.",
    "cancelled": "No cancelled message.",
    None: "The outbox is empty.",
}
ALL_EVENTS = "All events"
RETRIABLE = frozenset({"failed", "review", "cancelled"})
CANCELLABLE = frozenset({"queued", "failed", "review"})
SUBJECT_COLUMN = 1
_ROWS = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows


class OutboxPage(QWidget):
    """The outbox by state: Retry, Cancel and Send now act on it; the tabs say how many messages each state holds."""

    status = Signal(str)
    sent = Signal(object)  # a send ended: its SendReport

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.counts: dict[str, int] = {}
        self.queued_everywhere = 0  # what Send now sends, whichever event is shown
        self.sending: Task | None = None
        self.tabs = QTabBar()
        self.tabs.setAccessibleName("Message state")
        self.tabs.setToolTip("Which messages are listed (Ctrl+PgDown / Ctrl+PgUp: the next / previous state)")
        for _state, title in STATES:
            self.tabs.addTab(title)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self.event_choice = QComboBox()
        self.event_choice.setAccessibleName("Event shown")
        self.event_choice.setToolTip("Only the messages about one event, or every event's")
        self.event_choice.addItem(ALL_EVENTS, None)
        self.event_choice.activated.connect(lambda _i: self.refresh())
        event_label = QLabel("Even&t:")
        event_label.setBuddy(self.event_choice)
        self.model = RowsTableModel(outbox_columns(ctx.viewer_zone), parent=self)
        self.table = make_table("Outbox messages")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.empty = QLabel()
        self.empty.setAccessibleName("Outbox empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty)
        self.summary = QLabel()
        self.summary.setAccessibleName("Outbox summary")
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.send_action = page_action(self, "Send &now", "send", "Ctrl+Return", self.send_now, context=within)
        self.retry_action = page_action(self, "&Retry", "refresh-cw", "Ctrl+R", self.retry, context=within)
        self.cancel_action = page_action(self, "&Cancel message", "x", QKeySequence.StandardKey.Delete, self.cancel,
                                         context=within)
        self.cancel_action.setToolTip("Take the selected messages out of the queue (Delete; Ctrl+Z puts them back)")
        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(within)
            shortcut.activated.connect(lambda step=step: self._step(step))
        top = tool_bar(self.send_action, self.retry_action, self.cancel_action)
        top.insertWidget(0, self.tabs)
        top.insertSpacing(1, 12)
        top.insertWidget(2, event_label)
        top.insertWidget(3, self.event_choice)
        top.insertSpacing(4, 12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.body, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        layout.addLayout(bottom)
        self.setTabOrder(self.tabs, self.event_choice)
        self.setTabOrder(self.event_choice, self.table)
        ctx.changes.changed.connect(self._on_changed)
        self._update_actions()

    # --- reading -----------------------------------------------------------------------
    @property
    def state(self) -> str | None:
        return STATES[self.tabs.currentIndex()][0]

    @property
    def event_code(self) -> str | None:
        return self.event_choice.currentData()

    def show_state(self, state: str | None, event_code: str | None = None) -> None:
        """List the messages in `state` (None: all) about `event_code` (None: every event's)."""
        self._offer_events(event_code)
        self.event_choice.setCurrentIndex(max(self.event_choice.findData(event_code), 0))
        index = next(i for i, (s, _t) in enumerate(STATES) if s == state)
        if index == self.tabs.currentIndex():
            self.refresh()
        self.tabs.setCurrentIndex(index)

    def _offer_events(self, also: str | None = None) -> None:
        """The events some message is about (and `also`), keeping the one chosen."""
        from ...app import outbox

        chosen = self.event_code
        codes = sorted(set(outbox.outbox_events(self.ctx.db)) | ({also} if also else set()) | ({chosen} if chosen else set()))
        self.event_choice.blockSignals(True)
        self.event_choice.clear()
        self.event_choice.addItem(ALL_EVENTS, None)
        for code in codes:
            self.event_choice.addItem(code, code)
        self.event_choice.setCurrentIndex(max(self.event_choice.findData(chosen), 0))
        self.event_choice.blockSignals(False)

    def _step(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def refresh(self) -> None:
        """Read the messages of the current state and every state's count (one read)."""
        from ...app import outbox

        try:
            self._offer_events()
            page = outbox.outbox(self.ctx.db, state=self.state, event_code=self.event_code)
        except Exception as exc:
            self.ctx.report(exc)
            return
        self.queued_everywhere = page.queued_everywhere
        keep = {row.id for row in self.selected_rows()}
        self.model.set_rows(page.rows)
        self.counts = dict(page.counts)
        for index, (state, title) in enumerate(STATES):
            self.tabs.setTabText(index, f"{title} ({self._count(state)})")
        self.empty.setText(EMPTY[self.state])
        self.body.setCurrentWidget(self.table if page.rows else self.empty)
        fit_columns(self.table, SUBJECT_COLUMN, 36)  # long subjects and errors are read whole in their tooltips
        for at, row in enumerate(page.rows):
            if row.id in keep:
                self.table.selectionModel().select(self.model.index(at, 0), _ROWS)
        self._show_summary()
        self._update_actions()

    def _count(self, state: str | None) -> int:
        return sum(self.counts.values()) if state is None else self.counts.get(state, 0)

    def _show_summary(self) -> None:
        queued, failed, review = (self.counts.get(s, 0) for s in ("queued", "failed", "review"))
        shown, listed = self.model.rowCount(), self._count(self.state)
        parts = [f"Showing the newest {shown:,} of {listed:,}"] if shown < listed else []
        parts.append(f"{queued} queued")
        if failed:
            parts.append(f"{failed} failed")
        if review:
            parts.append(f"{review} to review")
        elsewhere = self.queued_everywhere - queued
        send = (f" — Send now (Ctrl+Enter) sends the queued ones{f', and {elsewhere} of other events' if elsewhere else ''}."
                if self.queued_everywhere else "")
        self.summary.setText(" · ".join(parts) + send)

    def _on_changed(self, topic: Topic) -> None:
        if topic.concerns(Topic.OUTBOX, Topic.PEOPLE) and self.isVisible():
            self.refresh()

    # --- acting ------------------------------------------------------------------------
    def selected_rows(self) -> list[OutboxRow]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [r for r in (self.model.row_at(i) for i in rows) if r is not None]

    def select_ids(self, *ids: int) -> None:
        """Select the rows of these messages (for keyboard-free use and tests)."""
        self.table.clearSelection()
        for at in range(self.model.rowCount()):
            if self.model.row_at(at).id in ids:
                self.table.selectionModel().select(self.model.index(at, 0), _ROWS)

    def _update_actions(self) -> None:
        rows = self.selected_rows()
        self.retry_action.setEnabled(any(r.state in RETRIABLE for r in rows))
        self.cancel_action.setEnabled(any(r.state in CANCELLABLE for r in rows))
        self.send_action.setEnabled(self.sending is None and self.queued_everywhere > 0)

    def retry(self) -> None:
        """Queue the selected failed, to-review or cancelled messages again (undoable)."""
        ids = [r.id for r in self.selected_rows() if r.state in RETRIABLE]
        if ids and self._move(ids, "queued"):
            self.status.emit(f"Queued {counted(len(ids), 'message')} again: Send now sends"
                             f" {'it' if len(ids) == 1 else 'them'} (Ctrl+Z undoes)")

    def cancel(self) -> None:
        """Take the selected queued, failed or to-review messages out of the queue (undoable)."""
        ids = [r.id for r in self.selected_rows() if r.state in CANCELLABLE]
        if ids and self._move(ids, "cancelled"):
            self.status.emit(f"Cancelled {counted(len(ids), 'message')} (Ctrl+Z puts {'it' if len(ids) == 1 else 'them'} back)")

    def _move(self, ids: list[int], to: str) -> bool:
        """Push one undoable retry or cancel; False when it was refused (and reported)."""
        relay = Relay(self.ctx.report)  # a refused command is deleted by the stack: the relay says it failed
        self.ctx.undo.push(MoveMessages(self.ctx.db, self.ctx.changes, relay, ids, to))
        return not relay.failed

    def send_now(self) -> Task | None:
        """Send what is queued on the worker, with a progress dialog whose Cancel stops after the message in flight."""
        if self.sending is not None:
            return None
        task = start_sending(self.ctx, self, self._sent)
        if task is None:
            return None
        self.sending = task
        task.ended.connect(self._send_ended)
        self._update_actions()
        return task

    def _sent(self, report: SendReport) -> None:
        self.status.emit(report_text(report))
        self.sent.emit(report)

    def _send_ended(self) -> None:
        self.sending = None
        self.refresh()


def ask_password(parent: QWidget) -> str | None:
    """The mail server's password for this sending only (no keychain holds it); None when the user cancels."""
    text, given = QInputDialog.getText(parent, "Mail server password",
                                       "The password of your mail server account, for this sending only\n"
                                       "(no keychain on this computer keeps it, and the app never stores it):",
                                       QLineEdit.EchoMode.Password)
    return text if given and text else None


def start_sending(ctx: Context, parent: QWidget, done: Any, *, password: Any = ask_password,
                  only: Sequence[int] | None = None) -> Task | None:
    """Run `send_queued` (of the messages `only`, else every queued one) on the worker with a progress dialog whose
    Cancel stops after the message in flight; `done(report)` gets its SendReport. None when a needed password was
    not given (nothing sent)."""
    from ...app import outbox

    db = ctx.db
    typed = None
    try:
        if outbox.password_needed():
            typed = password(parent)
            if typed is None:
                return None
    except Exception as exc:
        ctx.report(exc)
        return None

    def job(progress, token):  # type: ignore[no-untyped-def]
        return outbox.send_queued(db, progress=progress, should_stop=lambda: token.cancelled, password=typed, only=only)

    task = ctx.tasks.submit("Sending the queued messages…", job)
    with_progress_dialog(parent, task, "Sending")
    task.finished.connect(done)
    task.failed.connect(lambda exc: None if is_cancelled(exc) else ctx.report(exc))  # cancelled before it began
    task.ended.connect(lambda: ctx.changes.notify(Topic.OUTBOX))
    return task


def report_text(report: SendReport) -> str:
    """What a send did, in a line: 'Sent 48; 1 failed (see the Failed tab). The connection … was lost. 1 message stays
    queued; send again to deliver them.'"""
    parts = [f"Sent {report.sent}"]
    if report.failed:
        parts.append(f"{report.failed} failed (see the Failed tab)")
    if report.left_queued and not report.stopped:  # a stop says itself how many stay queued
        parts.append(f"{report.left_queued} left queued")
    if report.review:
        parts.append(f"{report.review} to review (see the Review tab)")
    text = "; ".join(parts)
    return f"{text}. {report.stopped}" if report.stopped else text
