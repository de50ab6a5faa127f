"""The World clock tab adds any zone (a bad one said beside the field) and moves the session to a found slot, undoably."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from iurc_desktop.app.events import event_detail
from iurc_desktop.ui.shell.main_window import MainWindow

WEBINAR = "cluster-energy-webinar-2026"


@pytest.fixture
def tab(qtbot, demo_db):  # type: ignore[no-untyped-def]
    win = MainWindow(demo_db, viewer_zone="Europe/Brussels")
    qtbot.addWidget(win)
    win.show()
    yield win.open_event(WEBINAR).select_tab("worldclock")
    win.tasks.shutdown()


def type_zone(qtbot, tab, text: str) -> None:  # type: ignore[no-untyped-def]
    line = tab.zone_to_add.lineEdit()
    line.clear()
    for char in text:
        qtbot.keyClicks(line, char)


def test_any_zone_can_be_added_and_a_region_is_refused_beside_the_field(qtbot, tab) -> None:  # type: ignore[no-untyped-def]
    assert "America/Sao_Paulo" not in [r.zone for r in tab.strip.rows]
    type_zone(qtbot, tab, "Europe")
    qtbot.mouseClick(tab.add_zone_button, Qt.MouseButton.LeftButton)
    assert tab.zone_problem.isVisibleTo(tab) and "Europe is a region, not a time zone" in tab.zone_problem.text()
    type_zone(qtbot, tab, "America/Sao_Paulo")
    assert not tab.zone_problem.isVisibleTo(tab)
    qtbot.mouseClick(tab.add_zone_button, Qt.MouseButton.LeftButton)
    row = next(r for r in tab.strip.rows if r.zone == "America/Sao_Paulo")
    assert row.people == 0 and row.local.startswith("05:00–05:15")  # 10:00 in Brussels (CEST) is 05:00 in São Paulo
    assert tab.clear_zones_button.isVisibleTo(tab)
    tab.item.setCurrentIndex(1)  # another session keeps the added zone
    assert "America/Sao_Paulo" in [r.zone for r in tab.strip.rows]
    qtbot.mouseClick(tab.clear_zones_button, Qt.MouseButton.LeftButton)
    assert "America/Sao_Paulo" not in [r.zone for r in tab.strip.rows]


def test_use_this_slot_moves_the_session_and_undo_puts_it_back(qtbot, tab, demo_db) -> None:  # type: ignore[no-untyped-def]
    key = tab.item.currentData()
    before = next(i for i in event_detail(demo_db, WEBINAR).items if i.key == key)
    assert not tab.use_slot_button.isEnabled()
    with qtbot.waitSignal(tab.slots_model.modelReset, timeout=15000):
        qtbot.mouseClick(tab.find_button, Qt.MouseButton.LeftButton)
    tab.slots_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    best = tab.slots_model.row_at(0).slot
    assert best.start != before.start
    tab.slots_table.selectionModel().select(tab.slots_model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                            | QItemSelectionModel.SelectionFlag.Rows)
    assert tab.use_slot_button.isEnabled()
    qtbot.mouseClick(tab.use_slot_button, Qt.MouseButton.LeftButton)

    def session():  # type: ignore[no-untyped-def]
        return next(i for i in event_detail(demo_db, WEBINAR).items if i.key == key)

    moved = session()
    assert moved.start == best.start and moved.end - moved.start == before.end - before.start
    assert tab.item.currentData() == key and tab.strip.start == best.start  # the strip shows it at its new time
    tab.ctx.undo.undo()
    assert session().start == before.start and tab.strip.start == before.start
    tab.ctx.undo.redo()
    assert session().start == best.start


def test_the_use_case_refuses_a_region_as_an_added_zone(demo_db) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.app.worldclock import world_clock
    from iurc_desktop.core.errors import TimeError

    with pytest.raises(TimeError, match="region, not a time zone"):
        world_clock(demo_db, WEBINAR, extra_zones=("Europe",))
    zones = [z.zone for z in world_clock(demo_db, WEBINAR, extra_zones=("Asia/Kolkata",)).zones]
    assert "Asia/Kolkata" in zones
