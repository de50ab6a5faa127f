"""The Programme page: progress against the targets, thematic clusters with their members, geographical pairings.

Clusters and pairings are created, edited and removed here, each an undoable
command: New (button or shortcut), Edit (Enter, double-click, F4), Remove
(Delete; on a member row it takes that member out of its cluster).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QTreeView, QVBoxLayout, QWidget

from ...app.reports import ProgrammeSummary, engaged_places, pairings, programme_summary
from .. import operations_export as ops
from ..commands.keyed_records import EditRecord, RecordCommand, RemoveRecord
from ..commands.organisations import CLUSTER_STEPS, PAIRING_STEPS
from ..models.cluster_tree import KEY, ClusterTreeModel, side
from ..models.table import Column, RowsTableModel
from ..shell.context import Context
from ..widgets.target_bars import TargetBars
from .dashboard_page import targets_of
from .list_page import SIZED_ROWS, fit_columns, make_table
from .record_actions import page_action, push, tool_bar

CLUSTERS_TAB, PAIRINGS_TAB, ENGAGED_TAB = range(3)

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
    Column("Side", lambda e: side(e.eu)),
)


class ProgrammePage(QWidget):
    """The programme's targets, clusters and pairings; refreshed when shown and when data changes.

    The clusters come with the targets; the pairings and the engaged places are read when their tab is
    first shown after a refresh (their counts are in the tab titles from the start).
    """

    status = Signal(str)
    done = Signal(object)  # the report export finished: its ReportResult

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._unread: set[int] = set()  # the tabs whose rows are older than the last refresh
        self.choose_path = lambda title, name, filters: ops.ask_save_path(self, title, name, filters)
        self.heading = QLabel("<h2>Programme</h2>")
        self.targets = TargetBars()
        self.export_button = QPushButton("Export programme report…")
        self.export_button.setAccessibleName("Export programme report")
        self.export_button.clicked.connect(self.export_report)
        self.clusters_model = ClusterTreeModel(self)
        self.clusters = QTreeView()
        self.clusters.setAccessibleName("Thematic clusters")
        self.clusters.setModel(self.clusters_model)
        self.clusters.setAlternatingRowColors(True)
        self.clusters_model.rowsInserted.connect(self._expand_block)
        self.clusters.header().setResizeContentsPrecision(SIZED_ROWS)  # hundreds of clusters: size to the first rows
        self.pairings_model = RowsTableModel(PAIRING_COLUMNS, parent=self)
        self.pairings_table = make_table("Geographical pairings")
        self.pairings_table.setModel(self.pairings_model)
        self.engaged_model = RowsTableModel(ENGAGED_COLUMNS, parent=self)
        self.engaged_table = make_table("Engaged cities and regions")
        self.engaged_table.setModel(self.engaged_model)
        self.on_dialog: Any = None  # tests reach each opened dialog through this
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._clusters_tab(), "Thematic clusters")
        self.tabs.addTab(self._pairings_tab(), "Geographical pairings")
        self.tabs.addTab(self.engaged_table, "Engaged cities and regions")
        self.tabs.currentChanged.connect(self._read_tab)

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

    def _clusters_tab(self) -> QWidget:
        table = Qt.ShortcutContext.WidgetShortcut
        self.new_cluster_action = page_action(self, "New &cluster…", "plus", "Ctrl+Shift+K", self.new_cluster)
        self.edit_cluster_action = page_action(self.clusters, "&Edit…", "pencil", "F4", self.edit_cluster, context=table)
        self.remove_cluster_action = page_action(self.clusters, "&Remove", "trash-2", QKeySequence.StandardKey.Delete,
                                                 self.remove_in_clusters, context=table)
        self.remove_cluster_action.setToolTip("Remove the selected cluster, or the selected member from its cluster (Delete)")
        self.clusters.activated.connect(lambda _index: self.edit_cluster())
        return _with_bar(self.clusters, self.new_cluster_action, self.edit_cluster_action, self.remove_cluster_action)

    def _pairings_tab(self) -> QWidget:
        table = Qt.ShortcutContext.WidgetShortcut
        self.new_pairing_action = page_action(self, "New &pairing…", "plus", "Ctrl+Shift+G", self.new_pairing)
        self.edit_pairing_action = page_action(self.pairings_table, "&Edit…", "pencil", "F4", self.edit_pairing,
                                               context=table)
        self.remove_pairing_action = page_action(self.pairings_table, "&Remove", "trash-2", QKeySequence.StandardKey.Delete,
                                                 self.remove_pairing, context=table)
        self.pairings_table.activated.connect(lambda _index: self.edit_pairing())
        return _with_bar(self.pairings_table, self.new_pairing_action, self.edit_pairing_action, self.remove_pairing_action)

    # --- clusters and pairings ----------------------------------------------------
    def _open(self, dialog_class: Any, *args: Any) -> None:
        from ..dialogs.person_dialog import organisation_choices
        from ..widgets.record_form import open_dialog

        try:
            dialog = dialog_class(self.ctx, organisation_choices(self.ctx), *args, parent=self)
        except Exception as exc:
            self.ctx.report(exc)
            return
        open_dialog(dialog, self.on_dialog)

    def _run(self, command: RecordCommand) -> None:
        done = push(self.ctx, command)
        if done:
            self.status.emit(done)

    def selected_cluster(self) -> tuple[str, str | None]:
        """The selected cluster's key and, on a member row, the member's organisation key ("" when none is selected)."""
        data = self.clusters.currentIndex().siblingAtColumn(0).data(KEY)
        if not data:
            return "", None
        return (data[0], data[1]) if isinstance(data, tuple) else (data, None)

    def new_cluster(self) -> None:
        from ..dialogs.cluster_dialog import ClusterDialog

        self._open(ClusterDialog)

    def edit_cluster(self) -> None:
        from ...app.clusters import cluster_entry
        from ..dialogs.cluster_dialog import ClusterDialog

        key, _member = self.selected_cluster()
        if key:
            try:
                entry = cluster_entry(self.ctx.db, key)
            except Exception as exc:
                self.ctx.report(exc)
                return
            self._open(ClusterDialog, entry)

    def remove_in_clusters(self) -> None:
        """Delete on a cluster removes it; on a member, takes the member out of the cluster."""
        key, member = self.selected_cluster()
        if not key:
            return
        current = self.clusters.currentIndex().siblingAtColumn(0)
        if member is None:
            self._run(RemoveRecord(self.ctx.db, self.ctx.changes, self.ctx.report, CLUSTER_STEPS, key, current.data()))
            return
        cluster = next(c for c in self.clusters_model.clusters() if c.key == key)
        members = sorted(m.key for m in cluster.members if m.key != member)
        self._run(EditRecord(self.ctx.db, self.ctx.changes, self.ctx.report, CLUSTER_STEPS, key, {"members": members},
                             f"{cluster.name}: without {current.data()}"))

    def selected_pairing(self) -> str:
        index = self.pairings_table.currentIndex()
        row = self.pairings_model.row_at(index.row()) if index.isValid() else None
        return row.key if row is not None else ""

    def new_pairing(self) -> None:
        from ..dialogs.pairing_dialog import PairingDialog

        self._open(PairingDialog)

    def edit_pairing(self) -> None:
        from ...app.clusters import pairing_entry
        from ..dialogs.pairing_dialog import PairingDialog

        key = self.selected_pairing()
        if key:
            try:
                entry = pairing_entry(self.ctx.db, key)
            except Exception as exc:
                self.ctx.report(exc)
                return
            self._open(PairingDialog, entry)

    def remove_pairing(self) -> None:
        key = self.selected_pairing()
        if key:
            self._run(RemoveRecord(self.ctx.db, self.ctx.changes, self.ctx.report, PAIRING_STEPS, key, key))

    def refresh(self) -> None:
        try:
            summary = programme_summary(self.ctx.db)
        except Exception as exc:
            self.ctx.report(exc)
            return
        self.show_summary(summary)
        self._unread = {PAIRINGS_TAB, ENGAGED_TAB}
        self._read_tab(self.tabs.currentIndex())

    def show_summary(self, summary: ProgrammeSummary) -> None:
        """The targets, the clusters and the counts in the heading and the tab titles."""
        self.targets.set_targets(targets_of(summary))
        self._fill_clusters(summary)
        cities, regions = summary.targets
        clusters = len(summary.clusters)
        self.tabs.setTabText(CLUSTERS_TAB, f"Thematic clusters ({clusters})")
        self.tabs.setTabText(PAIRINGS_TAB, f"Geographical pairings ({summary.pairings})")
        self.tabs.setTabText(ENGAGED_TAB, f"Engaged cities and regions ({cities.total + regions.total})")
        self.heading.setText(f"<h2>Programme</h2>{cities.total} of {cities.target} cities and {regions.total} of "
                             f"{regions.target} regions engaged; {clusters} thematic clusters, {summary.pairings} pairings.")
        self.status.emit(f"Programme: {cities.total} cities, {regions.total} regions engaged")

    def _fill_clusters(self, summary: ProgrammeSummary) -> None:
        self.clusters_model.set_clusters(summary.clusters)
        self._expand_block(QModelIndex(), 0, self.clusters_model.rowCount() - 1)  # expandAll would fetch every block
        for column in range(self.clusters_model.columnCount()):  # sized from the first rows (SIZED_ROWS)
            self.clusters.resizeColumnToContents(column)
            self.clusters.setColumnWidth(column, self.clusters.columnWidth(column) + 16)  # room to breathe

    def _expand_block(self, parent: QModelIndex, first: int, last: int) -> None:
        """Clusters handed to the tree as it scrolls show their members, as the first ones do."""
        if not parent.isValid():
            for row in range(first, last + 1):
                self.clusters.expand(self.clusters_model.index(row, 0))

    def _read_tab(self, index: int) -> None:
        """Read the rows of the tab at `index` if it has not shown them since the last refresh."""
        if index not in self._unread:
            return
        try:
            if index == PAIRINGS_TAB:
                self.pairings_model.set_rows(pairings(self.ctx.db))
                fit_columns(self.pairings_table, 7, 36)
            else:
                self.engaged_model.set_rows(engaged_places(self.ctx.db))
                fit_columns(self.engaged_table, 0, 40)
        except Exception as exc:
            self.ctx.report(exc)
            return
        self._unread.discard(index)

    def cluster_members(self) -> dict[str, list[str]]:
        """What the tree shows: each cluster's member names."""
        model = self.clusters_model
        out = {}
        for row in range(model.rowCount()):
            top = model.index(row, 0)
            out[top.data()] = [model.index(r, 0, top).data() for r in range(model.rowCount(top))]
        return out

    def export_report(self) -> None:
        path = self.choose_path("Save the programme report as", "iurc-programme-report.xlsx", "Excel workbook (*.xlsx)")
        if not path:
            return

        def finished(result: Any) -> None:
            self.status.emit(f"Saved the programme report to {result.path}")
            self.done.emit(result)

        ops.start(self, self.ctx, "Writing the programme report…", ops.report_job(self.ctx.db, path), finished, self.status.emit)



def _with_bar(view: QWidget, *actions: Any) -> QWidget:
    """A tab: the buttons of `actions` above `view`."""
    tab = QWidget()
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(0, 4, 0, 0)
    layout.addLayout(tool_bar(*actions))
    layout.addWidget(view, 1)
    return tab
