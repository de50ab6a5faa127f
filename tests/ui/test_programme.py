"""The Programme page: clusters with members, pairings, targets from core.programme.report, and the report export."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt

from iurc_desktop.core.programme.clusters import list_clusters, list_pairings
from iurc_desktop.core.programme.report import programme_report
from iurc_desktop.ui.shell.main_window import MainWindow


@pytest.fixture
def page(qtbot, demo_db):
    win = MainWindow(demo_db, viewer_zone="Europe/Brussels")
    qtbot.addWidget(win)
    win.show()
    yield win.show_page("programme")
    win.tasks.shutdown()


def test_clusters_with_their_members(page, demo_db):
    members = page.cluster_members()
    assert "Energy transition and hydrogen" in members
    assert len(members) == 3
    energy = members["Energy transition and hydrogen"]
    assert len(energy) == 7
    with demo_db.reading() as s:
        assert {c.name: [m.name for m in c.members] for c in list_clusters(s)} == members
    assert page.tabs.tabText(0) == "Thematic clusters (3)"


def test_pairings_table(page, demo_db, qtmodeltester):
    page.tabs.setCurrentIndex(1)  # the pairings are read when their tab is shown
    model = page.pairings_model
    assert model.rowCount() == 4
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:3] == ["EU partner", "Country", "Non-EU partner"] and "Fund application" in headers
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    dublin = next(r for r in rows if r[0].startswith("Dublin"))
    assert dublin[2].startswith("Seoul") and dublin[5] == "active" and dublin[6] == "submitted"
    with demo_db.reading() as s:
        assert [p.key for p in list_pairings(s)] == [model.row_at(r).key for r in range(4)]
    qtmodeltester.check(model)
    page.tabs.setCurrentIndex(2)
    qtmodeltester.check(page.engaged_model)
    qtmodeltester.check(page.clusters_model)


def test_targets_match_the_report(page, demo_db):
    with demo_db.reading() as s:
        report = programme_report(s)
    cities, regions = report.targets
    assert [(t.target, t.eu, t.non_eu) for t in page.targets.targets] == [(60, cities.eu, cities.non_eu), (28, regions.eu, regions.non_eu)]
    assert f"{cities.total} of 60 cities and {regions.total} of 28 regions" in page.heading.text()
    page.tabs.setCurrentIndex(2)  # the engaged places are read when their tab is shown
    assert page.engaged_model.rowCount() == cities.total + regions.total


def test_export_report_on_the_worker(page, qtbot, tmp_path):
    path = tmp_path / "report.xlsx"
    page.choose_path = lambda title, name, filters: path if name == "iurc-programme-report.xlsx" else None
    with qtbot.waitSignal(page.done, timeout=15000):
        page.export_report()
    wb = openpyxl.load_workbook(path)
    assert len(wb.sheetnames) >= 5
