"""Desktop conventions: dropped files, recent databases, the layout remembered, a backup when the window closes."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from sqlalchemy import select

from iurc_desktop.core.db import open_database
from iurc_desktop.core.models import Event, Item

from .conftest import VIEWER_ZONE


@pytest.fixture(autouse=True)
def config_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def errors(monkeypatch):
    shown: list[BaseException] = []
    monkeypatch.setattr("iurc_desktop.ui.shell.main_window.show_error", lambda parent, exc: shown.append(exc))
    return shown


def drop(window, *paths: Path) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    if enter.isAccepted():
        window.dropEvent(event)
    return event


PROGRAMME = {
    "format": "iurc-programme/1",
    "organisations": [], "people": [],
    "events": [{"code": "dropped-2027", "kind": "webinar", "title": "Dropped webinar", "zone": "Europe/Brussels",
                "start": "2027-02-04", "end": "2027-02-04", "items": [], "participants": []}],
}


def test_dropping_a_programme_file_loads_it_on_the_worker(window, qtbot, tmp_path, errors):
    path = tmp_path / "programme.json"
    path.write_text(json.dumps(PROGRAMME), encoding="utf-8")
    event = drop(window, path)
    assert event.isAccepted()
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10000)
    with window.db.reading() as s:
        assert s.scalar(select(Event.title).where(Event.code == "dropped-2027")) == "Dropped webinar"
    assert errors == [] and "dropped-2027" in window.statusBar().currentMessage()


def test_a_dropped_calendar_goes_into_the_open_event_and_other_files_are_refused(window, qtbot, tmp_path, errors):
    ics = tmp_path / "call.ics"
    ics.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:call-1@example.eu\r\n"
                   "DTSTAMP:20260101T000000Z\r\nDTSTART:20260326T130000Z\r\nDTEND:20260326T140000Z\r\nSUMMARY:Follow-up call\r\n"
                   "END:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    window.show_page("people")
    drop(window, ics)
    assert errors and "Open the event" in str(errors[0])
    window.open_event("webinar-test")
    drop(window, ics)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10000)
    with window.db.reading() as s:
        assert "Follow-up call" in s.scalars(select(Item.title)).all()
    assert "1 added" in window.statusBar().currentMessage()
    note = tmp_path / "notes.docx"
    note.write_text("x")
    assert not drop(window, note).isAccepted()


def test_recent_databases_menu_lists_opened_ones_and_reopens(qtbot, sample_db, tmp_path, monkeypatch):
    from iurc_desktop.ui.shell.main_window import MainWindow
    from iurc_desktop.ui.shell.menus import fill_recent

    monkeypatch.setattr("iurc_desktop.ui.shell.main_window.MainWindow.offer_demo_if_empty", lambda self: None)
    win = MainWindow(sample_db, viewer_zone=VIEWER_ZONE)
    qtbot.addWidget(win)
    other = f"sqlite:///{tmp_path / 'other.db'}"
    win.open_database_url(other)
    fill_recent(win)
    actions = [a for a in win.recent_menu.actions()]
    assert [a.data() for a in actions] == [other, sample_db.url]
    assert actions[0].isChecked() and actions[0].text().startswith("&1 ")
    actions[1].trigger()
    assert win.db.url == sample_db.url and win.windowTitle() == "test.db — IURC Desktop"
    win.tasks.shutdown()


def test_geometry_is_restored_and_closing_writes_a_rotating_backup(qtbot, sample_db, tmp_path):
    from iurc_desktop.ui.shell.main_window import MainWindow
    from iurc_desktop.ui.shell.settings import load_settings, save_settings

    save_settings(replace(load_settings(), backup_folder=str(tmp_path / "backups")))
    win = MainWindow(sample_db, viewer_zone=VIEWER_ZONE)
    qtbot.addWidget(win)
    win.show()
    win.resize(900, 620)
    win.close()
    backups = list((tmp_path / "backups").glob("iurc-auto-*.db"))
    assert len(backups) == 1
    copy = open_database(f"sqlite:///{backups[0]}", migrate=False)
    with copy.reading() as s:
        assert set(s.scalars(select(Event.code))) == {"r2r-test", "webinar-test"}
    copy.dispose()

    again = MainWindow(sample_db, viewer_zone=VIEWER_ZONE)
    qtbot.addWidget(again)
    assert again.settings.geometry
    # A new window is 1280×800; the remembered 900×620 comes back, clamped to the offscreen 800-pixel-wide screen.
    assert again.height() == 620 and again.width() < 1280
    again.tasks.shutdown()


def test_every_menu_action_has_a_name_and_main_ones_a_shortcut(window):
    acts = window.menu_actions
    for name in ("open", "load", "import", "settings", "quit", "find", "search", "invite", "duplicate", "mail"):
        assert not acts[name].shortcut().isEmpty(), name
    assert acts["search"].shortcut().toString() == "Ctrl+K" and acts["settings"].shortcut().toString() == "Ctrl+,"
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "E&vent", "Vie&w", "&Help"]
    assert acts["page:home"].text() == "&Home"


def test_import_without_the_wizard_says_what_to_do_instead(window, errors, monkeypatch):
    import importlib

    from iurc_desktop.ui.shell import file_actions

    real = importlib.import_module

    def missing(name, *a):
        if name == file_actions.WIZARD_MODULE:
            raise ModuleNotFoundError(name)
        return real(name, *a)

    monkeypatch.setattr(importlib, "import_module", missing)
    assert file_actions.open_import(window, Path("people.xlsx")) is None
    assert "iurc-desktop import people.xlsx --event CODE" in str(errors[0])


def test_offscreen_size_hint_noise_is_dropped_and_real_warnings_are_not():
    """Screenshots print no 'propagateSizeHints' line per run, yet a real Qt warning still reaches stderr."""
    import subprocess
    import sys

    code = (
        "from iurc_desktop.ui.shell.app import application\n"
        "from PySide6.QtCore import qWarning\n"
        "from PySide6.QtWidgets import QMainWindow\n"
        "app = application()\n"
        "w = QMainWindow(); w.show(); app.processEvents()\n"
        "qWarning('a real warning')\n"
    )
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert "propagateSizeHints" not in done.stderr
    assert "a real warning" in done.stderr


def test_a_dropped_calendar_that_is_cut_short_or_outside_the_event_is_refused_in_words(window, qtbot, tmp_path, errors):
    def items() -> list[str]:
        with window.db.reading() as s:
            return sorted(s.scalars(select(Item.key)).all())

    before = items()
    window.open_event("webinar-test")  # runs on 26 March 2026 only
    cut = tmp_path / "truncated.ics"  # the try-out's file: no END lines, a start that is no date
    cut.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x1\nSUMMARY:Broken\nDTSTART;TZID=Europe/Brussels:2027032X\n",
                   encoding="utf-8")
    drop(window, cut)
    qtbot.waitUntil(lambda: not window.tasks.busy and bool(errors), timeout=10000)
    assert "truncated.ics is cut short or damaged: it never ends the VEVENT begun on line 3" in str(errors[0])
    later = tmp_path / "later.ics"
    later.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:late-1@example.eu\r\n"
                     "DTSTAMP:20260101T000000Z\r\nDTSTART:20260327T130000Z\r\nDTEND:20260327T140000Z\r\nSUMMARY:Day-after call\r\n"
                     "END:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    drop(window, later)
    qtbot.waitUntil(lambda: not window.tasks.busy and len(errors) == 2, timeout=10000)
    assert "1 entry of the calendar falls outside the dates of webinar-test (2026-03-26)" in str(errors[1])
    assert "Day-after call (2026-03-27 14:00 Europe/Brussels): start: 2026-03-27 is after the event's last day" in str(errors[1])
    assert "added" not in window.statusBar().currentMessage() and items() == before


def test_file_import_calendar_imports_into_the_open_event_and_says_to_open_one_first(window, qtbot, tmp_path, errors,
                                                                                     monkeypatch):
    """The window's way to a calendar file, not only a drop (Import people… takes tables and says where .ics goes)."""
    from PySide6.QtWidgets import QFileDialog

    ics = tmp_path / "call.ics"
    ics.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:menu-1@example.eu\r\n"
                   "DTSTAMP:20260101T000000Z\r\nDTSTART:20260326T150000Z\r\nDTEND:20260326T160000Z\r\nSUMMARY:Menu call\r\n"
                   "END:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(ics), "Calendar files (*.ics)"))
    window.show_page("people")
    window.menu_actions["import_calendar"].trigger()
    assert errors and "Open the event the calendar belongs to first" in str(errors[0])
    window.open_event("webinar-test")
    window.menu_actions["import_calendar"].trigger()
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10000)
    with window.db.reading() as s:
        assert "Menu call" in s.scalars(select(Item.title)).all()
    from iurc_desktop.core.errors import ValidationError
    from iurc_desktop.exchange.imports.people import read_sheet

    with pytest.raises(ValidationError, match="imported with File ▸ Import calendar…"):
        read_sheet(ics)
