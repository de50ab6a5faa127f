"""The one background-worker helper: run a plain function off the GUI thread, always report.

A job is `fn(progress, token) -> result`. Every job ends with `settled()`, then
exactly one of `finished(result)` or `failed(exception)`, then `ended()`,
whatever happens inside it. Progress dialogs and the busy sign go on
`settled`, so none is left spinning, or on top of an error box that a failure
handler shows. Jobs run one at a time
on a single worker thread: SQLite likes one writer, and a later job sees what
an earlier one wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..core.errors import Cancelled
from ..core.progress import CancelToken, Progress

Job = Callable[[Progress, CancelToken], Any]


class Task(QObject):
    """One submitted job, living on the GUI thread; its public signals arrive there."""

    progressed = Signal(int, int, str)  # done, total (0: unknown), message
    finished = Signal(object)  # the job's result
    failed = Signal(object)  # the exception it raised (Cancelled when cancelled)
    settled = Signal()  # the job is over, before finished or failed: what only showed it was running goes
    ended = Signal()  # after finished or failed, always

    # Emitted from the worker thread; queued to this object's (GUI) thread.
    _progress_from_worker = Signal(int, int, str)

    def __init__(self, label: str, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.token = CancelToken()
        self.done = False
        # The job, and then its outcome, are held here and let go of on the GUI thread only (the worker may hold
        # this task last): a job's closure, its result or its exception's frames may hold the last reference to
        # a window, and a window freed in the worker thread crashes the app.
        self.job: Job | None = job
        self.outcome: tuple[Any, BaseException | None] | None = None
        self._progress_from_worker.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        """Ask the job to stop at its next check; it then fails with `Cancelled`."""
        self.token.cancel()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, message: str) -> None:
        if not self.done:
            self.progressed.emit(done, total, message)

    @Slot()
    def _on_done(self) -> None:
        assert self.outcome is not None
        (result, error), self.outcome, self.job = self.outcome, None, None
        self.done = True
        self.settled.emit()
        try:
            if error is None:
                self.finished.emit(result)
            else:
                self.failed.emit(error)
        finally:
            self.ended.emit()


def _outcome(task: Task, report: Progress) -> tuple[Any, BaseException | None]:
    """Run the task's job (worker thread): its result, or the exception it raised."""
    try:
        task.token.check()  # cancelled while queued: do not start
        assert task.job is not None
        return task.job(report, task.token), None
    except BaseException as exc:  # noqa: BLE001 - every failure must reach the GUI
        return None, exc


class _Runnable(QRunnable):
    def __init__(self, task: Task, runner: TaskRunner) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task = task
        self._runner = runner

    def run(self) -> None:  # worker thread: touch only the task's private signals and outcome
        task = self._task
        report: Progress = lambda done, total, message="": task._progress_from_worker.emit(done, total, message)
        task.outcome = _outcome(task, report)  # held by the task: this thread keeps no reference to it
        # through the runner, which outlives the pool: the GUI thread may delete the task before this emit returns
        self._runner._done_from_worker.emit(task)


class TaskRunner(QObject):
    """Runs jobs one at a time on a private single-thread pool and keeps them alive until they end."""

    busy_changed = Signal(bool)
    _done_from_worker = Signal(object)  # a task whose job is over, emitted from the worker thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._done_from_worker.connect(self._job_over, Qt.ConnectionType.QueuedConnection)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # serialise database writes
        self._tasks: set[Task] = set()

    def submit(self, label: str, job: Job) -> Task:
        """Queue `job`; connect to the returned task's signals before control returns to Qt."""
        task = Task(label, job, self)
        was_idle = not self._tasks
        self._tasks.add(task)
        task.settled.connect(lambda: self._settled(task))
        task.ended.connect(task.deleteLater)
        self._pool.start(_Runnable(task, self))
        if was_idle:
            self.busy_changed.emit(True)
        return task

    @Slot(object)
    def _job_over(self, task: Task) -> None:
        task._on_done()

    def _settled(self, task: Task) -> None:
        self._tasks.discard(task)
        if not self._tasks:
            self.busy_changed.emit(False)

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Cancel what is queued or running and wait for the thread; True if it stopped in time."""
        for task in list(self._tasks):
            task.cancel()
        return self._pool.waitForDone(timeout_ms)


def with_progress_dialog(parent: QWidget, task: Task, title: str) -> QProgressDialog:
    """A window-modal progress dialog whose Cancel cancels `task`; it closes itself when the task ends."""
    dialog = QProgressDialog(task.label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(f"{title} progress")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)  # quick jobs finish before any dialog flashes up
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(task.cancel)

    def on_progress(done: int, total: int, message: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        if message:
            dialog.setLabelText(message)

    def on_settled() -> None:
        dialog.canceled.disconnect(task.cancel)
        dialog.close()
        dialog.deleteLater()

    task.progressed.connect(on_progress)
    task.settled.connect(on_settled)  # before a failure's error box, which it must not cover
    return dialog


def is_cancelled(error: BaseException) -> bool:
    return isinstance(error, Cancelled)
