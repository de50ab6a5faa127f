"""List pages at 1280x800: long text columns share the width, short ones keep theirs, nothing needed is cut."""

from __future__ import annotations

from iurc_desktop.ui.pages.list_page import share_widths


def test_everything_fits_the_wide_columns_share_the_rest():
    """Not all to the first: an e-mail or job title met later, after a sort, has room too."""
    assert share_widths([100, 50, 200], [2, 0], 400) == [125, 50, 225]
    assert share_widths([100, 50, 200], [2, 0], 401) == [125, 50, 226]  # the odd pixel to the first
    # a column the cap cut gets back what its text needs first: a long organisation name shows whole
    assert share_widths([100, 50, 200], [0, 2], 400, needed=[130, 50, 200]) == [140, 50, 210]
    assert share_widths([100, 50, 200], [0, 2], 360, needed=[300, 50, 200]) == [110, 50, 200]


def test_when_short_of_room_the_longest_wide_columns_are_cut_and_the_others_stay_whole():
    # 60 px for the short column; 340 left for wide columns needing 100, 300 and 400
    assert share_widths([300, 60, 100, 400], [0, 2, 3], 400) == [120, 60, 100, 120]


def test_a_wide_column_is_not_cut_below_the_floor():
    assert share_widths([1000, 40, 300], [0, 2], 100, floor=50) == [50, 40, 50]


def test_people_page_shows_whole_e_mails_and_readable_organisations_at_1280x800(qtbot, demo_db):
    from iurc_desktop.ui.shell.main_window import MainWindow

    win = MainWindow(demo_db, viewer_zone="Europe/Brussels")
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    page = win.show_page("people")
    qtbot.waitExposed(win)
    table = page.table
    assert table.columnWidth(2) >= table.sizeHintForColumn(2)  # every e-mail whole
    char = table.fontMetrics().averageCharWidth()
    assert table.columnWidth(3) >= 28 * char and table.columnWidth(5) >= 28 * char  # organisation, job title readable
    own_script, email = table.columnWidth(1), table.columnWidth(2)
    assert own_script < email  # a short column no longer takes the room of a long one
    total = sum(table.columnWidth(c) for c in range(table.model().columnCount()))
    assert total <= table.viewport().width()  # no sideways scrolling at this size
    win.tasks.shutdown()


def test_a_column_the_cap_cut_gets_its_width_back_while_the_table_has_room(qtbot):
    """An e-mail longer than the cap was cut beside an empty organisation column that took all the room."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from iurc_desktop.ui.pages.list_page import fit_columns

    email = "someone.with.a.long.address@regional-development-agency.example.eu"
    model = QStandardItemModel(1, 3)
    for column, text in enumerate(("Ana", email, "")):
        model.setItem(0, column, QStandardItem(text))
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.resize(1200, 300)
    table.show()
    fit_columns(table, 2, 26)
    assert table.columnWidth(1) >= table.fontMetrics().horizontalAdvance(email)
    table.resize(200, 300)  # no room: the cap holds
    qtbot.waitUntil(lambda: table.viewport().width() < 200)
    fit_columns(table, 2, 26)
    assert table.columnWidth(1) <= table.fontMetrics().averageCharWidth() * 26
