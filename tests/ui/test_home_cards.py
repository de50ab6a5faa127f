"""The home page's event cards (viewer's clock, progress, problems) and to-dos that lead to where they are fixed."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from iurc_desktop.ui.shell.main_window import MainWindow

TODAY = date(2026, 12, 6)
WEBINAR, VISIT = "cluster-mobility-webinar-2027", "r2r-korea-2027"


@pytest.fixture
def home(qtbot, demo_db):  # type: ignore[no-untyped-def]
    win = MainWindow(demo_db, viewer_zone="Asia/Tokyo")
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    page = win.pages["home"]
    page.today = lambda: TODAY
    page.refresh()
    yield win, page
    win.tasks.shutdown()


def _card(page, code: str):  # type: ignore[no-untyped-def]
    return next(card for card in page.cards if card.code == code)


def test_each_upcoming_event_is_a_card_with_its_times_on_the_viewers_clock(home) -> None:  # type: ignore[no-untyped-def]
    win, page = home
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [win]  # no card line opens a window of its own
    assert [card.code for card in page.cards] == [WEBINAR, VISIT]  # soonest first
    webinar = _card(page, WEBINAR)
    assert webinar.title.text().startswith("Urban mobility cluster webinar")
    assert webinar.subtitle.text() == f"In 109 days · webinar · {WEBINAR}"
    assert webinar.when.text() == "Thu 25 Mar 2027 · 18:00–19:30 JST"  # the viewer is in Tokyo
    assert webinar.when_there.text() == "Brussels: Thu 25 Mar 2027 · 10:00–11:30 CET"
    assert webinar.places.text() == "8 of 9 places confirmed" and webinar.places.value() == 8
    assert "Invites sent for 0 of 5 items" in webinar.texts()


def test_a_study_visit_card_counts_passports_and_its_problems_open_the_checks(home, qtbot) -> None:  # type: ignore[no-untyped-def]
    win, page = home
    visit = _card(page, VISIT)
    assert any(text.startswith("Passports in order for 8 of 9 travellers") for text in visit.texts())  # the organiser flies too
    assert visit.when.text() == "10–15 May 2027" and not visit.when_there.isVisibleTo(visit)  # its dates, not one day's
    assert visit.problems.text() == "2 warnings"  # the passport, and sessions on Saturday 15 May
    qtbot.mouseClick(visit.problems, Qt.MouseButton.LeftButton)
    assert win.current_page_key() == "event" and win.event_page.code == VISIT
    assert win.event_page.tabs.currentWidget() is win.event_page.tab_widgets["checks"]


def test_a_card_opens_its_event_by_click_and_by_enter(home, qtbot) -> None:  # type: ignore[no-untyped-def]
    win, page = home
    qtbot.mouseClick(_card(page, VISIT), Qt.MouseButton.LeftButton)
    assert win.current_page_key() == "event" and win.event_page.code == VISIT
    win.show_page("home")
    card = _card(page, WEBINAR)
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_Return)
    assert win.event_page.code == WEBINAR


def _activate(page, rule: str, text: str = "") -> None:  # type: ignore[no-untyped-def]
    row = next(r for r, e in enumerate(page.todo_model._rows) if e.rule == rule and text in e.message)
    page.todo_table.activated.emit(page.todo_model.index(row, 1))


@pytest.mark.parametrize(("rule", "text", "field"), [
    ("missing_details", "dietary needs not recorded", "dietary"),
    ("passport_expiring", "passport expires", "passport_expiry"),
])
def test_a_missing_detail_opens_the_persons_page_on_its_field(home, qtbot, rule, text, field) -> None:  # type: ignore[no-untyped-def]
    win, page = home
    focused: list[str] = []
    win.person_page.focus_field = focused.append  # PersonPage.focus_field where the page has it
    entry = next(e for e in page.todo_model._rows if e.rule == rule and text in e.message)
    _activate(page, rule, text)
    assert win.current_page_key() == "person"
    assert entry.key and win.person_page.person_id is not None
    qtbot.waitUntil(lambda: focused == [field], timeout=1000)


def test_no_pickup_opens_the_events_travel_tab_filtered_to_the_person(home) -> None:  # type: ignore[no-untyped-def]
    win, page = home
    entry = next(e for e in page.todo_model._rows if e.rule == "no_pickup")
    _activate(page, "no_pickup")
    tab = win.event_page.tabs.currentWidget()
    assert win.event_page.code == VISIT and tab is win.event_page.tab_widgets["travel"]
    assert tab.filter.text() == entry.key


def test_todo_lines_carry_the_icon_of_their_kind(home) -> None:  # type: ignore[no-untyped-def]
    _win, page = home
    model = page.todo_model
    icons = [model.data(model.index(r, 3), Qt.ItemDataRole.DecorationRole) for r in range(model.rowCount())]
    assert icons and all(icon is not None and not icon.isNull() for icon in icons)
    assert model.data(QModelIndex(), Qt.ItemDataRole.DecorationRole) is None
