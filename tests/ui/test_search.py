"""Search everywhere (Ctrl+K): grouped results across scripts; Enter opens the event, item, person or organisation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from .conftest import VIEWER_ZONE


@pytest.fixture
def demo_window(qtbot, demo_db):
    from iurc_desktop.ui.shell.main_window import MainWindow

    win = MainWindow(demo_db, viewer_zone=VIEWER_ZONE)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.tasks.shutdown()


def open_search(win, qtbot, text):
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2000)
    qtbot.keyClick(win, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = win.search_dialog
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.box, timeout=2000)  # type straight away
    if text.isascii():
        qtbot.keyClicks(dialog.box, text)
    else:  # QTest cannot synthesise keys for CJK: an input method would insert the text like this
        dialog.box.insert(text)
    qtbot.waitUntil(lambda: bool(dialog.hits_shown()), timeout=3000)
    return dialog


def choose(dialog, qtbot, kind, key=None):
    """Select the first hit of `kind` (and `key`) and press Enter, as a person would."""
    tree = dialog.results
    for i in range(tree.topLevelItemCount()):
        hit = tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
        if hit is not None and hit.kind == kind and key in (None, hit.key):
            tree.setCurrentItem(tree.topLevelItem(i))
            qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
            assert not dialog.isVisible()
            return hit
    raise AssertionError(f"no {kind} hit")


def test_ctrl_k_finds_hamamatsu_in_kanji_grouped_by_kind(demo_window, qtbot):
    dialog = open_search(demo_window, qtbot, "浜松")
    hits = dialog.hits_shown()
    assert [(h.kind, h.key) for h in hits] == [("person", "s.ito@example.hamamatsu.jp"), ("organisation", "hamamatsu")]
    headings = [dialog.results.topLevelItem(i).text(0) for i in range(dialog.results.topLevelItemCount())]
    assert headings[0] == "People (1)" and "Organisations (1)" in headings


def test_umea_without_the_ring_finds_an_item_and_enter_opens_its_event_with_it_selected(demo_window, qtbot):
    dialog = open_search(demo_window, qtbot, "Umea")
    assert {h.kind for h in dialog.hits_shown()} == {"person", "organisation", "item"}
    for _ in range(2):  # past the person and the organisation, skipping the headings
        qtbot.keyClick(dialog.box, Qt.Key.Key_Down)
    assert dialog.results.currentItem().data(0, Qt.ItemDataRole.UserRole).kind == "item"
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    page = demo_window.event_page
    assert demo_window.current_page_key() == "event" and page.code == "ruggedised-japan-2021"
    selected = page.overview.items_table.selectionModel().selectedRows()
    assert [page.overview.items_model.row_at(i.row()).key for i in selected] == ["lighthouses"]


def test_a_chosen_event_opens_its_page_and_an_organisation_the_filtered_list(demo_window, qtbot):
    dialog = open_search(demo_window, qtbot, "r2r japan")
    choose(dialog, qtbot, "event", "r2r-japan-2022")
    assert demo_window.current_page_key() == "event" and demo_window.event_page.code == "r2r-japan-2022"
    dialog = open_search(demo_window, qtbot, "浜松")
    choose(dialog, qtbot, "organisation")
    page = demo_window.pages["organisations"]
    assert demo_window.current_page_key() == "organisations" and page.model.rowCount() == 1


def test_a_chosen_person_shows_their_events(demo_window, qtbot):
    dialog = open_search(demo_window, qtbot, "浜松")
    choose(dialog, qtbot, "person")
    assert demo_window.current_page_key() == "person"
    page = demo_window.person_page
    assert page.isVisible() and "Ito Sakura" in page.heading.text() and "伊藤 さくら" in page.heading.text()
    assert page.events_model.rowCount() >= 1


def test_nothing_found_says_so(demo_window, qtbot):
    demo_window.activateWindow()
    qtbot.keyClick(demo_window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = demo_window.search_dialog
    dialog.box.setText("zzzqqq")
    assert dialog.run_search() == []
    assert dialog.results.topLevelItem(0).text(0) == "Nothing found for “zzzqqq”."


class EmacsBox(QLineEdit):
    """A text box that claims Ctrl+K as Qt's own do where it deletes to the end of the line (X11, macOS)."""

    def event(self, event):  # Qt override
        if event.type() == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_K \
                and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event):  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_K and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            self.setText(self.text()[:self.cursorPosition()])  # delete to the end of the line
            return
        super().keyPressEvent(event)


def test_ctrl_k_in_a_text_box_opens_search_everywhere_and_leaves_the_text_alone(demo_window, qtbot):
    """Where a text box would take Ctrl+K to delete to the end of the line, in the window it means Search everywhere."""
    page = demo_window.show_page("people")
    box = EmacsBox("Kim Min-jun")
    page.layout().addWidget(box)
    demo_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is demo_window, timeout=2000)
    for _ in range(2):  # and again once the focus went away and came back: the box is watched while it has the focus
        box.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is box, timeout=2000)
        box.setCursorPosition(3)
        qtbot.keyClick(box, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        assert demo_window.search_dialog.isVisible()
        assert box.text() == "Kim Min-jun"
        demo_window.search_dialog.close()


def test_a_kind_cut_at_its_limit_says_how_many_match_and_shows_them_all_in_its_list(demo_window, qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.core.people.listing import add_people

    with demo_db.transaction() as s:
        add_people(s, [{"given_name": f"Anna{i}", "family_name": "Quist"} for i in range(25)])
    dialog = open_search(demo_window, qtbot, "quist")
    headings = [dialog.results.topLevelItem(i).text(0) for i in range(dialog.results.topLevelItemCount())]
    assert headings[0] == "People (20 of 25)" and headings[-1].strip() == "Show all 25 in People…"
    assert len(dialog.hits_shown()) == 20
    for _ in range(21):  # Down from the box walks the hits, then reaches "Show all"
        qtbot.keyClick(dialog.box, Qt.Key.Key_Down)
    assert dialog.results.currentItem().text(0).strip() == "Show all 25 in People…"
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    page = demo_window.pages["people"]
    assert demo_window.current_page_key() == "people" and page.search.text() == "quist"
    qtbot.waitUntil(lambda: page.model.rowCount() == 25, timeout=3000)
