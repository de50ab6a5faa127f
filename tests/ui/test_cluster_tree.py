"""The clusters' tree model: clusters with members, handed to the view a block of rows at a time, all reachable."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QTreeView

from iurc_desktop.app.reports import ClusterView, MemberView
from iurc_desktop.ui.models.cluster_tree import BLOCK, KEY, ClusterTreeModel


def _clusters(n: int, members: int = 4) -> tuple[ClusterView, ...]:
    return tuple(
        ClusterView(f"c{i}", f"Cluster {i:03}", "energy", f"about {i}",
                    tuple(MemberView(f"City {i}.{j}", "", "city", "FR" if j % 2 else "JP", j % 2 == 1, f"o{i}.{j}")
                          for j in range(members)))
        for i in range(n)
    )


def test_a_large_tree_is_handed_over_in_blocks_until_every_cluster_is_shown(qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ClusterTreeModel()
    model.set_clusters(_clusters(300))
    first = model.rowCount()
    assert 0 < first * 5 <= BLOCK + 5 and model.canFetchMore(QModelIndex())
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 300
    qtmodeltester.check(model)


def test_rows_show_clusters_and_members_with_their_keys(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = ClusterTreeModel()
    model.set_clusters(_clusters(2, members=3))
    top = model.index(1, 0)
    assert [model.index(1, c).data() for c in range(5)] == ["Cluster 001", "", "energy", "", "EU 1 · non-EU 2"]
    assert top.data(KEY) == "c1" and model.rowCount(top) == 3
    member = model.index(1, 0, top)
    assert [model.index(1, c, top).data() for c in range(5)] == ["City 1.1", "", "city", "FR", "EU"]
    assert member.data(KEY) == ("c1", "o1.1") and member.parent() == top


def test_the_view_fetches_the_next_block_when_scrolled_to_the_end(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = ClusterTreeModel()
    view = QTreeView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 300)
    model.set_clusters(_clusters(300))
    view.show()
    first = model.rowCount()
    for _ in range(100):
        view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
        qtbot.wait(1)
        if model.rowCount() == 300:
            break
    assert first < model.rowCount() == 300


def test_enter_on_a_member_row_opens_its_cluster(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from iurc_desktop.ui.shell.main_window import MainWindow

    window = MainWindow(demo_db, viewer_zone="Europe/Brussels")
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("programme")
    found = []
    page.on_dialog = found.append
    model = page.clusters_model
    first = model.index(0, 0)
    assert page.clusters.isExpanded(first)
    page.clusters.setFocus()
    page.clusters.setCurrentIndex(model.index(2, 3, first))
    assert page.selected_cluster() == (first.data(KEY), model.index(2, 0, first).data(KEY)[1])
    qtbot.keyClick(page.clusters, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(found) and found[0].isVisible())
    assert found[0].form.fields["key"].text() == first.data(KEY)
    found[0].reject()
    window.tasks.shutdown()
