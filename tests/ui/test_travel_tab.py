"""The Travel & stays tab: legs and stays with local times per end, sortable, edited and removed with undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from iurc_desktop.core.travel.legs import list_legs
from iurc_desktop.core.travel.stays import list_stays
from iurc_desktop.ui.models.sorted_rows import SortedRowsModel
from iurc_desktop.ui.pages.travel_tab import leg_columns, stay_columns
from iurc_desktop.ui.shell.main_window import MainWindow

CODE = "r2r-japan-2022"


@pytest.fixture
def demo_window(qtbot, demo_db):  # type: ignore[no-untyped-def]
    win = MainWindow(demo_db, viewer_zone="Europe/Brussels")
    qtbot.addWidget(win)
    win.show()
    yield win
    win.tasks.shutdown()


def _row(model: SortedRowsModel, predicate) -> int:  # type: ignore[no-untyped-def]
    return model.row_of(predicate)


def _text(model: SortedRowsModel, row: int, header: str) -> str:
    column = next(n for n, c in enumerate(model.columns) if c.header == header)
    return model.index(row, column).data()


def test_legs_show_each_end_on_its_own_clock(demo_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    tab = demo_window.open_event(CODE).select_tab("travel")
    with demo_db.reading() as session:
        assert tab.legs_model.rowCount() == len(list_legs(session, CODE))
        assert tab.stays_model.rowCount() == len(list_stays(session, CODE))
    row = _row(tab.legs_model, lambda leg: leg.number == "AF276")
    assert _text(tab.legs_model, row, "Departs (local)") == "Sat 19 Nov 23:25 CET"
    assert _text(tab.legs_model, row, "Arrives (local)") == "Sun 20 Nov 19:05 JST +1d"
    assert _text(tab.legs_model, row, "From") == "CDG" and _text(tab.legs_model, row, "To") == "HND"
    assert "(57)" in tab.legs_title.text() or tab.legs_title.text().startswith("<b>Travel legs</b>")


def test_sorting_by_arrival_follows_true_instants(demo_window) -> None:  # type: ignore[no-untyped-def]
    tab = demo_window.open_event(CODE).select_tab("travel")
    column = next(n for n, c in enumerate(tab.legs_model.columns) if c.header == "Arrives (local)")
    tab.legs_table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    arrivals = [leg.arrive for leg in tab.legs_model.rows()]
    assert arrivals == sorted(arrivals)  # by instant, not by the text of the local times
    tab.legs_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    names = [leg.name.casefold() for leg in tab.legs_model.rows()]
    assert names == sorted(names, reverse=True)


def test_filter_narrows_both_tables(demo_window) -> None:  # type: ignore[no-untyped-def]
    tab = demo_window.open_event(CODE).select_tab("travel")
    tab.filter.setText("etxeberria")
    assert {leg.name for leg in tab.legs_model.rows()} == {"Ane Etxeberria"}
    assert {stay.name for stay in tab.stays_model.rows()} == {"Ane Etxeberria"}
    assert " of " in tab.legs_title.text()


def test_editing_a_booking_ref_then_undo(demo_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    tab = demo_window.open_event(CODE).select_tab("travel")
    row = _row(tab.legs_model, lambda leg: leg.number == "AF276")
    leg_id = tab.legs_model.row_at(row).id
    column = next(n for n, c in enumerate(tab.legs_model.columns) if c.header == "Booking ref")
    old = tab.legs_model.row_at(row).booking_ref
    assert tab.legs_model.setData(tab.legs_model.index(row, column), "NEWREF")
    with demo_db.reading() as session:
        assert next(leg for leg in list_legs(session, CODE) if leg.id == leg_id).booking_ref == "NEWREF"
    tab = demo_window.event_page.select_tab("travel")  # the page reloads after the change
    assert tab.legs_model.row_at(tab.legs_model.row_of(lambda leg: leg.id == leg_id)).booking_ref == "NEWREF"
    demo_window.undo_stack.undo()
    with demo_db.reading() as session:
        assert next(leg for leg in list_legs(session, CODE) if leg.id == leg_id).booking_ref == old


def test_an_invalid_room_is_refused_and_not_recorded(demo_window, demo_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown = []
    monkeypatch.setattr("iurc_desktop.ui.shell.main_window.show_error", lambda parent, exc: shown.append(exc))
    tab = demo_window.open_event(CODE).select_tab("travel")
    column = next(n for n, c in enumerate(tab.stays_model.columns) if c.header == "Room")
    tab.stays_model.setData(tab.stays_model.index(0, column), "penthouse")
    assert demo_window.undo_stack.count() == 0
    assert len(shown) == 1 and "not a room type" in str(shown[0])


def test_remove_a_leg_and_a_stay_then_undo_books_them_again(demo_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    tab = demo_window.open_event(CODE).select_tab("travel")
    with demo_db.reading() as session:
        legs_before, stays_before = list_legs(session, CODE), list_stays(session, CODE)
    row = _row(tab.legs_model, lambda leg: leg.number == "AF276" and leg.person == "ane.etxeberria@example.eus")
    tab.legs_table.setCurrentIndex(tab.legs_model.index(row, 0))
    tab.remove_leg_button.click()
    with demo_db.reading() as session:
        assert len(list_legs(session, CODE)) == len(legs_before) - 1
    tab = demo_window.event_page.select_tab("travel")
    tab.stays_table.setCurrentIndex(tab.stays_model.index(0, 0))
    removed_stay = tab.stays_model.row_at(0)
    tab.remove_stay_button.click()
    demo_window.undo_stack.undo()
    demo_window.undo_stack.undo()
    with demo_db.reading() as session:
        legs_after, stays_after = list_legs(session, CODE), list_stays(session, CODE)

    def leg_key(leg):  # type: ignore[no-untyped-def]
        return (leg.person, leg.number, leg.depart, leg.arrive, leg.from_zone, leg.to_zone, leg.booking_ref)

    assert sorted(map(leg_key, legs_after)) == sorted(map(leg_key, legs_before))
    assert any(s.person == removed_stay.person and s.hotel == removed_stay.hotel and s.shares_with == removed_stay.shares_with
               for s in stays_after)
    assert len(stays_after) == len(stays_before)
    demo_window.undo_stack.redo()  # redo removes the re-booked leg (by its new id)
    with demo_db.reading() as session:
        assert not any(leg.number == "AF276" and leg.person == "ane.etxeberria@example.eus" for leg in list_legs(session, CODE))
        assert len(list_legs(session, CODE)) == len(legs_before) - 1


def test_models_pass_the_model_tester(qtmodeltester, demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.reading() as session:
        legs, stays = list_legs(session, CODE), list_stays(session, CODE)
    no_edit = lambda field: (lambda row, text: False)  # noqa: E731
    for columns, rows in ((leg_columns(no_edit), legs), (stay_columns(no_edit), stays)):
        model = SortedRowsModel(columns)
        model.set_rows(rows)
        qtmodeltester.check(model)
        model.sort(5, Qt.SortOrder.DescendingOrder)
        qtmodeltester.check(model)


def test_shares_with_names_the_roommate_and_the_filter_finds_them_by_name(demo_window) -> None:  # type: ignore[no-untyped-def]
    tab = demo_window.open_event(CODE).select_tab("travel")
    row = _row(tab.stays_model, lambda s: bool(s.shares_with))
    stay = tab.stays_model.row_at(row)
    mate = _text(tab.stays_model, row, "Shares with")
    assert "@" not in mate and mate == tab.name_of(stay.shares_with) and mate
    tab.filter.setText(mate.split()[-1])
    assert any(s.shares_with == stay.shares_with for s in tab.stays_model.rows())


def test_times_stay_whole_at_1280_pixels_and_places_share_what_is_missing(demo_window) -> None:  # type: ignore[no-untyped-def]
    """The arrival (with its +1d) was the column squeezed to nothing; places, carriers and hotels give way instead."""
    demo_window.resize(1280, 800)
    for code in ("r2r-korea-2027", CODE):  # the Japan visit arrives "Sun 20 Nov 00:40 UTC+03 +1d"
        tab = demo_window.open_event(code).select_tab("travel")
        table, model = tab.legs_table, tab.legs_model
        metrics = table.fontMetrics()
        for header in ("Departs (local)", "Arrives (local)", "Booking ref"):
            column = next(n for n, c in enumerate(model.columns) if c.header == header)
            shown = range(max(table.rowAt(0), 0), max(table.rowAt(table.viewport().height() - 1), 0) + 1)  # on screen
            widest = max(metrics.horizontalAdvance(model.index(r, column).data() or "") for r in shown)
            assert table.columnWidth(column) >= widest, (code, header)
        assert sum(table.columnWidth(c) for c in range(model.columnCount())) <= table.viewport().width()
