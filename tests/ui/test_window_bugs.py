"""Bugs seen in the window, each pinned: stale pages after a zone change, tabs, progress over errors, navigation."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog

from iurc_desktop.core.errors import ValidationError
from iurc_desktop.ui.shell import main_window


@pytest.fixture(autouse=True)
def config_home(tmp_path, monkeypatch):
    """Each test its own config folder: saved settings never leak between tests."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def reported(monkeypatch):
    """What the window would show in an error box, recorded instead of waiting for a click."""
    errors: list[BaseException] = []
    monkeypatch.setattr(main_window, "show_error", lambda parent, exc: errors.append(exc))
    return errors


def test_after_a_new_viewer_zone_changes_reach_only_the_new_pages(window, qtbot, reported):
    window.show_page("home")
    old_changes = window.ctx.changes  # a command pushed before the change holds this one
    window.update_settings(replace(window.settings, viewer_zone="Asia/Tokyo"))
    qtbot.wait(20)  # the old pages are deleted now
    home = window.show_page("home")
    refreshed = []
    home.refresh = lambda: refreshed.append(True)
    window.changes.notify("*")  # a deleted page listening would raise "Internal C++ object already deleted"
    old_changes.notify("*")  # an undo of an older command still refreshes the new pages
    assert reported == [] and len(refreshed) == 2
    assert window.ctx.viewer_zone == "Asia/Tokyo"


def visible_tab_titles(window) -> list[str]:
    tabs = window.event_page.tabs
    bar = tabs.tabBar()
    return [bar.tabText(i) for i in range(bar.count()) if bar.isTabVisible(i) and not bar.tabRect(i).isEmpty()]


def test_the_world_clock_tab_shows_for_a_webinar_opened_after_a_study_visit(window, qtbot):
    qtbot.waitExposed(window)
    window.open_event("r2r-test")
    qtbot.wait(20)
    assert "World clock" not in visible_tab_titles(window)
    window.show_page("events")  # the webinar is opened from the list: its tabs are set while the page is hidden
    qtbot.wait(20)
    window.open_event("webinar-test")
    qtbot.wait(20)
    assert "World clock" in visible_tab_titles(window)
    bar = window.event_page.tabs.tabBar()
    shown = [bar.tabRect(i) for i in range(bar.count()) if bar.isTabVisible(i)]
    assert all(a.right() + 1 >= b.left() - 1 for a, b in zip(shown, shown[1:]))  # no gap between tabs
    assert all(b.left() - a.right() <= 2 for a, b in zip(shown, shown[1:]))


def test_a_failed_load_closes_its_progress_dialog_before_the_error_shows(window, qtbot, tmp_path, monkeypatch):
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "iurc-programme/1", "events": [{"code": 1}]}', encoding="utf-8")
    from iurc_desktop.ui import operations

    real = operations.load_programme_job

    def slow(db, path, **kwargs):
        job = real(db, path, **kwargs)

        def run(progress, token):
            for step in range(4):  # long enough for the progress dialog to show
                progress(step, 0, "Reading…")
                time.sleep(0.2)
            return job(progress, token)

        return run

    monkeypatch.setattr(operations, "load_programme_job", slow)
    seen = []

    def show(parent, exc):
        dialogs = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
        seen.append((exc, dialogs, window.busy_label.text()))

    monkeypatch.setattr(main_window, "show_error", show)
    task = window.load_programme_file(bad)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(QProgressDialog)), timeout=3000)
    assert window.busy_label.text() == "Working…"
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    exc, dialogs, busy = seen[0]
    assert isinstance(exc, ValidationError)
    assert dialogs == [] and busy == ""  # nothing covers the error box, the status bar no longer says Working…
    del task


def test_clicking_events_in_the_navigation_on_an_event_page_shows_the_list(window, qtbot):
    window.open_event("webinar-test")
    row = main_window.NAV_PAGES.index("events")
    item = window.nav.item(row)
    assert window.nav.currentRow() == row and window.current_page_key() == "event"
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=window.nav.visualItemRect(item).center())
    assert window.current_page_key() == "events"


def test_every_back_button_looks_the_same(window):
    window.open_event("webinar-test")
    event_back = window.event_page.back
    person_back = window.person_page.back_button
    for button in (event_back, person_back):
        assert button.text() == "Back" and not button.icon().isNull()
        assert "Alt+Left" in button.toolTip() and button.accessibleName() == "Back"
