"""Itinerary, Travel & stays and World clock: statements that do not grow with participants, legs or stays."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy.engine import Engine

from iurc_desktop import cli
from iurc_desktop.app.events import group_itinerary, person_itinerary
from iurc_desktop.app.travel import event_arrangements, list_legs, list_stays, travel_overview
from iurc_desktop.app.worldclock import world_clock
from iurc_desktop.core.db import Database
from tests.statements import count_statements, statements

STUDY_VISIT = "r2r-japan-2022"
WEBINAR = "cluster-energy-webinar-2026"
TABS = (("itinerary", STUDY_VISIT), ("travel", STUDY_VISIT), ("worldclock", WEBINAR))


USE_CASES: dict[str, Callable[[Database, str], Any]] = {  # (db, a travelling participant's e-mail)
    "event_arrangements": lambda db, _: event_arrangements(db, STUDY_VISIT),
    "travel_overview": lambda db, _: travel_overview(db, STUDY_VISIT),
    "list_legs": lambda db, _: list_legs(db, STUDY_VISIT),
    "list_stays": lambda db, _: list_stays(db, STUDY_VISIT),
    "one person's legs": lambda db, who: list_legs(db, STUDY_VISIT, who),
    "one person's stays": lambda db, who: list_stays(db, STUDY_VISIT, who),
    "person_itinerary": lambda db, who: person_itinerary(db, STUDY_VISIT, who, viewer_zone="Europe/Brussels"),
    "group_itinerary": lambda db, _: group_itinerary(db, STUDY_VISIT, "A", viewer_zone="Europe/Brussels"),
    "world_clock": lambda db, _: world_clock(db, WEBINAR),
}


@pytest.mark.parametrize("name", USE_CASES)
def test_use_case_runs_as_many_statements_on_a_larger_event(scaled_dbs, name: str) -> None:  # type: ignore[no-untyped-def]
    small, large = scaled_dbs
    action = USE_CASES[name]
    counts = []
    for db in (small, large):
        who = list_legs(db, STUDY_VISIT)[0].person
        counts.append(count_statements(db, lambda: action(db, who)))  # noqa: B023 - run at once
    assert counts[0] == counts[1], f"{name}: {counts[0]} statements small, {counts[1]} large"


def _tab_count(qtbot, db: Database, tab: str, code: str) -> int:  # type: ignore[no-untyped-def]
    from iurc_desktop.ui.shell.main_window import MainWindow

    window = MainWindow(db, viewer_zone="Europe/Brussels")
    qtbot.addWidget(window)
    window.show()
    window.open_event(code)
    page = window.event_page
    qtbot.waitUntil(lambda: page.code == code)
    with statements(db) as seen:
        shown = page.select_tab(tab)
        qtbot.waitUntil(lambda: shown.code == code)
    return len(seen)


@pytest.mark.parametrize(("tab", "code"), TABS)
def test_tab_runs_as_many_statements_on_a_larger_event(scaled_dbs, qtbot, tab: str, code: str) -> None:  # type: ignore[no-untyped-def]
    small, large = scaled_dbs
    counts = [_tab_count(qtbot, db, tab, code) for db in (small, large)]
    assert counts[0] == counts[1], f"{tab} tab: {counts[0]} statements small, {counts[1]} large"


CLI = {  # the command lines that share this code: an event's travel and stays, a group's and a person's itinerary
    "show --json": lambda who: ["show", STUDY_VISIT, "--json"],
    "show --group": lambda who: ["show", STUDY_VISIT, "--group", "A", "--zone", "Europe/Brussels"],
    "show --person": lambda who: ["show", STUDY_VISIT, "--person", who, "--json"],
}


def _cli_count(db: Database, argv: list[str]) -> int:
    """Statements of one CLI run on `db`'s database (the CLI opens its own engine)."""
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    url = db.engine.url.render_as_string(hide_password=False)
    sa_event.listen(Engine, "before_cursor_execute", record)
    try:
        assert cli.main(["--db", url, *argv]) == 0
    finally:
        sa_event.remove(Engine, "before_cursor_execute", record)
    return len(seen)


@pytest.mark.parametrize("name", CLI)
def test_cli_runs_as_many_statements_on_a_larger_event(scaled_dbs, capsys, name: str) -> None:  # type: ignore[no-untyped-def]
    counts = [_cli_count(db, CLI[name](list_legs(db, STUDY_VISIT)[0].person)) for db in scaled_dbs]
    capsys.readouterr()
    assert counts[0] == counts[1], f"{name}: {counts[0]} statements small, {counts[1]} large"
