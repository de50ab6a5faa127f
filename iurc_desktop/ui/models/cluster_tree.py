"""The thematic clusters as a tree: each cluster a top row, its members under it.

A model over the app's plain cluster rows. At a season's scale there are
hundreds of clusters with thousands of members, and a tree view lays out every
row it is given (one call into Python per row and question), so the clusters
are handed to the view in blocks of about `BLOCK` rows, the next block when the
view scrolls to the end of the last (Qt's canFetchMore/fetchMore).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

if TYPE_CHECKING:
    from ...app.reports import ClusterView, MemberView

Index = QModelIndex | QPersistentModelIndex
KEY = Qt.ItemDataRole.UserRole  # a cluster row's key; a member row's (cluster key, organisation key)
HEADERS = ("Cluster / member", "Own script", "Kind / theme", "Country", "Side")
TOP = 0  # a cluster row's internal id; a member's is its cluster's row + 1
BLOCK = 100  # rows (clusters and members) per block: a few screens
FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
DISPLAY, FONT, TOOLTIP = (int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole))
ROLES = frozenset((DISPLAY, FONT, TOOLTIP, int(KEY)))  # the roles this model answers


def side(eu: bool) -> str:
    """A member's side of the programme."""
    return "EU" if eu else "non-EU"


def _cluster_cells(cluster: ClusterView) -> tuple[str, ...]:
    eu = cluster.eu_members
    return cluster.name, "", cluster.theme, "", f"EU {eu} · non-EU {len(cluster.members) - eu}"


def _member_cells(member: MemberView) -> tuple[str, ...]:
    return member.name, member.local_name, member.kind, member.country, side(member.eu)


class ClusterTreeModel(QAbstractItemModel):
    """Clusters (bold, their description as tooltip) with their members, read-only."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._clusters: tuple[ClusterView, ...] = ()
        self._shown = 0  # the clusters handed to the view so far
        self._bold = QFont()
        self._bold.setBold(True)

    def set_clusters(self, clusters: Sequence[ClusterView]) -> None:
        self.beginResetModel()
        self._clusters = tuple(clusters)
        self._shown = self._block_end(0)
        self.endResetModel()

    def clusters(self) -> tuple[ClusterView, ...]:
        """Every cluster, handed to the view or not yet."""
        return self._clusters

    def _block_end(self, start: int) -> int:
        """Where the block of clusters from `start` ends: after about BLOCK rows."""
        end, rows = start, 0
        while end < len(self._clusters) and rows < BLOCK:
            rows += 1 + len(self._clusters[end].members)
            end += 1
        return end

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._shown < len(self._clusters)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        end = self._block_end(self._shown)
        self.beginInsertRows(QModelIndex(), self._shown, end - 1)
        self._shown = end
        self.endInsertRows()

    # --- the tree's shape -------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if parent.isValid():
            if parent.internalId() != TOP or not 0 <= parent.row() < len(self._clusters):
                return QModelIndex()
            members = self._clusters[parent.row()].members
            return self.createIndex(row, column, parent.row() + 1) if 0 <= row < len(members) else QModelIndex()
        return self.createIndex(row, column, TOP) if 0 <= row < self._shown else QModelIndex()

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == TOP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return self._shown
        if parent.internalId() == TOP and parent.column() == 0:
            return len(self._clusters[parent.row()].members)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(HEADERS)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:
        return self.rowCount(parent) > 0

    # --- what a row shows ---------------------------------------------------------
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ROLES or not index.isValid():  # most of the view's questions get no answer: ask cheaply
            return None
        group = index.internalId()
        if group == TOP:
            cluster = self._clusters[index.row()]
            if role == DISPLAY:
                return _cluster_cells(cluster)[index.column()]
            if index.column() == 0:
                return {KEY: cluster.key, FONT: self._bold, TOOLTIP: cluster.description}[role]
            return None
        cluster = self._clusters[group - 1]
        member = cluster.members[index.row()]
        if role == DISPLAY:
            return _member_cells(member)[index.column()]
        if role == KEY and index.column() == 0:
            return cluster.key, member.key
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return FLAGS
