"""The World clock tab: the strip's rows match `world_clock`, and the slot finder lists ranked times."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from iurc_desktop.core.events.worldclock import clock_for, world_clock
from iurc_desktop.core.timeutil import to_utc
from iurc_desktop.ui.models.sorted_rows import SortedRowsModel
from iurc_desktop.ui.pages.worldclock_tab import SLOT_COLUMNS, SlotRow
from iurc_desktop.ui.shell.main_window import MainWindow
from iurc_desktop.ui.widgets.world_clock_strip import WorldClockStrip, strip_row

WEBINAR = "cluster-energy-webinar-2026"


@pytest.fixture
def demo_window(qtbot, demo_db):  # type: ignore[no-untyped-def]
    win = MainWindow(demo_db, viewer_zone="Europe/Brussels")
    qtbot.addWidget(win)
    win.show()
    yield win
    win.tasks.shutdown()


def test_tab_only_on_webinars(demo_window) -> None:  # type: ignore[no-untyped-def]
    page = demo_window.open_event("r2r-japan-2022")
    assert not page.tabs.isTabVisible(page.tabs.indexOf(page.tab_widgets["worldclock"]))
    page = demo_window.open_event(WEBINAR)
    assert page.tabs.isTabVisible(page.tabs.indexOf(page.tab_widgets["worldclock"]))


def test_strip_rows_match_the_world_clock(demo_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    tab = demo_window.open_event(WEBINAR).select_tab("worldclock")
    with demo_db.reading() as session:
        clock = world_clock(session, WEBINAR, tab.item.currentData())
    rows = tab.strip.rows
    assert [r.zone for r in rows] == [z.zone for z in clock.zones]
    assert [r.people for r in rows] == [z.people for z in clock.zones]
    for row, zt in zip(rows, clock.zones):
        assert row.local.startswith(f"{zt.start:%H:%M}–{zt.end:%H:%M}")
        assert (row.state != "inside") == zt.outside_hours
    auckland = next(r for r in rows if r.zone == "Pacific/Auckland")
    assert auckland.local == "20:00–20:15 NZST" and auckland.state == "amber"
    assert "Pacific/Auckland clocks go back" in tab.notes.text()  # the DST note, 5 days before
    bar = tab.strip.bar_rect(0)
    session_x = [tab.strip.session_rect(n).center().x() for n in range(len(rows))]
    assert max(session_x) - min(session_x) < 1 and bar.left() < session_x[0] < bar.right()


def test_choosing_another_item_and_hours_redraws(demo_window) -> None:  # type: ignore[no-untyped-def]
    tab = demo_window.open_event(WEBINAR).select_tab("worldclock")
    tab.item.setCurrentIndex(tab.item.count() - 1)
    last = tab.strip.rows
    tab.low.setValue(7)
    tab.high.setValue(22)
    assert all(r.state == "inside" for r in tab.strip.rows if r.people)  # 21:45 NZST is inside 07-22
    assert tab.strip.working_hours == (7, 22) and last


def test_next_day_and_out_of_hours_marks() -> None:
    start = to_utc(datetime(2026, 4, 9, 18, 0), "Europe/Brussels")
    zones = clock_for(start, start + timedelta(hours=1), {"Europe/Brussels": 2, "Pacific/Auckland": 1},
                      reference_zone="Europe/Brussels")
    rows = [strip_row(z) for z in zones]
    assert rows[1].zone == "Pacific/Auckland" and rows[1].day_mark == "+1d"
    assert rows[1].local == "04:00–05:00 NZST" and rows[1].state == "outside"
    strip = WorldClockStrip()
    strip.resize(1000, 200)
    strip.set_clock(start, start + timedelta(hours=1), zones, (8, 20), "Europe/Brussels")
    spans = strip.working_spans(1)
    assert spans and all(s < e for s, e in spans)
    assert strip.grab().width() == 1000  # paints without error


def test_slot_finder_lists_ranked_slots_and_previews_one(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    tab = demo_window.open_event(WEBINAR).select_tab("worldclock")
    tab.duration.setValue(90)
    tab.find_button.click()
    qtbot.waitUntil(lambda: tab.slots_model.rowCount() > 0, timeout=10000)
    rows = tab.slots_model.rows()
    assert [r.rank for r in rows] == list(range(1, len(rows) + 1))
    insides = [r.slot.inside for r in rows]
    assert insides == sorted(insides, reverse=True)
    best = rows[0].slot
    assert tab.slots_model.index(0, 2).data() == f"{best.inside} of {best.total}"
    assert best.inside >= rows[-1].slot.inside
    assert best.start.weekday() < 5 and date(2026, 4, 9) <= best.start.date() <= date(2026, 4, 22)
    tab.slots_table.selectRow(0)
    assert tab.strip.start == best.start and "Candidate" in tab.showing.text()
    assert "best:" in tab.slots_status.text()


def test_slot_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.core.events.worldclock import find_slots

    slots = find_slots(date(2026, 4, 6), date(2026, 4, 7), timedelta(hours=1),
                       {"Europe/Brussels": 2, "Asia/Tokyo": 1, "Pacific/Auckland": 1}, event_zone="Europe/Brussels", limit=10)
    model = SortedRowsModel(SLOT_COLUMNS)
    model.set_rows([SlotRow(n + 1, s) for n, s in enumerate(slots)])
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert model.rows()[0].slot.start == max(s.start for s in slots)
    qtmodeltester.check(model)


@pytest.mark.parametrize("code", ["cluster-mobility-webinar-2027", "cluster-energy-webinar-2026"])
def test_every_zone_row_is_visible_at_1280x800_and_the_line_names_the_late_zones(qtbot, demo_window, code) -> None:  # type: ignore[no-untyped-def]
    demo_window.resize(1280, 800)
    tab = demo_window.open_event(code).select_tab("worldclock")
    qtbot.waitExposed(demo_window)
    qtbot.wait(10)
    strip = tab.strip
    bottom = strip.mapTo(tab, strip.rect().topLeft()).y() + strip.sizeHint().height() - 8
    viewport = strip.parentWidget().parentWidget()  # the scroll area's viewport
    visible = viewport.mapTo(tab, viewport.rect().bottomLeft()).y()
    assert bottom <= visible + 1, "the last zone row is below the fold"
    late = [r.city for r in strip.rows if r.people and r.state != "inside"]
    assert late, "the demo webinars each have a zone outside working hours"
    for name in late:
        assert name in tab.showing.text()
    inside = [r.city for r in strip.rows if r.state == "inside"]
    assert not any(f"{name} (" in tab.showing.text() for name in inside)
