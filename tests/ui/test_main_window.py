"""The first window: navigation, search, sort, event detail in local times, keyboard shortcuts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from iurc_desktop.core.errors import NotFound
from iurc_desktop.ui.pages.list_page import SEARCH_DELAY_MS


def cells(model, column):
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def row_of(window, key):
    from iurc_desktop.ui.shell.main_window import NAV_PAGES

    return NAV_PAGES.index(key)


def test_navigation_list_switches_pages(window, qtbot):
    assert window.current_page_key() == "home"  # the window opens on what needs doing
    window.nav.setCurrentRow(row_of(window, "people"))
    assert window.current_page_key() == "people"
    window.nav.setCurrentRow(row_of(window, "organisations"))
    assert window.current_page_key() == "organisations"
    assert cells(window.pages["organisations"].model, 1) == ["愛知県", "Euskadi", "서울특별시"]


def test_ctrl_numbers_switch_pages_and_ctrl_f_focuses_search(window, qtbot):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "people"
    assert window.nav.currentRow() == row_of(window, "people") == 2
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.pages["people"].search
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "events"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "home"


def test_typing_in_search_box_filters_after_a_pause(window, qtbot):
    page = window.pages["people"]
    window.show_page("people")
    assert page.model.rowCount() == 3
    qtbot.keyClicks(page.search, "suzuki")
    assert page.model.rowCount() == 3  # debounced: not yet asked
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=SEARCH_DELAY_MS * 10)
    assert cells(page.model, 1) == ["鈴木花子"]
    assert page.count_label.text() == "1 person matches"


def test_clicking_a_header_sorts_events(window, qtbot):
    page = window.events_page
    assert cells(page.model, 0) == ["r2r-test", "webinar-test"]  # default: by start date
    assert cells(page.model, 3) == ["20–26 Nov 2022", "26 Mar 2026"]
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(0) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert page.model.query.sort == "code" and not page.model.query.descending
    assert cells(page.model, 0) == ["r2r-test", "webinar-test"]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert page.model.query.descending
    assert cells(page.model, 0) == ["webinar-test", "r2r-test"]


def test_enter_on_an_event_opens_its_detail_in_local_times(window, qtbot):
    page = window.events_page
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.current_page_key() == "event"
    detail = window.event_page
    assert detail.heading.text() == "EU-Japan study visit"
    assert detail._fact_labels["Zone"].text().startswith("Asia/Tokyo")
    items = detail.items_model
    assert cells(items, 4) == ["Aichi Science & Technology Foundation", "Final meeting at Keihanna"]
    assert cells(items, 0)[0] == "Tue 22 Nov"
    assert cells(items, 1)[0] == "09:30–12:00"  # Nagoya wall clock
    assert cells(items, 2)[0] == "Asia/Tokyo (JST)"
    assert cells(items, 3)[0] == "01:30–04:00"  # the Brussels viewer's clock (CET)
    assert not detail.items_table.isColumnHidden(3)
    assert cells(items, 8) == ["A", "everyone"]
    assert cells(detail.participants_model, 1) == ["", "鈴木花子"]


def test_viewer_column_hidden_when_every_time_reads_the_same(window):
    page = window.open_event("webinar-test")
    assert cells(page.items_model, 1) == ["10:00–11:30"]
    assert page.items_table.isColumnHidden(3)
    assert cells(page.participants_model, 1) == ["김민준"]


def test_back_returns_to_where_you_were(window, qtbot):
    window.show_page("events")
    window.open_event("r2r-test")
    qtbot.mouseClick(window.event_page.back, Qt.MouseButton.LeftButton)
    assert window.current_page_key() == "events"
    window.show_page("home")
    window.open_event("webinar-test")
    window.open_event("r2r-test")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_page_key() == "event" and window.event_page.code == "webinar-test"
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_page_key() == "home"


def test_back_with_nowhere_to_go_shows_the_events_list(window):
    window.back()
    assert window.current_page_key() == "events"


def test_an_event_page_keeps_events_highlighted_in_the_navigation(window):
    assert window.nav.currentItem().text() == "Home"
    window.open_event("r2r-test")
    assert window.nav.currentItem().text() == "Events"


def test_opening_an_unknown_event_raises_not_found(window):
    with pytest.raises(NotFound, match="r2r-test"):
        window.open_event("nope")


def test_controls_have_accessible_names(window):
    page = window.pages["people"]
    assert page.search.accessibleName() == "Search people"
    assert page.table.accessibleName() == "People table"
    assert window.nav.accessibleName() == "Pages"


def test_first_start_on_empty_database_declined_loads_nothing(qtbot, db, monkeypatch):
    from iurc_desktop.ui.shell.main_window import MainWindow

    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No)
    win = MainWindow(db, viewer_zone="UTC")
    qtbot.addWidget(win)
    assert win.offer_demo_if_empty() is None
    assert asked and win.events_page.model.rowCount() == 0


def test_no_demo_offer_when_database_has_events(window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("asked on a non-empty database"))
    assert window.offer_demo_if_empty() is None


def test_a_lists_count_groups_its_thousands(window, qtbot):
    from iurc_desktop.core.people.listing import add_people

    with window.db.transaction() as s:
        add_people(s, [{"given_name": f"Anna{i}", "family_name": "Berg"} for i in range(1200)])
    page = window.pages["people"]
    window.show_page("people")
    page.search.setText("berg")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1200, timeout=SEARCH_DELAY_MS * 20)
    assert page.count_label.text() == "1,200 people match"
