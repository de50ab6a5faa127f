"""The Home page, the Dashboard, an event's Checks tab, `todo` and `check` run as many statements at any size."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stdout
from datetime import date
from io import StringIO
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy import event as sa_event

from iurc_desktop.app.events import check_event
from iurc_desktop.app.home import home
from iurc_desktop.app.planning import todo, upcoming_events
from iurc_desktop.app.readiness import readiness
from iurc_desktop.cli import main as cli_main
from iurc_desktop.core.db import Database

from ..statements import count_statements, statements

TODAY = date(2022, 11, 1)  # every event of the generated season is still to come
EVENT = "r2r-japan-2022"  # the demo's study visit: twice the participants, travel and stays in the larger season
QUIET_MS = 200


def _settle(qtbot: Any, seen: list[str]) -> None:
    """Let the window run until no statement has been run for QUIET_MS (pages may read in the background)."""
    last, since = -1, time.monotonic()
    while time.monotonic() - since < QUIET_MS / 1000:
        qtbot.wait(20)
        if len(seen) != last:
            last, since = len(seen), time.monotonic()


@contextmanager
def _window(qtbot: Any, db: Database) -> Iterator[Any]:
    from iurc_desktop.ui.shell.main_window import MainWindow

    win = MainWindow(db, viewer_zone="Europe/Brussels")
    qtbot.addWidget(win)
    win.team.timer.stop()  # its poll of the change counter ticks with the clock, not with the data
    win.pages["home"].today = lambda: TODAY
    try:
        yield win
    finally:
        win.tasks.shutdown()


def _home_shown(qtbot: Any, db: Database) -> int:
    with statements(db) as seen, _window(qtbot, db) as win:
        win.show()
        _settle(qtbot, seen)
        assert win.pages["home"].cards and win.pages["home"].todo_model.rowCount()
        return len(seen)


def _dashboard(qtbot: Any, db: Database) -> int:
    with _window(qtbot, db) as win:
        win.show()
        with statements(db) as seen:
            _settle(qtbot, seen)
            seen.clear()
            win.show_page("dashboard")
            _settle(qtbot, seen)
        assert win.pages["dashboard"].report is not None
        return len(seen)


def _checks_tab(qtbot: Any, db: Database) -> int:
    with _window(qtbot, db) as win:
        win.show()
        with statements(db) as seen:
            win.open_event(EVENT)
            _settle(qtbot, seen)
            seen.clear()
            tab = win.event_page.select_tab("checks")
            _settle(qtbot, seen)
        assert tab.model.rowCount()
        return len(seen)


def _cli(db: Database, *argv: str) -> int:
    """Statements of one command-line run on `db` (the command opens the database itself)."""
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    sa_event.listen(Engine, "before_cursor_execute", record)
    try:
        with redirect_stdout(StringIO()):
            assert cli_main(["--db", db.engine.url.render_as_string(hide_password=False), *argv]) == 0
    finally:
        sa_event.remove(Engine, "before_cursor_execute", record)
    return len(seen)


def _same(scaled_dbs: tuple[Database, Database], count: Callable[[Database], int]) -> None:
    small, large = scaled_dbs
    assert count(small) == count(large)


def test_home_page_shown(qtbot, scaled_dbs) -> None:  # type: ignore[no-untyped-def]
    _same(scaled_dbs, lambda db: _home_shown(qtbot, db))


def test_dashboard_page(qtbot, scaled_dbs) -> None:  # type: ignore[no-untyped-def]
    _same(scaled_dbs, lambda db: _dashboard(qtbot, db))


def test_checks_tab(qtbot, scaled_dbs) -> None:  # type: ignore[no-untyped-def]
    _same(scaled_dbs, lambda db: _checks_tab(qtbot, db))


@pytest.mark.parametrize("use_case", [
    pytest.param(lambda db: todo(db, today=TODAY), id="todo"),
    pytest.param(lambda db: home(db, TODAY, cards=6), id="home"),
    pytest.param(lambda db: upcoming_events(db, TODAY), id="upcoming_events"),
    pytest.param(lambda db: readiness(db, [up.row.code for up in upcoming_events(db, TODAY)]), id="readiness"),
    pytest.param(lambda db: check_event(db, EVENT), id="check_event"),
])
def test_use_case(scaled_dbs, use_case) -> None:  # type: ignore[no-untyped-def]
    _same(scaled_dbs, lambda db: count_statements(db, lambda: use_case(db)))


@pytest.mark.parametrize("argv", [("todo", "--today", TODAY.isoformat()), ("check", EVENT)], ids=["todo", "check"])
def test_command(scaled_dbs, argv) -> None:  # type: ignore[no-untyped-def]
    _same(scaled_dbs, lambda db: _cli(db, *argv))
