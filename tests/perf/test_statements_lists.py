"""The People, Organisations and Events pages and their filter run as many statements at twice the rows."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from iurc_desktop.ui.shell.main_window import MainWindow

from ..statements import statements

# A word of the index (3 characters or more) and a short one, both in rows of every list.
FILTERS = ("exam", "a")


def settled_window(qtbot, db) -> MainWindow:  # type: ignore[no-untyped-def]
    """The main window shown, its start page read and its poll stopped: what runs next is the page's alone."""
    window = MainWindow(db, viewer_zone="Europe/Brussels")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    with qtbot.waitSignal(window.data_shown, timeout=30_000):  # the start page has read: only ours is counted
        window.show()
    window.team.timer.stop()  # its poll every two seconds is not the page's
    QApplication.processEvents()
    return window


def _painted(page) -> None:  # type: ignore[no-untyped-def]
    """The page's visible rows painted, so the lazy model has read what is on screen."""
    page.table.viewport().repaint()
    QApplication.processEvents()


def _open(qtbot, db, key: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Statements to show the page first, and rows it shows."""
    window = settled_window(qtbot, db)
    with statements(db) as sql:
        page = window.show_page(key)
        _painted(page)
    return len(sql), page.model.rowCount()


def _filter(qtbot, db, key: str, text: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Statements of one filter keystroke on a shown page, and rows it leaves."""
    window = settled_window(qtbot, db)
    page = window.show_page(key)
    _painted(page)
    page.search.setText(text)
    with statements(db) as sql:
        page.apply_search()
        _painted(page)
    return len(sql), page.model.rowCount()


@pytest.mark.parametrize("key", ["people", "organisations", "events"])
def test_showing_a_list_page_runs_as_many_statements_at_twice_the_rows(qtbot, scaled_dbs, key: str) -> None:  # type: ignore[no-untyped-def]
    small, large = scaled_dbs
    (small_sql, small_rows), (large_sql, large_rows) = _open(qtbot, small, key), _open(qtbot, large, key)
    assert large_rows > small_rows > 0
    assert small_sql == large_sql


@pytest.mark.parametrize("text", FILTERS)
@pytest.mark.parametrize("key", ["people", "organisations", "events"])
def test_a_filter_keystroke_runs_as_many_statements_at_twice_the_rows(qtbot, scaled_dbs, key: str, text: str) -> None:  # type: ignore[no-untyped-def]
    small, large = scaled_dbs
    (small_sql, small_rows), (large_sql, large_rows) = _filter(qtbot, small, key, text), _filter(qtbot, large, key, text)
    assert small_sql == large_sql
    assert (small_rows > 0) == (large_rows > 0)
