"""Start-up: a bad database is one clear message (exit 1); an empty one is offered the demo."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMessageBox

from iurc_desktop.core.models import Event
from iurc_desktop.ui import operations
from iurc_desktop.ui.shell import app


def test_run_with_unusable_database_shows_message_and_returns_1(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    url = f"sqlite:///{tmp_path / 'missing-folder' / 'x.db'}"
    assert app.run(url) == 1
    assert len(shown) == 1 and "does not exist" in shown[0]


def test_demo_offer_answered_yes_loads_on_the_worker_and_events_appear(qtbot, db, monkeypatch):
    """The question is asked on an empty database; Yes runs the load off the GUI thread, then the list shows it."""
    from iurc_desktop.ui.shell.main_window import MainWindow

    def fake_demo_job(database):
        def job(progress, token):
            with database.transaction() as s:
                s.add(Event(code="demo-event", kind="webinar", title="Demo", zone="Europe/Brussels",
                            start_date=date(2026, 1, 1), end_date=date(2026, 1, 1)))
            return None
        return job

    monkeypatch.setattr(operations, "load_demo_job", fake_demo_job)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    win = MainWindow(db, viewer_zone="UTC")
    qtbot.addWidget(win)
    assert win.events_page.model.rowCount() == 0
    task = win.offer_demo_if_empty()
    assert task is not None
    with qtbot.waitSignal(task.ended, timeout=10000):
        pass
    assert win.events_page.model.rowCount() == 1
    assert win.events_page.model.row_at(0).code == "demo-event"
    win.tasks.shutdown()


def test_loading_a_file_with_existing_codes_asks_then_replaces(window, qtbot, tmp_path, monkeypatch):
    """A Conflict from the loader becomes a question; Yes loads again with replace=True."""
    from iurc_desktop.core.errors import Conflict

    calls = []

    def fake_job(database, path, *, replace=False):
        def job(progress, token):
            calls.append(replace)
            if not replace:
                raise Conflict("The event r2r-test already exists.")
            return None
        return job

    asked = []
    monkeypatch.setattr(operations, "load_programme_job", fake_job)
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text: asked.append(text) or QMessageBox.StandardButton.Yes)
    window.load_programme_file(tmp_path / "programme.json")
    qtbot.waitUntil(lambda: calls == [False, True] and not window.tasks.busy, timeout=10000)
    assert "already exists" in asked[0] and "programme.json" in asked[0]


def test_the_demo_offer_waits_until_the_start_pages_data_has_been_painted(qtbot, tmp_path, monkeypatch):
    """Its count (and the modules it needs) ran before that paint and held the start page's data back."""
    from iurc_desktop.ui.shell.main_window import MainWindow

    seen: list[str] = []

    class PaintSpy(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and seen and seen[-1] == "data shown":
                seen.append("painted")
            return False

    spy = PaintSpy()
    QApplication.instance().installEventFilter(spy)
    monkeypatch.setattr(MainWindow, "offer_demo_if_empty", lambda self: seen.append("offer"))
    window = app.start(f"sqlite:///{tmp_path / 'new.db'}")
    qtbot.addWidget(window)
    window.data_shown.connect(lambda: seen.append("data shown"))
    try:
        qtbot.waitUntil(lambda: "offer" in seen, timeout=10000)
    finally:
        QApplication.instance().removeEventFilter(spy)
        window.tasks.shutdown()
    assert seen == ["data shown", "painted", "offer"]
