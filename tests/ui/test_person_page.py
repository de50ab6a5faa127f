"""A person's page: opened from the People list, search and the to-do list; events, needs, travel, stays; Back."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from PySide6.QtCore import Qt

from iurc_desktop.core.models import Event, Participation, Person, Stay, TravelLeg

from .conftest import VIEWER_ZONE

TODAY = date(2026, 11, 24)


def cells(model, column):
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


@pytest.fixture
def travelled(sample_db):
    """Ane flies to Tokyo for the study visit and shares a twin room with Hanako; her needs are recorded."""
    with sample_db.transaction() as s:
        ane = s.query(Person).filter_by(email="ane@example.eus").one()
        hanako = s.query(Person).filter_by(email="hanako@example.jp").one()
        visit = s.query(Event).filter_by(code="r2r-test").one()
        ane.dietary, ane.passport_expiry = "vegetarian", date(2023, 3, 1)
        part = s.query(Participation).filter_by(person=ane, event=visit).one()
        part.visa_needed, part.visa_status = True, "granted"
        s.add(TravelLeg(event=visit, person=ane, kind="flight", carrier="AF", number="AF276", from_place="CDG",
                        from_zone="Europe/Paris", depart_utc=datetime(2022, 11, 19, 22, 25, tzinfo=timezone.utc),
                        to_place="HND", to_zone="Asia/Tokyo", arrive_utc=datetime(2022, 11, 20, 10, 5, tzinfo=timezone.utc)))
        s.add(Stay(event=visit, person=ane, hotel="Hotel Nagoya Castle", zone="Asia/Tokyo", check_in=date(2022, 11, 20),
                   check_out=date(2022, 11, 23), room="twin", shares_with=hanako))
    return sample_db


@pytest.fixture
def win(qtbot, travelled):
    from iurc_desktop.ui.shell.main_window import MainWindow

    window = MainWindow(travelled, viewer_zone=VIEWER_ZONE)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.tasks.shutdown()


def open_from_people(win, qtbot, email):
    page = win.show_page("people")
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).email == email)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    return win.person_page


def test_enter_on_the_people_list_opens_their_page_with_events_and_needs(win, qtbot, qtmodeltester):
    page = open_from_people(win, qtbot, "ane@example.eus")
    assert win.current_page_key() == "person" and win.nav.currentItem().text() == "People"
    assert page.heading.text() == "Ane Etxeberria"
    assert "Policy officer" in page.subheading.text() and "Basque Country (Euskadi)" in page.subheading.text()
    assert page.contact.values()["E-mail"] == "ane@example.eus"
    needs = page.needs.values()
    assert needs["Dietary"] == "vegetarian" and needs["Visa"] == "r2r-test: granted"
    assert needs["Passport expires"] == "1 Mar 2023 — too soon for r2r-test: ask for a renewal"
    assert cells(page.events_model, 1) == ["EU-Japan study visit"]
    assert [cells(page.events_model, c)[0] for c in (3, 4, 5)] == ["delegate", "confirmed", "A"]
    assert "visa: granted" in cells(page.events_model, 6)[0]
    for model in (page.events_model, page.legs_model, page.stays_model):
        qtmodeltester.check(model)


def test_travel_on_its_own_clocks_with_the_viewers_beside_and_the_roommate_by_name(win, qtbot):
    page = open_from_people(win, qtbot, "ane@example.eus")
    assert cells(page.legs_model, 3) == ["Sat 19 Nov 2022 23:25 CET"]
    assert cells(page.legs_model, 5) == ["Sun 20 Nov 2022 19:05 JST"]
    assert cells(page.legs_model, 6) == ["Sun 20 Nov 11:05"]  # the Brussels viewer's clock
    assert cells(page.stays_model, 1) == ["Hotel Nagoya Castle"]
    assert cells(page.stays_model, 4) == ["3"] and cells(page.stays_model, 6) == ["Suzuki Hanako"]
    assert page.legs_table.isVisible() and "Travel</b> (1)" in page.legs_title.text()


def test_a_person_in_cjk_with_no_travel_says_none(win, qtbot):
    page = open_from_people(win, qtbot, "minjun@example.kr")
    assert page.heading.text() == "Kim Minjun  ·  김민준"
    assert "서울특별시" in page.subheading.text()
    assert page.needs.values()["Dietary"] == "not asked yet"
    assert not page.legs_table.isVisible() and "none" in page.legs_title.text()
    assert cells(page.events_model, 4) == ["registered"]


def test_an_event_line_opens_its_participants_filtered_and_back_returns(win, qtbot):
    page = open_from_people(win, qtbot, "ane@example.eus")
    page.events_table.setCurrentIndex(page.events_model.index(0, 1))
    page.events_table.activated.emit(page.events_model.index(0, 1))
    assert win.current_page_key() == "event" and win.event_page.code == "r2r-test"
    tab = win.event_page.tabs.currentWidget()
    if hasattr(tab, "search"):
        assert tab.search.text() == "ane@example.eus"
    qtbot.mouseClick(win.event_page.back, Qt.MouseButton.LeftButton)
    assert win.current_page_key() == "person" and win.person_page.heading.text() == "Ane Etxeberria"
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert win.current_page_key() == "people"


def test_a_travel_line_opens_the_events_travel_filtered_to_the_person(win, qtbot):
    page = open_from_people(win, qtbot, "ane@example.eus")
    page.legs_table.activated.emit(page.legs_model.index(0, 0))
    tab = win.event_page.tabs.currentWidget()
    assert tab is win.event_page.tab_widgets["travel"]
    assert tab.filter.text() == "ane@example.eus" and tab.legs_model.rowCount() == 1


def test_missing_details_line_on_the_home_page_opens_the_persons_page(qtbot, travelled):
    from iurc_desktop.ui.shell.main_window import MainWindow

    with travelled.transaction() as s:
        hanako = s.query(Person).filter_by(email="hanako@example.jp").one()
        visit = Event(code="r2r-2027", kind="study_visit", title="Next study visit", zone="Asia/Tokyo",
                      start_date=date(2027, 5, 10), end_date=date(2027, 5, 14))
        Participation(event=visit, person=hanako, role="delegate", status="confirmed")
        s.add(visit)
    window = MainWindow(travelled, viewer_zone=VIEWER_ZONE)
    qtbot.addWidget(window)
    window.show()
    home = window.pages["home"]
    home.today = lambda: TODAY
    home.refresh()
    row = next(r for r, e in enumerate(home.todo_model._rows) if e.rule == "missing_details")
    assert home.todo_model.data(home.todo_model.index(row, 1)) == "Mon 10 May 2027"  # another year: the year shown
    home.todo_table.activated.emit(home.todo_model.index(row, 1))
    assert window.current_page_key() == "person" and window.person_page.heading.text().startswith("Suzuki Hanako")
    window.back()
    assert window.current_page_key() == "home"
    window.tasks.shutdown()
