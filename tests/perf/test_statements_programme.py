"""The Programme page and its tabs run as many statements for twice the clusters, pairings and engaged places."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from ..statements import statements
from .test_statements_lists import settled_window


def _counts(qtbot, db) -> tuple[list[int], list[int]]:  # type: ignore[no-untyped-def]
    """Statements to show the page and then each other tab; rows of each tab's model once shown."""
    window = settled_window(qtbot, db)
    counts, rows = [], []
    with statements(db) as sql:
        page = window.show_page("programme")
        QApplication.processEvents()
    counts.append(len(sql))
    rows.append(len(page.clusters_model.clusters()))
    for tab, model in ((1, page.pairings_model), (2, page.engaged_model)):
        assert model.rowCount() == 0  # not read until its tab is shown
        with statements(db) as sql:
            page.tabs.setCurrentIndex(tab)
            QApplication.processEvents()
        counts.append(len(sql))
        rows.append(model.rowCount())
    window.tasks.shutdown()
    return counts, rows


def test_the_programme_page_runs_as_many_statements_for_a_larger_programme(qtbot, scaled_dbs) -> None:  # type: ignore[no-untyped-def]
    small, large = scaled_dbs
    (small_sql, small_rows), (large_sql, large_rows) = _counts(qtbot, small), _counts(qtbot, large)
    assert all(big > few > 0 for big, few in zip(large_rows, small_rows))
    assert small_sql == large_sql == [4, 1, 1]  # targets, members, clusters, pairings counted; then each tab its rows
