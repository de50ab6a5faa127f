"""The background worker always reports: result, failure (shown to the user) or cancellation."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QMessageBox

from iurc_desktop.core.errors import Cancelled, ValidationError
from iurc_desktop.ui.worker import TaskRunner


@pytest.fixture
def runner(qtbot):
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


@pytest.fixture
def boxes(monkeypatch):
    """Message boxes are recorded instead of waiting for a click."""
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    return shown


def test_success_reports_result_and_progress_on_gui_thread(runner, qtbot):
    main = threading.get_ident()
    seen_threads, progress = [], []

    def job(report, token):
        seen_threads.append(threading.get_ident())
        for i in range(3):
            report(i + 1, 3, f"step {i + 1}")
        return 42

    task = runner.submit("Counting", job)
    task.progressed.connect(lambda d, t, m: progress.append((d, t, m, threading.get_ident() == main)))
    with qtbot.waitSignal(task.finished, timeout=5000) as result:
        pass
    assert result.args == [42]
    assert seen_threads and seen_threads[0] != main  # ran off the GUI thread
    assert progress == [(1, 3, "step 1", True), (2, 3, "step 2", True), (3, 3, "step 3", True)]


def test_an_exception_in_the_job_is_reported_and_ends_the_task(runner, qtbot):
    task = runner.submit("Breaking", lambda report, token: 1 / 0)
    failures: list[BaseException] = []
    task.failed.connect(failures.append)
    with qtbot.waitSignals([task.failed, task.ended], timeout=5000, order="strict"):
        pass
    assert len(failures) == 1 and isinstance(failures[0], ZeroDivisionError)
    qtbot.waitUntil(lambda: not runner.busy)


def test_cancel_stops_the_job_which_fails_with_cancelled(runner, qtbot):
    started = threading.Event()
    steps = []

    def job(report, token):
        started.set()
        for i in range(1000):
            token.check()
            steps.append(i)
            threading.Event().wait(0.005)
        return "not cancelled"

    task = runner.submit("Long", job)
    assert started.wait(5)
    task.cancel()
    with qtbot.waitSignal(task.failed, timeout=5000) as failed:
        pass
    assert isinstance(failed.args[0], Cancelled)
    assert len(steps) < 1000


def test_jobs_run_one_at_a_time_in_order(runner, qtbot):
    """Writes are serialised: the second job starts only after the first ended."""
    log = []

    def job(name):
        def run(report, token):
            log.append(f"{name} start")
            threading.Event().wait(0.05)
            log.append(f"{name} end")
        return run

    first = runner.submit("one", job("a"))
    second = runner.submit("two", job("b"))
    with qtbot.waitSignals([first.finished, second.finished], timeout=5000):
        pass
    assert log == ["a start", "a end", "b start", "b end"]


def test_window_shows_a_failed_task_in_an_error_dialog(window, qtbot, boxes):
    def job(report, token):
        raise ValidationError("events[0].zone: Mars/Olympus is not a known time zone")

    task = window.run_task("Failing", job, on_success=lambda result: None)
    with qtbot.waitSignal(task.ended, timeout=5000):
        pass
    assert len(boxes) == 1
    assert "Mars/Olympus is not a known time zone" in boxes[0].text()
    assert boxes[0].icon() == QMessageBox.Icon.Warning


def test_a_cancelled_task_is_a_status_line_not_a_dialog(window, qtbot, boxes):
    def job(report, token):
        raise Cancelled()

    task = window.run_task("Cancelling", job, on_success=lambda result: None)
    with qtbot.waitSignal(task.ended, timeout=5000):
        pass
    assert boxes == []
    assert "nothing was changed" in window.statusBar().currentMessage()


def test_progress_dialog_cancel_button_cancels_the_task(window, qtbot):
    from iurc_desktop.ui.worker import with_progress_dialog

    release = threading.Event()

    def job(report, token):
        release.wait(5)
        token.check()
        return "done"

    task = window.tasks.submit("Waiting", job)
    dialog = with_progress_dialog(window, task, "Test")
    dialog.canceled.emit()  # what the Cancel button does
    release.set()
    with qtbot.waitSignal(task.failed, timeout=5000) as failed:
        pass
    assert isinstance(failed.args[0], Cancelled)
