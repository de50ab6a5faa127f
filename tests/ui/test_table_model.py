"""Table models over service queries: Qt's model contract, lazy blocks, SQL sort and filter."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelRoleData, QModelRoleDataSpan, QObject, Qt
from PySide6.QtGui import QIcon

from iurc_desktop.app.events import count_events, list_events
from iurc_desktop.app.people import count_people, list_people
from iurc_desktop.core.models import Person
from iurc_desktop.ui.models.table import Column, QueryTableModel, RowsTableModel
from iurc_desktop.ui.pages.event_overview import PARTICIPANT_COLUMNS, item_columns


def people_model(db, **kw):
    columns = (Column("Name", "name", "name"), Column("E-mail", "email", "email"), Column("Events", "events", "events", numeric=True))
    return QueryTableModel(db, list_people, count_people, columns, default_sort="name", **kw)


def test_events_model_passes_qt_model_tester(qtmodeltester, window):
    qtmodeltester.check(window.events_page.model)


def test_people_model_passes_qt_model_tester(qtmodeltester, window):
    qtmodeltester.check(window.pages["people"].model)


def test_organisations_model_passes_qt_model_tester(qtmodeltester, window):
    qtmodeltester.check(window.pages["organisations"].model)


def test_event_detail_models_pass_qt_model_tester(qtmodeltester, window):
    page = window.open_event("r2r-test")
    qtmodeltester.check(page.items_model)
    qtmodeltester.check(page.participants_model)


def test_rows_model_with_no_rows_passes_tester(qtmodeltester):
    qtmodeltester.check(RowsTableModel(PARTICIPANT_COLUMNS))
    qtmodeltester.check(RowsTableModel(item_columns("UTC"), []))


def test_rows_are_fetched_in_blocks_and_only_a_few_blocks_are_kept(sample_db):
    """Memory does not grow with the table: at most max_blocks blocks of block_size rows are held."""
    with sample_db.transaction() as s:
        s.add_all(Person(given_name=f"P{i:03d}", family_name="Bulk", email=f"p{i}@example.org") for i in range(120))
    model = people_model(sample_db, block_size=10, max_blocks=3)
    assert model.rowCount() == 123
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert len(set(names)) == 123  # every row was fetched, none twice
    assert len(model._blocks) == 3


def test_sort_reorders_in_the_database(sample_db):
    model = people_model(sample_db)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    ascending = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    model.sort(0, Qt.SortOrder.DescendingOrder)
    descending = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert ascending == ["Ane Etxeberria", "Kim Minjun", "Suzuki Hanako"]
    assert descending == list(reversed(ascending))
    assert model.query.sort == "name" and model.query.descending


def test_filter_requeries_with_search_text(sample_db):
    model = people_model(sample_db)
    model.set_filter("  김민준 ")
    assert model.rowCount() == 1
    assert model.data(model.index(0, 1)) == "minjun@example.kr"
    model.set_filter("")
    assert model.rowCount() == 3


def test_data_never_raises_and_a_failed_fetch_is_reported_once(sample_db, qtbot):
    def broken(db, query):
        raise RuntimeError("disk gone")

    columns = (Column("Code", "code", "code"),)
    model = QueryTableModel(sample_db, broken, count_events, columns)
    seen = []
    model.error.connect(seen.append)
    assert model.data(model.index(0, 0)) is None
    assert model.data(model.index(1, 0)) is None
    assert len(seen) == 1 and "disk gone" in str(seen[0])


def test_failed_count_during_reset_leaves_model_empty_and_balanced(sample_db, qtmodeltester):
    """The reset is bracketed: a failure inside still ends it, and the model stays valid (empty)."""
    calls = {"n": 0}

    def flaky_count(db, text):
        calls["n"] += 1
        if text:
            raise RuntimeError("locked")
        return count_events(db, text)

    model = QueryTableModel(sample_db, list_events, flaky_count, (Column("Code", "code", "code"),))
    errors = []
    model.error.connect(errors.append)
    model.set_filter("x")
    assert model.rowCount() == 0 and errors
    qtmodeltester.check(model)
    model.set_filter("")
    assert model.rowCount() == 2


def test_refresh_shows_changed_values_without_reset(sample_db, qtbot):
    model = people_model(sample_db)
    with sample_db.transaction() as s:
        s.query(Person).filter_by(email="ane@example.eus").one().given_name = "Anne"
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        model.refresh()
    assert model.data(model.index(0, 0)) == "Anne Etxeberria"


def test_a_cells_roles_come_in_one_call_and_a_reused_span_is_cleared(window):
    """multiData answers what data() answers; Qt reuses its span from cell to cell, so a role a cell lacks is cleared."""
    model = window.events_page.model
    kind, code = model.index(0, 1), model.index(0, 0)
    decoration = QModelRoleData(Qt.ItemDataRole.DecorationRole)
    span = QModelRoleDataSpan(decoration)
    model.multiData(kind, span)
    assert isinstance(decoration.data(), QIcon)
    model.multiData(code, span)  # the code column has no icon: the kind's icon must not stay
    assert decoration.data() is None
    display = QModelRoleData(Qt.ItemDataRole.DisplayRole)
    model.multiData(code, QModelRoleDataSpan(display))
    assert display.data() == model.data(code) == "r2r-test"


def test_painting_a_list_asks_each_cell_once_and_only_for_answered_roles(window, qtbot):
    """A painted cell costs one call into Python (multiData) and one text; roles no column answers reach no work."""
    page = window.show_page("events")
    model = page.model
    texts: list[tuple[int, int]] = []
    asked: list[int] = []
    text_at, data = model.text_at, model._data
    model.text_at = lambda row, column: (texts.append((row, column)), text_at(row, column))[1]
    model._data = lambda index, role: (asked.append(int(role)), data(index, role))[1]
    try:
        page.table.viewport().repaint()
    finally:
        del model.text_at, model._data
    assert texts and len(texts) == len(set(texts)) <= model.rowCount() * model.columnCount()  # once per painted cell
    assert set(asked) <= model.answered


def test_cell_texts_are_kept_with_their_block_and_dropped_with_it(sample_db):
    """Each text is made once while its block is kept; a refresh or an evicted block drops the texts too."""
    made = []
    columns = (Column("Name", lambda row: made.append(row.name) or row.name, "name"),)
    model = QueryTableModel(sample_db, list_people, count_people, columns, default_sort="name", block_size=1, max_blocks=2)
    for _ in range(3):
        assert model.data(model.index(0, 0)) == "Ane Etxeberria"
    assert made == ["Ane Etxeberria"]
    model.data(model.index(1, 0)), model.data(model.index(2, 0))  # block 0 evicted
    assert sorted(model._texts) == sorted(model._blocks) == [1, 2]
    model.refresh()
    assert model._texts == {} and model.data(model.index(0, 0)) == "Ane Etxeberria"
    assert made.count("Ane Etxeberria") == 2


def test_editable_columns_flags_match_a_table_models(sample_db):
    from PySide6.QtCore import QAbstractTableModel

    columns = (Column("Name", "name", "name"), Column("E-mail", "email", "email", edit=lambda row, text: True))
    model = QueryTableModel(sample_db, list_people, count_people, columns, default_sort="name")
    plain_flags = QAbstractTableModel.flags(model, model.index(0, 0))
    assert model.flags(model.index(0, 0)) == plain_flags
    assert model.flags(model.index(0, 1)) == plain_flags | Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(99, 0)) == Qt.ItemFlag.NoItemFlags



def test_a_list_page_lays_its_table_out_before_the_first_paint(window, qtbot):
    """The layout Qt posts to the table when its model is set runs as the page is shown, not after its first paint.

    Left to the event loop, it arrived after the table had painted and painted every cell again.
    """
    arrived: list[QEvent.Type] = []

    class Spy(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            arrived.append(event.type())
            return False

    spy = Spy()
    window.show_page("people").table.installEventFilter(spy)  # what reaches the table once it is on screen
    qtbot.wait(50)
    assert arrived and QEvent.Type.LayoutRequest not in arrived and QEvent.Type.MetaCall not in arrived
