"""Event tabs and navigation pages registered in their lists appear, load lazily and can be screenshot."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from iurc_desktop.ui.pages.event_tab import EventTab
from iurc_desktop.ui.shell import event_tabs, nav_pages

from .conftest import VIEWER_ZONE


class CountingTab(EventTab):
    loads: list[str] = []

    def load(self, code: str) -> None:
        CountingTab.loads.append(code)


class HelloPage(QWidget):
    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        QVBoxLayout(self).addWidget(QLabel("hello"))


@pytest.fixture
def registered(monkeypatch):  # type: ignore[no-untyped-def]
    CountingTab.loads = []
    monkeypatch.setattr(event_tabs, "EVENT_TABS", [*event_tabs.EVENT_TABS,
                        event_tabs.TabSpec("counting", "Counting", CountingTab, applies=lambda kind: kind == "study_visit")])
    monkeypatch.setattr(nav_pages, "NAV_EXTRA", [nav_pages.NavSpec("hello", "Hello", HelloPage, first=True)])
    import iurc_desktop.ui.shell.main_window as mw
    import iurc_desktop.ui.pages.event_page as ep

    monkeypatch.setattr(ep, "EVENT_TABS", event_tabs.EVENT_TABS)
    monkeypatch.setattr(mw, "NAV_EXTRA", nav_pages.NAV_EXTRA)
    monkeypatch.setattr(mw, "NAV_PAGES", ("hello", *mw.LIST_PAGES))


def test_registered_tab_loads_only_when_shown_and_only_where_it_applies(qtbot, sample_db, registered) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.ui.shell.main_window import MainWindow

    window = MainWindow(sample_db, viewer_zone=VIEWER_ZONE)
    qtbot.addWidget(window)
    page = window.open_event("r2r-test")
    assert CountingTab.loads == []  # the Overview is in front
    page.select_tab("counting")
    assert CountingTab.loads == ["r2r-test"]
    window.open_event("webinar-test")
    tabs = page.tabs
    assert not tabs.isTabVisible(tabs.indexOf(page.tab_widgets["counting"]))
    window.tasks.shutdown()


def test_registered_nav_page_comes_first_and_screenshots(qtbot, sample_db, registered, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.ui.shell.main_window import MainWindow
    from iurc_desktop.ui.shell.screenshot import pages

    window = MainWindow(sample_db, viewer_zone=VIEWER_ZONE)
    qtbot.addWidget(window)
    assert window.nav.item(0).text() == "Hello"
    assert {"hello", "counting"} <= set(pages())
    window.tasks.shutdown()
