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


def test_double_click_goes_where_the_problem_is_fixed(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    page = demo_window.open_event("r2r-japan-2022")
    tab = page.select_tab("checks")
    assert tab.model.row_at(0).kind == "arrives_late"
    with qtbot.waitSignal(tab.navigate) as travel:
        tab.table.doubleClicked.emit(tab.model.index(0, 2))
    assert travel.args == ["travel", "thomas.rey@example.fr"]
    with qtbot.waitSignal(tab.navigate) as item:
        tab.table.doubleClicked.emit(tab.model.index(0, ITEMS))
    assert item.args == ["edit_item", "welcome"]


def test_a_late_arrival_opens_travel_and_stays_filtered_to_the_person(demo_window) -> None:  # type: ignore[no-untyped-def]
    page = demo_window.open_event("r2r-japan-2022")
    tab = page.select_tab("checks")
    tab.table.doubleClicked.emit(tab.model.index(0, 2))
    assert demo_window.current_page_key() == "event" and page.code == "r2r-japan-2022"
    assert page.tabs.currentWidget() is page.tab_widgets["travel"]
    assert page.tab_widgets["travel"].filter.text() == "thomas.rey@example.fr"


def test_an_item_problem_opens_the_item_dialog(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog

    page = demo_window.open_event("r2r-japan-2022")
    tab = page.select_tab("checks")
    tab.table.doubleClicked.emit(tab.model.index(0, ITEMS))
    dialogs = [d for d in page.findChildren(QDialog) if d.isVisible()]
    assert len(dialogs) == 1 and "Welcome" in dialogs[0].windowTitle()
    dialogs[0].reject()


def test_a_passport_problem_opens_the_persons_page_at_the_passport(demo_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    focused: list[str] = []
    monkeypatch.setattr(type(demo_window.person_page), "focus_field", lambda page, name: focused.append(name), raising=False)
    tab = demo_window.open_event("r2r-japan-2022").select_tab("checks")
    assert tab.model.row_at(3).kind == "passport_expiry"
    tab.table.doubleClicked.emit(tab.model.index(3, 0))
    assert demo_window.current_page_key() == "person"
    assert demo_window.person_page.summary.card.email == "ane.etxeberria@example.eus"
    assert focused == ["passport_expiry"]


def test_a_person_named_without_an_email_is_looked_for_in_the_people_list(demo_window) -> None:  # type: ignore[no-untyped-def]
    demo_window.open_event("r2r-japan-2022")
    demo_window.navigate("open_person", "Nobody Known passport_expiry")
    assert demo_window.current_page_key() == "people"


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
