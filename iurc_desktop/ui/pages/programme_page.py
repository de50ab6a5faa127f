"""The Programme page: progress against the targets, thematic clusters with their members, geographical pairings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QPushButton, QTabWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ...app.reports import ClusterView, PairingView, ProgrammeReport, programme_overview
from .. import operations_export as ops
from ..models.table import Column, RowsTableModel
from ..shell.context import Context
from ..widgets.target_bars import TargetBars
from .dashboard_page import targets_of
from .list_page import fit_columns, make_table


def _side(eu: bool) -> str:
    return "EU" if eu else "non-EU"


PAIRING_COLUMNS = (
    Column("EU partner", "eu_name"),
    Column("Country", "eu_country"),
    Column("Non-EU partner", lambda p: f"{p.partner_name} ({p.partner_local_name})" if p.partner_local_name else p.partner_name),
    Column("Country ", "partner_country"),
    Column("Theme", "theme"),
    Column("Status", "status"),
    Column("Fund application", lambda p: p.fund_application or "—",
           tooltip="the pairing's application to the programme's competitive fund"),
    Column("Notes", "notes"),
)

ENGAGED_COLUMNS = (
    Column("Name", "name"),
    Column("Own script", "local_name"),
    Column("City or region", "category"),
    Column("Country", "country"),
    Column("Side", lambda e: _side(e.eu)),
)


class ProgrammePage(QWidget):
    """Read-only view of the programme; refreshed when shown and when data changes."""

    status = Signal(str)
    done = Signal(object)  # the report export finished: its ReportResult

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: ProgrammeReport | None = None
        self.choose_path = lambda title, name, filters: ops.ask_save_path(self, title, name, filters)
        self.heading = QLabel("<h2>Programme</h2>")
        self.targets = TargetBars()
        self.export_button = QPushButton("Export programme report…")
        self.export_button.setAccessibleName("Export programme report")
        self.export_button.clicked.connect(self.export_report)
        self.clusters = QTreeWidget()
        self.clusters.setAccessibleName("Thematic clusters")
        self.clusters.setHeaderLabels(["Cluster / member", "Own script", "Kind / theme", "Country", "Side"])
        self.clusters.setAlternatingRowColors(True)
        self.pairings_model = RowsTableModel(PAIRING_COLUMNS, parent=self)
        self.pairings_table = make_table("Geographical pairings")
        self.pairings_table.setModel(self.pairings_model)
        self.engaged_model = RowsTableModel(ENGAGED_COLUMNS, parent=self)
        self.engaged_table = make_table("Engaged cities and regions")
        self.engaged_table.setModel(self.engaged_model)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.clusters, "Thematic clusters")
        self.tabs.addTab(self.pairings_table, "Geographical pairings")
        self.tabs.addTab(self.engaged_table, "Engaged cities and regions")

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addSpacing(6)
        layout.addWidget(self.targets)
        layout.addWidget(self.tabs, 1)
        ctx.changes.changed.connect(lambda _topic: self.refresh() if self.isVisible() else None)

    def refresh(self) -> None:
        try:
            overview = programme_overview(self.ctx.db)
        except Exception as exc:
            self.ctx.report(exc)
            return
        self.show_programme(overview.report, overview.clusters, overview.pairings)

    def show_programme(self, report: ProgrammeReport, clusters: tuple[ClusterView, ...], pairings: tuple[PairingView, ...]) -> None:
        self.report = report
        self.targets.set_targets(targets_of(report))
        self._fill_clusters(clusters)
        self.pairings_model.set_rows(pairings)
        self.engaged_model.set_rows(report.engaged)
        fit_columns(self.pairings_table, 7, 36)
        fit_columns(self.engaged_table, 0, 40)
        self.tabs.setTabText(0, f"Thematic clusters ({len(clusters)})")
        self.tabs.setTabText(1, f"Geographical pairings ({len(pairings)})")
        self.tabs.setTabText(2, f"Engaged cities and regions ({len(report.engaged)})")
        cities, regions = report.targets
        self.heading.setText(f"<h2>Programme</h2>{cities.total} of {cities.target} cities and {regions.total} of "
                             f"{regions.target} regions engaged; {len(clusters)} thematic clusters, {len(pairings)} pairings.")
        self.status.emit(f"Programme: {cities.total} cities, {regions.total} regions engaged")

    def _fill_clusters(self, clusters: tuple[ClusterView, ...]) -> None:
        self.clusters.clear()
        for cluster in clusters:
            non_eu = len(cluster.members) - cluster.eu_members
            top = QTreeWidgetItem([f"{cluster.name}", "", cluster.theme, "", f"EU {cluster.eu_members} · non-EU {non_eu}"])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setToolTip(0, cluster.description)
            for m in cluster.members:
                top.addChild(QTreeWidgetItem([m.name, m.local_name, m.kind, m.country, _side(m.eu)]))
            self.clusters.addTopLevelItem(top)
        self.clusters.expandAll()
        for column in range(self.clusters.columnCount()):
            self.clusters.resizeColumnToContents(column)
            self.clusters.setColumnWidth(column, self.clusters.columnWidth(column) + 16)  # room to breathe

    def cluster_members(self) -> dict[str, list[str]]:
        """What the tree shows: each cluster's member names."""
        out = {}
        for i in range(self.clusters.topLevelItemCount()):
            top = self.clusters.topLevelItem(i)
            out[top.text(0)] = [top.child(j).text(0) for j in range(top.childCount())]
        return out

    def export_report(self) -> None:
        path = self.choose_path("Save the programme report as", "iurc-programme-report.xlsx", "Excel workbook (*.xlsx)")
        if not path:
            return

        def finished(result: Any) -> None:
            self.status.emit(f"Saved the programme report to {result.path}")
            self.done.emit(result)

        ops.start(self, self.ctx, "Writing the programme report…", ops.report_job(self.ctx.db, path), finished, self.status.emit)

