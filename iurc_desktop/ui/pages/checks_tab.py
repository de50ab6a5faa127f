"""The Checks tab of an event: its logistics problems, worst first; double-click goes where each is fixed.

A person's missing document or need opens their page at that field, a travel
problem (arrival, departure, pick-up, hotel) the Travel & stays tab filtered
to them, an item's problem the item's dialog, too many people the participants.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from ...app.events import Problem, check_event
from ..icons import icon
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
        self.refresh_button = QPushButton(icon("refresh-cw"), "Check &again")
        self.refresh_button.setToolTip("Run the checks again on the current data")
        self.refresh_button.clicked.connect(self.refresh)
        hint = QLabel("Double-click a problem to go where it is fixed: the person's page, their travel, or the item"
                      " (in the Items column, always the item).")
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


# Words of a problem's kind that say where it is fixed: a field of the person's page, or their travel.
PERSON_FIELDS = (("passport", "passport_expiry"), ("dietary", "dietary"), ("needs", "dietary"),
                 ("accessibility", "accessibility"), ("visa", "visa"))
TRAVEL_WORDS = ("arriv", "depart", "leaves", "stay", "pick", "night", "flight", "leg", "transfer")
PARTICIPANT_KINDS = ("over_capacity",)


def person_field(kind: str) -> str | None:
    """The person page's field that fixes a problem of `kind`, or None when it is not a person's field."""
    return next((field for word, field in PERSON_FIELDS if word in kind), None)


def navigation_target(problem: Problem | None, column: int) -> tuple[str, str] | None:
    """Where a double-click goes, as (where, key) for `EventTab.navigate`.

    The Items column opens its item's dialog. Otherwise: the person's page at the field
    ("open_person", "email field"), their travel ("travel", email), the item's dialog
    ("edit_item", key), the participants ("tab", "participants"), or the person's page.
    """
    if problem is None:
        return None
    if column == ITEMS and problem.items:
        return ("edit_item", problem.items[0])
    person = problem.people[0] if problem.people else None
    field = person_field(problem.kind)
    if person and field:
        return ("open_person", f"{person} {field}")
    if person and any(word in problem.kind for word in TRAVEL_WORDS):
        return ("travel", person)
    if problem.items:
        return ("edit_item", problem.items[0])
    if problem.kind in PARTICIPANT_KINDS:
        return ("tab", "participants")
    if person:
        return ("open_person", person)
    return None


def summary_text(problems: list[Problem]) -> str:
    """'2 errors, 3 warnings' or 'No problems found'."""
    if not problems:
        return "No problems found: every check passed."
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    parts = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in ((errors, "error"), (warnings, "warning")) if n]
    return ", ".join(parts)
