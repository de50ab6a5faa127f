"""Clusters and pairings created, edited and removed on the Programme page, members in and out, with undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from iurc_desktop.app.clusters import cluster_entry
from iurc_desktop.ui.shell.main_window import MainWindow


@pytest.fixture
def win(qtbot, sample_db):
    window = MainWindow(sample_db, viewer_zone="Europe/Brussels")
    qtbot.addWidget(window)
    window.show()
    yield window
    window.tasks.shutdown()


def opened(page, qtbot, trigger):
    found = []
    page.on_dialog = found.append
    trigger()
    qtbot.waitUntil(lambda: bool(found) and found[0].isVisible())
    return found[0]


def save(dialog) -> None:
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()


def no_message_box() -> bool:
    return not any(isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets())


def pairings(page) -> list:
    return [page.pairings_model.row_at(r) for r in range(page.pairings_model.rowCount())]


def new_cluster(win, qtbot):
    page = win.show_page("programme")
    page.clusters.setFocus()
    dialog = opened(page, qtbot, lambda: qtbot.keyClick(page.clusters, Qt.Key.Key_K,
                                                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
    qtbot.keyClicks(dialog.form.fields["name"], "Green cities")
    qtbot.keyClicks(dialog.form.fields["key"], "green")
    dialog.members.set_checked("aichi")
    dialog.members.set_checked("basque")
    save(dialog)
    assert not dialog.isVisible()
    return page


def test_a_new_cluster_with_members_shows_in_the_tree_and_undoes(win, qtbot):
    page = new_cluster(win, qtbot)
    assert page.cluster_members() == {"Green cities": ["Basque Country", "Aichi Prefecture"]}
    assert page.tabs.tabText(0) == "Thematic clusters (1)"
    win.ctx.undo.undo()
    assert page.cluster_members() == {}
    win.ctx.undo.redo()
    assert page.cluster_members() == {"Green cities": ["Basque Country", "Aichi Prefecture"]}


def test_delete_on_a_member_takes_it_out_and_on_the_cluster_removes_it(win, qtbot):
    page = new_cluster(win, qtbot)
    top = page.clusters_model.index(0, 0)
    page.clusters.setFocus()
    page.clusters.setCurrentIndex(page.clusters_model.index(1, 0, top))
    qtbot.keyClick(page.clusters, Qt.Key.Key_Delete)
    assert page.cluster_members() == {"Green cities": ["Basque Country"]}
    win.ctx.undo.undo()
    assert cluster_entry(win.db, "green")["members"] == ["aichi", "basque"]
    page.clusters.setCurrentIndex(page.clusters_model.index(0, 0))
    qtbot.keyClick(page.clusters, Qt.Key.Key_Delete)
    assert page.cluster_members() == {}
    win.ctx.undo.undo()
    assert "Green cities" in page.cluster_members()


def test_editing_a_cluster_refuses_a_taken_key_beside_the_field(win, qtbot):
    page = new_cluster(win, qtbot)
    dialog = opened(page, qtbot, lambda: page.new_cluster_action.trigger())
    qtbot.keyClicks(dialog.form.fields["name"], "Again")
    qtbot.keyClicks(dialog.form.fields["key"], "green")
    save(dialog)
    assert dialog.isVisible() and no_message_box()
    assert "'green' is already the key of another cluster" in dialog.form.problems["key"].text()
    dialog.reject()
    page.clusters.setCurrentIndex(page.clusters_model.index(0, 0))
    dialog = opened(page, qtbot, page.edit_cluster)
    dialog.form.fields["theme"].setText("energy")
    dialog.members.set_checked("seoul")
    save(dialog)
    assert cluster_entry(win.db, "green")["members"] == ["aichi", "basque", "seoul"]
    win.ctx.undo.undo()
    assert "theme" not in cluster_entry(win.db, "green")


def test_pairings_new_edit_remove_with_problems_beside_the_fields(win, qtbot):
    page = win.show_page("programme")
    page.tabs.setCurrentIndex(1)
    dialog = opened(page, qtbot, page.new_pairing_action.trigger)
    dialog.eu.set_key("basque")
    qtbot.keyClicks(dialog.form.fields["key"], "eus-aichi")
    save(dialog)
    assert dialog.isVisible() and no_message_box()
    assert dialog.form.problems["partner"].text() == "missing (required)"
    dialog.partner.set_key("basque")
    save(dialog)
    assert "two different organisations" in dialog.form.problems["partner"].text()
    dialog.partner.set_key("aichi")
    save(dialog)
    assert not dialog.isVisible()
    assert [p.key for p in pairings(page)] == ["eus-aichi"]
    page.pairings_table.setFocus()
    page.pairings_table.setCurrentIndex(page.pairings_model.index(0, 0))
    dialog = opened(page, qtbot, lambda: qtbot.keyClick(page.pairings_table, Qt.Key.Key_Return))
    dialog.form.fields["status"].setText("completed")
    save(dialog)
    assert pairings(page)[0].status == "completed"
    page.pairings_table.setCurrentIndex(page.pairings_model.index(0, 0))
    qtbot.keyClick(page.pairings_table, Qt.Key.Key_Delete)
    assert page.pairings_model.rowCount() == 0
    win.ctx.undo.undo()
    assert pairings(page)[0].status == "completed"
