"""The home page of a long season: the to-do of the next events at once, every event's on request."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from iurc_desktop.app.planning import todo

from .conftest import VIEWER_ZONE

TODAY = date(2022, 11, 1)  # every event of the generated seasons is still to come


@contextmanager
def home_of(qtbot, db) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """The home page of a window on `db`, read as of TODAY; the window's tasks stopped after."""
    from iurc_desktop.ui.shell.main_window import MainWindow

    win = MainWindow(db, viewer_zone=VIEWER_ZONE)
    qtbot.addWidget(win)
    win.team.timer.stop()
    try:
        win.show()
        page = win.pages["home"]
        page.today = lambda: TODAY
        page.refresh()
        yield page
    finally:
        win.tasks.shutdown()


def test_home_lists_the_next_events_todo_and_all_events_on_request(qtbot, scaled_dbs) -> None:  # type: ignore[no-untyped-def]
    _small, large = scaled_dbs  # 10 events to come
    with home_of(qtbot, large) as page:
        nearest = todo(large, today=TODAY, next_events=6)
        every = todo(large, today=TODAY)
        assert len(page.cards) == 6 and "(10, the next 6 shown)" in page.events_title.text()
        assert page.todo_model.rowCount() == len(nearest) < len(every)
        assert page.todo_title.text().startswith(f"<b>To do</b> for the next 6 events ({len(nearest)}")
        assert page.all_button.isVisible() and page.all_button.text() == "&All 10 events"

        qtbot.mouseClick(page.all_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.todo_model.rowCount() == len(every), timeout=10000)
        assert [page.todo_model.row_at(r) for r in range(len(every))] == every
        assert page.todo_title.text().startswith(f"<b>To do</b> for all 10 events ({len(every)}")
        assert page.all_button.text() == "Only the &next 6 events"

        page.refresh()  # a change elsewhere: all events' lines are read again, not the next events' only
        qtbot.waitUntil(lambda: page.all_button.isEnabled(), timeout=10000)
        assert page.todo_model.rowCount() == len(every)

        page.all_button.setFocus()
        qtbot.keyClick(page.all_button, Qt.Key.Key_Space)
        assert page.todo_model.rowCount() == len(nearest)
        assert page.all_button.text() == "&All 10 events"
        assert not page.todo_table.tabKeyNavigation()  # Tab leaves the to-do for the cards, arrows stay inside


def test_home_of_a_short_season_shows_every_events_todo_and_no_button(qtbot, scaled_dbs) -> None:  # type: ignore[no-untyped-def]
    small, _large = scaled_dbs  # 5 events to come: all on cards
    with home_of(qtbot, small) as page:
        assert page.todo_model.rowCount() == len(todo(small, today=TODAY))
        assert not page.all_button.isVisible() and "for the next" not in page.todo_title.text()
        assert "shown" not in page.events_title.text()
