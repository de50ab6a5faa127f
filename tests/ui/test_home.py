"""The home page: upcoming events with their state, the to-do list, and each line leading to its fix."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from iurc_desktop.core.models import Event, Participation

from .conftest import VIEWER_ZONE, _item

TODAY = date(2026, 11, 24)


def cells(model, column):
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


@pytest.fixture
def planned(sample_db):
    """An upcoming webinar in 5 days: Ane still invited, an item changed since its invite was sent."""
    from iurc_desktop.core.models import Person

    with sample_db.transaction() as s:
        ane = s.query(Person).filter_by(email="ane@example.eus").one()
        webinar = Event(code="h2-2026", kind="webinar", title="Hydrogen cities webinar", zone="Europe/Brussels",
                        start_date=date(2026, 11, 29), end_date=date(2026, 11, 29), capacity=30)
        item = _item(webinar, "panel", "Panel on hydrogen buses", "2026-11-29T10:00", "2026-11-29T11:00", "Europe/Brussels", kind="session")
        item.sequence, item.sent_sequence = 2, 1
        Participation(event=webinar, person=ane, role="delegate", status="invited")
        s.add(webinar)
    return sample_db


@pytest.fixture
def home(qtbot, planned):
    from iurc_desktop.ui.shell.main_window import MainWindow

    win = MainWindow(planned, viewer_zone=VIEWER_ZONE)
    qtbot.addWidget(win)
    win.show()
    page = win.pages["home"]
    page.today = lambda: TODAY
    page.refresh()
    yield win, page
    win.tasks.shutdown()


def double_click(qtbot, table, row):
    rect = table.visualRect(table.model().index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_window_opens_on_home_with_upcoming_events_and_todo(home, qtmodeltester):
    win, page = home
    assert win.current_page_key() == "home" and win.nav.currentItem().text() == "Home"
    assert [card.title.text() for card in page.cards] == ["Hydrogen cities webinar"]  # past and far events: only those not over
    assert page.cards[0].subtitle.text().startswith("In 5 days")
    assert page.cards[0].places.text() == "0 of 30 places confirmed"
    messages = cells(page.todo_model, 4)
    assert any("Ane Etxeberria is still invited" in m for m in messages)
    assert any("'Panel on hydrogen buses' changed since its invite was sent" in m for m in messages)
    assert "Tue 24 Nov 2026" in page.heading.text() and "Hydrogen cities webinar" in page.summary.text()
    assert page.cards[0].isVisibleTo(page) and not page.events_empty.isVisible()
    qtmodeltester.check(page.todo_model)


def test_todo_line_for_a_person_opens_the_participants_filtered_to_them(home, qtbot):
    win, page = home
    row = next(r for r, e in enumerate(page.todo_model._rows) if e.rule == "not_confirmed")
    double_click(qtbot, page.todo_table, row)
    assert win.current_page_key() == "event" and win.event_page.code == "h2-2026"
    tab = win.event_page.tabs.currentWidget()
    assert tab is win.event_page.tab_widgets.get("participants", win.event_page.overview)
    if hasattr(tab, "search"):
        assert tab.search.text() == "ane@example.eus"


def test_todo_line_for_an_item_opens_the_event_with_the_item_selected(home, qtbot):
    win, page = home
    row = next(r for r, e in enumerate(page.todo_model._rows) if e.rule == "invite_changed")
    double_click(qtbot, page.todo_table, row)
    overview = win.event_page.overview
    assert win.current_page_key() == "event" and win.event_page.tabs.currentWidget() is overview
    selected = overview.items_table.selectionModel().selectedRows()
    assert [overview.items_model.row_at(i.row()).key for i in selected] == ["panel"]


def test_upcoming_event_opens_its_page(home, qtbot):
    win, page = home
    qtbot.mouseClick(page.cards[0], Qt.MouseButton.LeftButton)
    assert win.current_page_key() == "event" and win.event_page.code == "h2-2026"


def test_no_upcoming_events_says_so(window):
    page = window.pages["home"]
    page.today = lambda: date(2030, 1, 1)
    page.refresh()
    assert page.summary.text() == "No upcoming events."
    assert page.events_empty.isVisible() and page.events_empty.text().startswith("No upcoming events")
    assert not page.cards and page.todo_empty.isVisible()


def test_home_renders_in_the_dark_palette(qtbot, planned, tmp_path):
    from PySide6.QtGui import QImage

    from iurc_desktop.ui.shell.screenshot import render_page

    out = tmp_path / "home-dark.png"
    render_page(planned.url, "home", out, dark=True, viewer_zone=VIEWER_ZONE)
    image = QImage(str(out))
    assert image.width() >= 1000
    assert image.pixelColor(image.width() - 40, image.height() // 2).lightness() < 100  # a dark page, not a white one
