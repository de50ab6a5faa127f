"""The Exports tab at 1280×800: the calendar preview fits its width, headers whole, one zone said once."""

from __future__ import annotations

from iurc_desktop.ui.shell.main_window import MainWindow


def test_the_invite_preview_fits_a_1280x800_window_with_every_header_whole(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(demo_db, viewer_zone="Europe/Brussels")
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    tab = win.open_event("r2r-japan-2022").select_tab("exports")
    qtbot.wait(20)
    table, header = tab.preview.table, tab.preview.table.horizontalHeader()
    shown = [c for c in range(header.count()) if not table.isColumnHidden(c)]
    assert table.model().rowCount() > 20
    assert sum(table.columnWidth(c) for c in shown) <= table.viewport().width()  # no sideways scrolling
    assert not table.horizontalScrollBar().isVisible()
    for column in shown:
        assert table.columnWidth(column) >= header.sectionSizeHint(column) - 2, table.model().headerData(column, 1)
    assert table.isColumnHidden(4) and "All times in Asia/Tokyo" in tab.preview.caption.text()  # one zone: said once
    assert table.isColumnHidden(6)  # nothing cancelled: no status column
    win.tasks.shutdown()


def test_the_drop_downs_show_their_entries_whole_at_1280x800(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(demo_db, viewer_zone="Europe/Brussels")
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    tab = win.open_event("r2r-japan-2022").select_tab("exports")
    qtbot.wait(20)
    tab.cancel_item.setCurrentIndex(0)
    assert tab.invite_item.currentText().startswith("The whole event (one file, for Google and Apple)")
    assert tab.cancel_item.currentText().startswith("Mon 21 Nov 09:30 JST · Welcome")
    for combo in (tab.invite_item, tab.itinerary_who, tab.cancel_item):
        fm = combo.fontMetrics()
        assert combo.width() >= fm.horizontalAdvance(combo.currentText()) + 30, combo.accessibleName()  # text and arrow
        widest = max(fm.horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
        assert combo.view().minimumWidth() >= widest and combo.toolTip() == combo.currentText()
    win.tasks.shutdown()


def test_every_event_tab_leaves_the_window_at_1280_pixels_wide(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    """A laptop's 1,280-pixel screen holds the window whichever tab of an event is shown (the participants' buttons
    once pushed it to 1,315)."""
    win = MainWindow(demo_db, viewer_zone="Europe/Brussels")
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    page = win.open_event("r2r-japan-2022")
    assert len(page.tab_widgets) >= 8
    for key in page.tab_widgets:
        page.select_tab(key)
        qtbot.wait(10)
        assert win.minimumSizeHint().width() <= 1280 and win.width() == 1280, key
    win.tasks.shutdown()
