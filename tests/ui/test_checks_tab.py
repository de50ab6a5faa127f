"""The Checks tab lists the demo's problems, worst first, and double-click goes to the person or item."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from iurc_desktop.core.events.checks import check_event
from iurc_desktop.ui.models.problems import ITEMS, ProblemsModel
from iurc_desktop.ui.pages.checks_tab import navigation_target, summary_text
from iurc_desktop.ui.shell.main_window import MainWindow


@pytest.fixture
def demo_window(qtbot, demo_db):  # type: ignore[no-untyped-def]
    win = MainWindow(demo_db, viewer_zone="Europe/Brussels")
    qtbot.addWidget(win)
    win.show()
    yield win
    win.tasks.shutdown()


def _texts(model: ProblemsModel, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_checks_tab_lists_the_demo_problems(demo_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    tab = demo_window.open_event("r2r-japan-2022").select_tab("checks")
    with demo_db.reading() as session:
        expected = check_event(session, "r2r-japan-2022")
    assert tab.model.rowCount() == len(expected) == 5
    assert _texts(tab.model, 1) == ["Arrives late", "Leaves early", "No stay", "Passport expiry", "No arrival"]
    assert _texts(tab.model, 0)[:2] == ["Error", "Error"]
    assert "Thomas Rey arrives at HND" in tab.model.index(0, 2).data()
    assert tab.model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    assert tab.summary.text() == "2 errors, 3 warnings"


def test_sorting_by_kind_descending_then_by_severity(demo_window) -> None:  # type: ignore[no-untyped-def]
    tab = demo_window.open_event("r2r-japan-2022").select_tab("checks")
    tab.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert _texts(tab.model, 1)[0] == "Passport expiry"
    tab.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert _texts(tab.model, 0)[0] == "Warning"


def test_double_click_goes_to_the_person_or_the_item(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    page = demo_window.open_event("r2r-japan-2022")
    tab = page.select_tab("checks")
    with qtbot.waitSignal(tab.navigate) as person:
        tab.table.doubleClicked.emit(tab.model.index(0, 2))
    assert person.args == ["person", "thomas.rey@example.fr"]
    with qtbot.waitSignal(tab.navigate) as item:
        tab.table.doubleClicked.emit(tab.model.index(0, ITEMS))
    assert item.args == ["item", "welcome"]
    # the page turns an item into the Overview with that item selected
    assert page.tabs.currentWidget() is page.overview
    assert page.overview.items_table.currentIndex().row() >= 0


def test_double_click_on_a_person_opens_the_people_page_filtered(demo_window) -> None:  # type: ignore[no-untyped-def]
    tab = demo_window.open_event("r2r-japan-2022").select_tab("checks")
    tab.table.doubleClicked.emit(tab.model.index(3, 0))
    assert demo_window.current_page_key() == "people"
    assert demo_window.pages["people"].search.text() == "ane.etxeberria@example.eus"


def test_webinar_out_of_hours_and_no_problems(demo_window) -> None:  # type: ignore[no-untyped-def]
    tab = demo_window.open_event("cluster-energy-webinar-2026").select_tab("checks")
    assert _texts(tab.model, 1) == ["Outside hours"]
    assert summary_text([]) == "No problems found: every check passed."
    assert navigation_target(None, 0) is None


def test_problems_model_passes_the_model_tester(qtmodeltester, demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.reading() as session:
        problems = check_event(session, "r2r-japan-2022")
    model = ProblemsModel()
    model.set_rows(problems)
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
