"""The Checks tab of an event: its logistics problems, worst first; double-click goes to whom or what."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from ...app.events import Problem, check_event
from ..models.problems import ITEMS, PEOPLE, ProblemsModel
from ..shell.context import Context
from .event_tab import EventTab
from .list_page import make_table


class ChecksTab(EventTab):
    """Problems of one event from `check_event`, sortable; double-click navigates."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = ProblemsModel(self)
        self.table = make_table("Problems table")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)  # messages are sentences: show them whole
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._activated)
        self.summary = QLabel()
        self.summary.setAccessibleName("Checks summary")
        self.refresh_button = QPushButton("Check again")
        self.refresh_button.setToolTip("Run the checks again on the current data")
        self.refresh_button.clicked.connect(self.refresh)
        hint = QLabel("Double-click a problem to go to the person, or to the item in the Items column.")
        hint.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)

    def load(self, code: str) -> None:
        problems = check_event(self.ctx.db, code)
        self.model.set_rows(problems)
        self._size()
        self.summary.setText(summary_text(problems))
        self.status.emit(f"{code}: {summary_text(problems)}")

    def _size(self) -> None:
        header = self.table.horizontalHeader()
        char = self.table.fontMetrics().averageCharWidth()
        for column, chars in ((0, 14), (1, 17), (PEOPLE, 34), (ITEMS, 22)):
            self.table.setColumnWidth(column, char * chars)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        for row in range(self.model.rowCount()):  # a little air between the sentences
            self.table.setRowHeight(row, self.table.rowHeight(row) + 8)

    def problem_at(self, row: int) -> Problem | None:
        return self.model.row_at(row)

    def _activated(self, index: QModelIndex) -> None:
        target = navigation_target(self.model.row_at(index.row()), index.column())
        if target is not None:
            self.navigate.emit(*target)


def navigation_target(problem: Problem | None, column: int) -> tuple[str, str] | None:
    """Where a double-click goes: the item in the Items column, else the first person, else the first item."""
    if problem is None:
        return None
    if column == ITEMS and problem.items:
        return ("item", problem.items[0])
    if problem.people:
        return ("person", problem.people[0])
    if problem.items:
        return ("item", problem.items[0])
    return None


def summary_text(problems: list[Problem]) -> str:
    """'2 errors, 3 warnings' or 'No problems found'."""
    if not problems:
        return "No problems found: every check passed."
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    parts = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in ((errors, "error"), (warnings, "warning")) if n]
    return ", ".join(parts)
