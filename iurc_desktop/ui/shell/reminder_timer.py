"""While the app is open, reminders are queued as they come due: once shortly after start, then every minute.

Each run is one job on the window's worker (never two at once); it is skipped,
without a word, while the mail settings have no sender address: the home page
says so instead, with the way to Settings.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from ...core import timeutil
from ...core.counts import counted
from ...core.errors import Cancelled, IurcError

if TYPE_CHECKING:
    from ...app.changes import Outcome
    from ..worker import Task
    from .shell import Shell

INTERVAL_MS = 60_000  # how often due reminders are looked for
FIRST_AFTER_MS = 5_000  # the first look, once the window has shown its data
MORE_AFTER_MS = 1_000  # a full batch (app.reminders) leaves more due: the next one goes this soon, not in a minute


class ReminderTimer(QObject):
    """Queues due reminders on the window's worker; `now` is the clock (tests pass a fake one)."""

    def __init__(self, window: Shell, now: Callable[[], datetime] = timeutil.utc_now) -> None:
        super().__init__(window)  # type: ignore[arg-type]
        self.window, self.now = window, now
        self.running: Task | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.tick)
        self.soon = QTimer(self)  # one run before the minute is up: the first after start, the next after a full batch
        self.soon.setSingleShot(True)
        self.soon.timeout.connect(self.tick)

    def start(self) -> None:
        self.timer.start()
        self.soon.start(FIRST_AFTER_MS)

    def tick(self) -> Task | None:
        """Queue what is due now on the worker; None when a run is still going, the window was closed, or there is
        nothing to send from."""
        from ...app import outbox
        from ..operations import queue_due_reminders_job

        db = self.window.db
        if db is None or self.running is not None or not self.window.isVisible():  # a closed window queues nothing
            return None
        if not outbox.load_settings().from_address:
            return None
        task = self.window.tasks.submit("Queueing due reminders", queue_due_reminders_job(db, self.now()))
        self.running = task
        task.finished.connect(self._done)
        task.failed.connect(self._failed)
        task.ended.connect(self._ended)
        return task

    def _ended(self) -> None:
        self.running = None

    def _done(self, outcome: Outcome[Any] | None) -> None:
        if outcome is None:
            return
        done = outcome.value
        said = [f"Queued {counted(done.queued, 'reminder')} (Outbox)"] if done.queued else []
        if done.missed:
            said.append(f"{counted(len(done.missed), 'reminder')} missed (the start passed): not sent")
        said.extend(done.problems)
        if done.queued or done.missed:
            self.window.changes.notify_all(outcome.changed)
        if said:
            self.window.show_status("; ".join(said) + ".")
        if done.more:
            self.soon.start(MORE_AFTER_MS)

    def _failed(self, exc: BaseException) -> None:
        """A failed run (the database busy, say) is said in the status bar, never a box each minute; the next retries."""
        if isinstance(exc, IurcError) and not isinstance(exc, Cancelled):
            self.window.show_status(f"Reminders were not queued this time: {exc}")
        elif not isinstance(exc, Cancelled):
            self.window.report(exc)
