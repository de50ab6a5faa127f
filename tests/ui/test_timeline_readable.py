"""The itinerary timeline stays readable in a 1280×800 window: labels fit or wrap by words, zoom keeps text size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from iurc_desktop.ui.shell.main_window import MainWindow
from iurc_desktop.ui.widgets.timeline import Placed, Timeline

STUDY_VISITS = ("r2r-japan-2022", "r2r-korea-2027")


@pytest.fixture
def window(qtbot, demo_db):  # type: ignore[no-untyped-def]
    win = MainWindow(demo_db, viewer_zone="Europe/Brussels")
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.tasks.shutdown()


def _timeline(qtbot, window: MainWindow, code: str) -> Timeline:  # type: ignore[no-untyped-def]
    tab = window.open_event(code).select_tab("itinerary")
    qtbot.wait(20)  # the view lays out and fits the days
    return tab.timeline


def _texts(timeline: Timeline, placed: Placed) -> list[str]:
    return [line.text for line in timeline.labels(placed)]


def _words_cut(text: str) -> bool:
    """A label cut inside its first word ('T…', 'KE93…'): nothing a reader can use."""
    first = text.split(" ")[0]
    return first.endswith("…") and len(first) <= 6


@pytest.mark.parametrize("code", STUDY_VISITS)
def test_every_block_of_the_demo_visits_says_something_whole_at_1280x800(qtbot, window, code) -> None:  # type: ignore[no-untyped-def]
    timeline = _timeline(qtbot, window, code)
    items = [p for p in timeline.placed if p.part == "item"]
    chips = [p for p in timeline.placed if p.part == "chip"]
    assert items and chips
    for placed in items:
        texts = _texts(timeline, placed)
        assert texts, placed.block.title
        assert texts[0][:2].isdigit(), texts  # starts with its time: "09:30…"
        title_lines = [t for t in texts[1:] if not t.startswith("you:")]
        if placed.rect.height() >= 40:  # an hour or more: the time, then the title's first words whole
            assert title_lines and not _words_cut(title_lines[0]), (placed.block.title, texts)
        assert not any(t in ("…", "") for t in texts)
    for placed in chips:
        number, times = _texts(timeline, placed)
        assert number == placed.block.title.split(" ")[0] or placed.block.title.startswith(number)  # 'KE934', whole
        assert times.count(":") >= 1 and not times.endswith("…"), times  # a time, never cut: '→13:35 JST'


def test_a_narrow_block_wraps_its_title_by_words_and_its_tooltip_has_everything(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    timeline = _timeline(qtbot, window, "r2r-japan-2022")
    placed = next(p for p in timeline.placed if p.part == "item" and p.block.key == "aichi-visit")
    texts = _texts(timeline, placed)
    place = placed.block.subtitle
    title = " ".join(t for t in texts[1:] if not place.startswith(t.rstrip("…")))
    assert len(texts) >= 3  # wrapped over lines, not cut to one
    assert title.replace("…", "").split()[0] == "Aichi"
    assert all(word in placed.block.title for word in title.replace("…", "").split()[:-1])  # whole words, in order
    assert "Aichi Science & Technology Foundation" in placed.block.tooltip


def test_zoom_keeps_the_text_size_and_ctrl_wheel_zooms(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    timeline = _timeline(qtbot, window, "r2r-korea-2027")
    tab = window.event_page.tab_widgets["itinerary"]
    size = timeline.labels(next(p for p in timeline.placed if p.part == "item"))[0].font.pointSizeF()
    before = timeline.lane_w
    wheel = QWheelEvent(QPointF(50, 50), QPointF(timeline.mapToGlobal(QPoint(50, 50))), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(timeline, wheel)
    assert timeline.lane_w > before and not tab.fitting
    timeline.relayout()
    after = timeline.labels(next(p for p in timeline.placed if p.part == "item"))[0].font.pointSizeF()
    assert after == pytest.approx(size)  # wider days, same letters
    for _ in range(10):
        tab.zoom_out()
    small = timeline.labels(next(p for p in timeline.placed if p.part == "item"))[0].font.pointSizeF()
    assert small == pytest.approx(size)
