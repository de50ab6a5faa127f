"""The Duplicates page: people who may be one person, side by side, and merging them.

Merging is not on the undo stack: it moves participations, history, travel and
stays and deletes one record, which cannot be taken back cheaply. The page asks
for confirmation instead and says so.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from ...app.changes import Topic
from ...app.people import (
    DuplicateSearch, PersonCard, Suggestion, count_people, merge_people, person_card_of, search_duplicates,
)
from ...core import local_times
from ..models.table import Column, RowsTableModel
from ..shell.context import Context
from .list_page import fit_columns, make_table

# Up to this many people the pairwise comparison takes well under a second: answer at once.
# Beyond, it goes to the worker so the window stays responsive.
AT_ONCE_LIMIT = 400
# Pairs listed at most, the likeliest: beyond, a list is no longer read, and a programme whose names repeat
# (a generated season: 24 million pairs at 100,000 people) would never finish.
SHOWN = 1000

SUGGESTION_COLUMNS = (
    Column("Person", "keep_name"),
    Column("E-mail", "keep_email"),
    Column("Possible duplicate", "drop_name"),
    Column("E-mail", "drop_email"),
    Column("Why", "reason"),
    Column("Likeness", "score", fmt=lambda v: f"{float(v):.0%}", numeric=True, tooltip="100% is certain for that reason"),
)


def card_html(card: PersonCard) -> str:
    """A person's details as a small table of label and value."""
    rows = [("Name", card.name), ("Own script", card.local_name), ("E-mail", card.email), ("Organisation", card.organisation),
            ("Country", card.country), ("Job title", card.job_title), ("Phone", card.phone), ("Nationality", card.nationality),
            ("Passport until", local_times.iso_day(card.passport_expiry) if card.passport_expiry else ""), ("Dietary", card.dietary),
            ("Events", "<br>".join(escape(e) for e in card.events) or "none")]
    cells = "".join(
        f"<tr><td style='padding-right:12px'><b>{label}</b></td><td>{value if label == 'Events' else escape(value) or '—'}</td></tr>"
        for label, value in rows
    )
    return f"<table>{cells}</table>"


class DuplicatesPage(QWidget):
    """Suggestions from `search_duplicates`; choose a pair, compare, keep one."""

    status = Signal(str)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        self.searching = False
        self.cards: tuple[PersonCard | None, PersonCard | None] = (None, None)
        self.model = RowsTableModel(SUGGESTION_COLUMNS, parent=self)
        self.table = make_table("Possible duplicates")
        self.table.setModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_pair())
        self.summary = QLabel()
        self.summary.setAccessibleName("Duplicates summary")
        again = QPushButton("Look again")
        again.clicked.connect(self.search)
        self.sides: list[QLabel] = []
        self.keep_buttons: list[QPushButton] = []
        cards = QSplitter(Qt.Orientation.Horizontal)
        for side in (0, 1):
            cards.addWidget(self._side(side))
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(again)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(cards)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        ctx.changes.changed.connect(self._on_changed)
        self._show_pair()
        self.summary.setText("Shown when you open this page.")

    def _side(self, side: int) -> QWidget:
        box = QGroupBox("Person" if side == 0 else "Possible duplicate")
        text = QLabel()
        text.setAccessibleName(f"Details of {'the person' if side == 0 else 'the possible duplicate'}")
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        keep = QPushButton("Keep this one, merge the other into it…")
        keep.clicked.connect(lambda: self.merge_into(side))
        layout = QVBoxLayout(box)
        layout.addWidget(text, 1)
        layout.addWidget(keep, 0, Qt.AlignmentFlag.AlignLeft)
        self.sides.append(text)
        self.keep_buttons.append(keep)
        return box

    # --- finding -------------------------------------------------------------------
    def refresh(self) -> None:
        """Called when the page is shown: compare everyone once, and again after people changed."""
        if self._stale:
            self.search()

    def search(self) -> None:
        """Compare every pair of people: at once for a small database, on the worker for a large one."""
        if self.searching:
            return
        self._stale = False
        db = self.ctx.db
        try:
            if count_people(db) <= AT_ONCE_LIMIT:
                self._found(search_duplicates(db, SHOWN))
                return
        except Exception as exc:
            self.ctx.report(exc)
            return
        self.searching = True
        self.summary.setText("Looking for people recorded twice…")

        def job(progress, token):  # type: ignore[no-untyped-def]
            return search_duplicates(db, SHOWN)

        task = self.ctx.tasks.submit("Looking for duplicates…", job)
        task.finished.connect(self._found)
        task.failed.connect(self.ctx.report)
        task.ended.connect(self._searched)

    def _searched(self) -> None:
        self.searching = False

    def _found(self, found: DuplicateSearch) -> None:
        self.model.set_rows(found.suggestions)
        n = len(found.suggestions)
        if found.total > n:
            self.summary.setText(f"Showing the {n:,} likeliest of {found.total:,} possible duplicates: choose a pair to "
                                 "compare them.")
        else:
            self.summary.setText(f"{n} possible duplicate{'s' if n != 1 else ''}" + (
                ": choose a pair to compare them." if n else ": no two people look alike by name or e-mail."))
        fit_columns(self.table, 4, 32)
        if n:
            self.table.selectRow(0)
        self._show_pair()
        if self.isVisible():
            self.status.emit(self.summary.text())

    def _on_changed(self, topic: Topic) -> None:
        if topic.concerns(Topic.PEOPLE, Topic.PARTICIPANTS):
            self._stale = True
            if self.isVisible():
                self.search()

    # --- comparing and merging -----------------------------------------------------
    def current(self) -> Suggestion | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show_pair(self) -> None:
        pair = self.current()
        self.cards = (None, None)
        if pair is not None:
            try:
                self.cards = (person_card_of(self.ctx.db, pair.keep_id), person_card_of(self.ctx.db, pair.drop_id))
            except Exception as exc:  # merged or erased meanwhile
                self.ctx.report(exc)
        for text, button, card in zip(self.sides, self.keep_buttons, self.cards):
            empty = "Choose a pair above." if self.model.rowCount() else "Nothing to compare."
            text.setText(card_html(card) if card else f"<i>{empty}</i>")
            button.setEnabled(card is not None)

    def merge_into(self, side: int) -> bool:
        """Keep the person on `side` (0 left, 1 right) and merge the other into them, after confirmation."""
        keep, drop = self.cards[side], self.cards[1 - side]
        if keep is None or drop is None:
            return False
        question = (f"Keep {_who(keep)} and merge into it {_who(drop)}?\n\n"
                    "The events, status history, travel and stays of the second move to the first; details the "
                    "first lacks are filled in from the second; then the second record is deleted.\n\n"
                    "This cannot be undone (it is not on the Edit ▸ Undo list).")
        answer = QMessageBox.question(self, "Merge people", question)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            outcome = merge_people(self.ctx.db, keep.id, drop.id)
        except Exception as exc:
            self.ctx.report(exc)
            return False
        report = outcome.value
        moved = report.participations_moved + report.participations_merged
        self.status.emit(f"Merged {drop.name} into {keep.name}: {moved} participation{'s' if moved != 1 else ''} kept")
        self.ctx.changes.notify_all(outcome.changed)
        self._stale = True
        self.search()
        return True


def _who(card: PersonCard) -> str:
    """A person told apart from one of the same name: name, e-mail and organisation."""
    return f"{card.name} <{card.email or 'no e-mail'}>" + (f" of {card.organisation}" if card.organisation else "")
