"""An edit made from a row someone else has saved since is refused with the conflict: nothing is overwritten silently."""

from __future__ import annotations

from PySide6.QtCore import Qt

from iurc_desktop.core.db import open_database
from iurc_desktop.core.events.admin import rename_event
from iurc_desktop.core.models import Event, Person
from iurc_desktop.core.team.concurrency import EditConflict

TITLE_COLUMN = 2  # Events page: Code, Kind, Title, …


def _edit(page, predicate, column: int, value: str) -> bool:  # type: ignore[no-untyped-def]
    model = page.model
    row = model.find_row(predicate)
    return model.setData(model.index(row, column), value, Qt.ItemDataRole.EditRole)  # F2, type, Enter


def test_renaming_from_a_stale_row_reports_the_conflict_and_keeps_theirs(window, sample_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    reported: list[BaseException] = []
    monkeypatch.setattr("iurc_desktop.ui.shell.main_window.show_error", lambda parent, exc: reported.append(exc))
    page = window.show_page("events")
    assert page.model.find_row(lambda r: r.code == "webinar-test") >= 0  # the row as the user sees it now
    other = open_database(sample_db.url)  # a colleague's app on the same database saves first
    with other.transaction() as s:
        rename_event(s, "webinar-test", "Their title")
    other.dispose()
    _edit(page, lambda r: r.code == "webinar-test", TITLE_COLUMN, "My title")
    assert len(reported) == 1 and isinstance(reported[0], EditConflict)
    assert "Their title" in str(reported[0])
    with sample_db.reading() as s:
        assert s.query(Event).filter_by(code="webinar-test").one().title == "Their title"
    assert window.undo_stack.count() == 0  # a refused edit is not recorded


def test_an_edit_from_a_current_row_saves_and_undoes(window, sample_db) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("people")
    column = next(i for i in range(page.model.columnCount()) if page.model.headerData(i, Qt.Orientation.Horizontal) == "Job title")
    _edit(page, lambda r: r.email == "ane@example.eus", column, "Head of unit")
    with sample_db.reading() as s:
        assert s.query(Person).filter_by(email="ane@example.eus").one().job_title == "Head of unit"
    window.undo_stack.undo()
    with sample_db.reading() as s:
        assert s.query(Person).filter_by(email="ane@example.eus").one().job_title == "Policy officer"


def test_the_highlight_follows_an_edited_record_to_its_new_place(window, sample_db) -> None:  # type: ignore[no-untyped-def]
    """Edited from its row, a record re-sorts: the highlight goes with it, so Delete never takes whoever moved up."""
    page = window.show_page("people")
    column = next(i for i in range(page.model.columnCount()) if page.model.headerData(i, Qt.Orientation.Horizontal) == "Job title")
    page.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    last = page.model.rowCount() - 1
    edited = page.model.row_at(last).id
    page.table.setCurrentIndex(page.model.index(last, column))
    assert _edit(page, lambda r: r.id == edited, column, "Aardvark keeper")
    assert page.model.row_at(0).id == edited  # it sorts first now
    assert page.current_row().id == edited and page.table.currentIndex().row() == 0
    assert [index.row() for index in page.table.selectionModel().selectedRows()] == [0]


def test_undo_and_redo_say_what_they_did_and_a_lists_count_does_not_hide_it(window, sample_db) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("people")
    column = next(i for i in range(page.model.columnCount()) if page.model.headerData(i, Qt.Orientation.Horizontal) == "Job title")
    assert _edit(page, lambda r: r.email == "ane@example.eus", column, "Mayor")
    window.undo_action.trigger()
    assert window.statusBar().currentMessage() == "Undone: Edit job title of Ane Etxeberria"
    window.redo_action.trigger()
    assert window.statusBar().currentMessage() == "Redone: Edit job title of Ane Etxeberria"
    page.search.setText("ane")
    page.apply_search()  # the user filters: now the count is the news
    assert window.statusBar().currentMessage() == "1 person matches"
    window.show_page("outbox")  # a page that says nothing of itself does not keep the last page's news
    assert window.statusBar().currentMessage() == ""
