"""Opening an event and its Overview, Participants and Exports tabs: statements that do not grow with the data."""

from __future__ import annotations

from iurc_desktop.ui.shell.main_window import MainWindow
from tests.statements import statements

CODE = "r2r-japan-2022"
TABS = ("participants", "exports")


def _own(seen: list[str]) -> int:
    """The page's statements: the window's poll for other users' changes runs on its own clock."""
    return sum(1 for sql in seen if "data_changes" not in sql)


def _counts(db, qtbot) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Statements run by opening the event (its Overview) and then showing each of TABS."""
    window = MainWindow(db, viewer_zone="Europe/Brussels")
    qtbot.addWidget(window)
    window.show()
    qtbot.wait(50)  # the start page reads its data after the first paint: not the event page's statements
    counts: dict[str, int] = {}
    with statements(db) as seen:
        window.open_event(CODE)
        qtbot.waitUntil(window.event_page.settled)
    counts["open"] = _own(seen)
    for key in TABS:
        with statements(db) as seen:
            window.event_page.select_tab(key)
            qtbot.waitUntil(window.event_page.settled)
        counts[key] = _own(seen)
    window.tasks.shutdown()
    return counts


def test_the_event_page_runs_as_many_statements_for_a_larger_programme(scaled_dbs, qtbot) -> None:  # type: ignore[no-untyped-def]
    small, large = scaled_dbs
    assert _counts(small, qtbot) == _counts(large, qtbot)
