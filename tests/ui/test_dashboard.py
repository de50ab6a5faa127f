"""The Dashboard page: target bars and bar charts drawn from core.programme.report's figures."""

from __future__ import annotations

import pytest

from iurc_desktop.core.programme.report import programme_report
from iurc_desktop.ui.shell.main_window import MainWindow
from iurc_desktop.ui.shell.palette import dark_palette
from iurc_desktop.ui.widgets.charts import Bar, BarChart
from iurc_desktop.ui.widgets.target_bars import Target, TargetBars


@pytest.fixture
def demo_window(qtbot, demo_db):
    win = MainWindow(demo_db, viewer_zone="Europe/Brussels")
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    win.tasks.shutdown()


def test_bar_lengths_are_proportional_to_values(qtbot):
    chart = BarChart("Test")
    qtbot.addWidget(chart)
    chart.resize(500, chart.sizeHint().height())
    chart.set_bars([Bar("JP", 10), Bar("DE", 5), Bar("KR", 0)])
    rects = chart.bar_rects()
    assert rects[0].width() == pytest.approx(2 * rects[1].width())
    assert rects[2].width() == 0
    assert rects[0].left() == rects[1].left() and rects[0].top() < rects[1].top() < rects[2].top()
    assert rects[0].right() < chart.width()  # room left for the value


def test_many_rows_fold_into_others(qtbot):
    chart = BarChart("Countries", max_rows=3)
    qtbot.addWidget(chart)
    chart.set_bars([Bar("A", 5), Bar("B", 4), Bar("C", 2), Bar("D", 1)])
    assert [(b.label, b.value) for b in chart.bars] == [("A", 5), ("B", 4), ("2 others", 3)]


def test_target_bars_scale_to_the_target(qtbot):
    bars = TargetBars()
    qtbot.addWidget(bars)
    bars.resize(612, bars.sizeHint().height())
    bars.set_targets([Target("Cities", 60, 15, 15)])
    eu, non_eu, mark = bars.segment_rects()[0]
    assert eu.width() == pytest.approx(non_eu.width()) and eu.right() == pytest.approx(non_eu.left())
    assert non_eu.right() - eu.left() == pytest.approx((mark - eu.left()) / 2)  # 30 of 60: half way
    assert bars.targets[0].caption() == "Cities: 30 of 60 engaged (50%) · EU 15 · non-EU 15"


def test_dashboard_shows_the_programme_figures(demo_window, demo_db, qtbot):
    page = demo_window.show_page("dashboard")
    with demo_db.reading() as s:
        report = programme_report(s)
    shown = {t.label: (t.target, t.eu, t.non_eu) for t in page.targets.targets}
    assert shown == {t.category.capitalize(): (t.target, t.eu, t.non_eu) for t in report.targets}
    assert shown["Cities"][0] == 60 and shown["Regions"][0] == 28
    countries = {b.label: b.value for b in page.by_country.bars}
    assert countries == {r.label: r.participants for r in report.by_country}
    assert sum(b.value for b in page.by_gender.bars) == sum(r.participants for r in report.by_gender)
    assert {b.value for b in page.by_sector.bars} == {r.participants for r in report.by_sector}
    assert sorted(b.value for b in page.by_kind.bars) == sorted(r.events for r in report.events_by_kind)
    biggest = max(page.by_country.bars, key=lambda b: b.value)
    rects = page.by_country.bar_rects()
    longest = max(rects, key=lambda r: r.width())
    assert page.by_country.bars[rects.index(longest)].value == biggest.value
    # every row gets its room once the layout settles: nothing is clipped
    qtbot.waitUntil(lambda: page.by_country.height() >= page.by_country.sizeHint().height(), timeout=15_000)


def test_dashboard_in_dark_mode_paints_with_the_palette(qtbot, demo_window):
    demo_window.setPalette(dark_palette())
    page = demo_window.show_page("dashboard")
    image = page.by_country.grab().toImage()
    assert image.pixelColor(2, 2).lightness() < 80  # the chart's background follows the dark palette
