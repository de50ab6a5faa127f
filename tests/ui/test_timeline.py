"""The itinerary timeline: lanes per group, shared items across lanes, travel and nights, clicks."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QPoint, Qt

from iurc_desktop.core.events.listing import get_event
from iurc_desktop.core.local_times import leg_times
from iurc_desktop.core.travel.legs import list_legs
from iurc_desktop.core.travel.stays import list_stays
from iurc_desktop.ui.dialogs.item_dialog import ItemDialog
from iurc_desktop.ui.pages.itinerary_tab import build_timeline
from iurc_desktop.ui.shell.main_window import MainWindow
from iurc_desktop.ui.widgets.timeline import MIN_LANE_W, Block, Timeline, TimelineData, hour_range, pack

TOKYO = "Asia/Tokyo"


@pytest.fixture
def demo_window(qtbot, demo_db):  # type: ignore[no-untyped-def]
    win = MainWindow(demo_db, viewer_zone="Europe/Brussels")
    qtbot.addWidget(win)
    win.show()
    yield win
    win.tasks.shutdown()


def _timeline(window: MainWindow, code: str = "r2r-japan-2022"):  # type: ignore[no-untyped-def]
    tab = window.open_event(code).select_tab("itinerary")
    return tab, tab.timeline


def test_one_lane_per_group_and_shared_items_span_them(demo_window) -> None:  # type: ignore[no-untyped-def]
    tab, timeline = _timeline(demo_window)
    assert timeline.data.lanes == ("Group A", "Group B")
    days = timeline.data.days
    assert days[0] <= date(2022, 11, 20) and days[-1] >= date(2022, 11, 26)
    monday = days.index(date(2022, 11, 21))
    lane_a, lane_b = timeline.lane_rect(monday, 0), timeline.lane_rect(monday, 1)
    assert lane_a.right() == pytest.approx(lane_b.left())
    (welcome,) = timeline.rects("welcome", "item")  # an item for everyone spans both lanes
    assert welcome.left() < lane_a.center().x() and welcome.right() > lane_b.center().x()
    tuesday = days.index(date(2022, 11, 22))
    (aichi,) = timeline.rects("aichi-visit", "item")  # group A only
    (osaka,) = timeline.rects("osaka-visit", "item") or timeline.rects(_key(timeline, "Osaka Prefecture"), "item")
    assert timeline.lane_rect(tuesday, 0).contains(aichi)
    assert timeline.lane_rect(tuesday, 1).contains(osaka)
    assert aichi.top() == pytest.approx(osaka.top())  # same time, 09:30 JST, side by side
    assert aichi.bottom() < timeline.rects(_key(timeline, "Lunch hosted by Aichi"), "item")[0].top() + 1


def _key(timeline: Timeline, title_start: str) -> str:
    return next(b.key for b in timeline.data.blocks if b.title.startswith(title_start))


def test_travel_and_hotel_nights_are_on_the_lanes_of_their_groups(demo_window) -> None:  # type: ignore[no-untyped-def]
    _, timeline = _timeline(demo_window)
    days = timeline.data.days
    af276 = next(b for b in timeline.data.blocks if b.kind == "travel" and b.title.startswith("AF276"))
    assert leg_times(af276.start, af276.end) == "23:25 CET → 19:05 JST +1d"
    (chip,) = timeline.rects(af276.key, "chip")
    sunday = days.index(date(2022, 11, 20))  # arrives on Sunday in Tokyo
    lane = af276.lanes[0]
    assert chip.left() >= timeline.lane_rect(sunday, lane).left() and chip.bottom() < timeline.grid_top()
    assert timeline.rects(af276.key, "band")  # and at its true times on the grid
    nagoya = [b for b in timeline.data.blocks if b.kind == "stay" and b.title == "Hotel Nagoya Castle"]
    assert nagoya and all(b.lanes == (0,) for b in nagoya)  # group A sleeps in Nagoya
    nights = timeline.rects(nagoya[0].key, "night")
    assert len(nights) == 2 and all(r.top() > timeline.lane_rect(0, 0).bottom() for r in nights)


def test_click_selects_and_double_click_opens_the_item_editor(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    tab, timeline = _timeline(demo_window)
    (rect,) = timeline.rects("welcome", "item")
    with qtbot.waitSignal(timeline.selected) as picked:
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert picked.args == ["welcome"] and timeline.selected_key == "welcome"
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert timeline.selected_key == ""
    qtbot.mouseDClick(timeline, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    dialogs = [d for d in demo_window.findChildren(ItemDialog) if d.isVisible()]
    assert [d.record["key"] for d in dialogs] == ["welcome"]


def test_an_edit_moves_the_block(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.ui.dialogs.item_dialog import open_item_dialog
    from PySide6.QtCore import QTime

    tab, timeline = _timeline(demo_window)
    before = timeline.rects("welcome", "item")[0].top()
    dialog = open_item_dialog(demo_window.ctx, tab, "r2r-japan-2022", "welcome")
    dialog.start.time.setTime(QTime(8, 30))
    dialog.end.time.setTime(QTime(9, 30))
    dialog.save()
    tab = demo_window.event_page.select_tab("itinerary")
    assert tab.timeline.rects("welcome", "item")[0].top() < before


def test_participant_panel_lists_their_itinerary_by_day_with_cjk_names(demo_window) -> None:  # type: ignore[no-untyped-def]
    tab, _ = _timeline(demo_window)
    panel = tab.person_panel
    labels = [panel.person.itemText(n) for n in range(panel.person.count())]
    assert any("高橋 結衣" in label for label in labels)
    panel.choose("ane.etxeberria@example.eus")
    texts = panel.entry_texts()
    assert ("23:25 CET → 19:05 JST +1d\nyou: 23:25–11:05 +1d CET", "Flight CDG → HND (AF276)") in texts
    assert any(what == "Aichi Science & Technology Foundation" for _, what in texts)
    assert not any("Osaka" in what for _, what in texts)  # group B's items are not hers
    assert panel.tree.topLevelItem(0).text(0).startswith("Sat 19 Nov 2022")  # core.local_times.day, as everywhere


def test_event_without_groups_has_one_lane() -> None:
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(TOKYO)
    block = Block("x", "item", "Talk", datetime(2026, 1, 5, 9, tzinfo=tz), datetime(2026, 1, 5, 10, tzinfo=tz), (0,))
    data = TimelineData(TOKYO, TOKYO, (date(2026, 1, 5),), ("Everyone",), (block,))
    assert hour_range(data) == (9, 13)  # from the item's hour, at least four hours tall
    timeline = Timeline()
    timeline.resize(800, 600)
    timeline.set_data(data)
    (rect,) = timeline.rects("x")
    assert timeline.lane_rect(0, 0).contains(rect)


def test_overlapping_spans_sharing_a_lane_go_side_by_side() -> None:
    slots = pack([("a", 0, 10, frozenset({0})), ("b", 5, 15, frozenset({0})), ("c", 5, 15, frozenset({1})),
                  ("d", 20, 30, frozenset({0}))])
    assert slots == {"a": (0, 2), "b": (1, 2), "c": (0, 1), "d": (0, 1)}


def test_build_timeline_puts_people_without_group_in_their_own_lane(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.reading() as session:
        detail = get_event(session, "networking-seoul-2026")
        data = build_timeline(detail, list_legs(session, detail.row.code), list_stays(session, detail.row.code), "UTC")
    assert data.lanes == ("Everyone",)
    assert all(b.lanes == (0,) for b in data.blocks)


def test_hours_run_from_the_first_start_rounded_down_to_the_last_end_rounded_up() -> None:
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(TOKYO)
    blocks = (Block("a", "item", "Visit", datetime(2026, 1, 5, 9, 30, tzinfo=tz), datetime(2026, 1, 5, 12, tzinfo=tz), (0,)),
              Block("b", "item", "Dinner", datetime(2026, 1, 6, 18, tzinfo=tz), datetime(2026, 1, 6, 20, 15, tzinfo=tz), (0,)))
    data = TimelineData(TOKYO, TOKYO, (date(2026, 1, 5), date(2026, 1, 6)), ("Everyone",), blocks)
    assert hour_range(data) == (9, 21)


def test_fit_week_keeps_labels_readable_at_1280x800_and_zoom_out_shows_every_day(demo_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    demo_window.resize(1280, 800)
    tab = demo_window.open_event("r2r-korea-2027").select_tab("itinerary")
    qtbot.waitExposed(demo_window)
    qtbot.wait(10)
    timeline, days = tab.timeline, len(tab.timeline.data.days)
    assert days >= 7
    assert timeline.lane_w >= MIN_LANE_W  # readable: the days scroll rather than squeeze their text
    assert f"of {days} days in view" in tab.zoom_label.text()
    readable = timeline.lane_w
    tab.activateWindow()
    tab.scroll.setFocus()
    qtbot.keyClick(tab.scroll, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert timeline.lane_w > readable and not tab.fitting
    for _ in range(12):
        tab.zoom_out()
    qtbot.waitUntil(lambda: timeline.width() <= tab.scroll.viewport().width(), timeout=1000)  # zoomed out: the whole visit in view
    assert f"all {days} of {days} days in view" in tab.zoom_label.text()
    qtbot.keyClick(tab.scroll, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert tab.fitting
    qtbot.waitUntil(lambda: abs(timeline.lane_w - readable) <= 1, timeout=1000)  # once the view has laid out again
