"""Invite in one step: choose a cluster, pairing, other event or filter; see who is in and who would be added."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from ...app import registrations
from ...app.registrations import Candidate, InviteCriteria
from ..commands.participants import InvitePeople
from ..models.table import Column, RowsTableModel
from ..pages.events_page import kind_label
from ..pages.list_page import fit_columns, make_table
from ..shell.context import Context

SOURCES = (("cluster", "Thematic cluster"), ("pairing", "Geographical pairing"), ("from_event", "Who came to another event"), ("", "Filters only"))
CANDIDATE_COLUMNS = (
    Column("", lambda c: {"add": "+ add"}.get(c.state, c.state)),
    Column("Name", "name"),
    Column("Organisation", "organisation"),
    Column("Country", "country"),
    Column("E-mail", "email"),
)


def _combo(name: str, everything: str, values: tuple[tuple[str, str], ...]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem(everything, "")
    for value, text in values:
        combo.addItem(text, value)
    return combo


class InviteDialog(QDialog):
    """Criteria above, the preview below, one button that adds the rest as invited (undoable)."""

    def __init__(self, ctx: Context, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.code = ctx, code
        self.command: InvitePeople | None = None
        self.setWindowTitle(f"Invite people to {code}")
        self.setAccessibleName("Invite people")
        self.sources = registrations.invite_sources(ctx.db, code)
        self.source = QComboBox()
        self.source.setAccessibleName("Invite from")
        for value, text in SOURCES:
            self.source.addItem(text, value)
        self.choice = QComboBox()
        self.choice.setAccessibleName("Which one")
        self.choice.setMinimumContentsLength(40)
        self.country = _combo("Country", "Any country", tuple((c, c) for c in self.sources.countries))
        self.sector = _combo("Sector", "Any sector", tuple((s, kind_label(s)) for s in self.sources.sectors))
        self.kind = _combo("Organisation kind", "Any kind", tuple((k, kind_label(k)) for k in self.sources.kinds))
        filters = QHBoxLayout()
        for combo in (self.country, self.sector, self.kind):
            filters.addWidget(combo)
        filters.addStretch(1)
        self.model = RowsTableModel(CANDIDATE_COLUMNS, parent=self)
        self.table = make_table("People the invite selects")
        self.table.setModel(self.model)
        self.summary = QLabel()
        self.summary.setAccessibleName("Invite summary")
        self.summary.setWordWrap(True)
        self.add_button = QPushButton("Add as invited")
        self.add_button.setAccessibleName("Add as invited")
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.add)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Invite &from:", self.source)
        form.addRow("&Which:", self.choice)
        form.addRow("Only:", filters)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.source.currentIndexChanged.connect(self._fill_choices)
        for combo in (self.choice, self.country, self.sector, self.kind):
            combo.currentIndexChanged.connect(self.preview)
        self._fill_choices()
        self.resize(860, 560)

    def _fill_choices(self) -> None:
        source = self.source.currentData()
        values = {"cluster": self.sources.clusters, "pairing": self.sources.pairings, "from_event": self.sources.events}.get(source, ())
        self.choice.blockSignals(True)
        self.choice.clear()
        for value, text in values:
            self.choice.addItem(text, value)
        self.choice.setEnabled(bool(source))
        self.choice.blockSignals(False)
        self.preview()

    def criteria(self) -> InviteCriteria:
        source, value = self.source.currentData(), self.choice.currentData()
        picked = {source: value} if source and value else {}
        return InviteCriteria(
            **picked,
            countries=(self.country.currentData(),) if self.country.currentData() else (),
            sectors=(self.sector.currentData(),) if self.sector.currentData() else (),
            organisation_kinds=(self.kind.currentData(),) if self.kind.currentData() else (),
        )

    def preview(self) -> list[Candidate]:
        """Show whom the criteria select: those already in, those to add, those without an e-mail."""
        criteria = self.criteria()
        rows: list[Candidate] = []
        if any((criteria.cluster, criteria.pairing, criteria.from_event, criteria.countries, criteria.sectors, criteria.organisation_kinds)):
            try:
                rows = registrations.invite_preview_list(self.ctx.db, self.code, criteria)
            except Exception as exc:  # shown; the dialog stays open to choose again
                self.ctx.report(exc)
        rows.sort(key=lambda c: (c.state != "add", c.name))
        self.model.set_rows(rows)
        fit_columns(self.table, 2, 36)
        adding = sum(1 for c in rows if c.state == "add")
        inside = sum(1 for c in rows if c.state.startswith("in"))
        missing = len(rows) - adding - inside
        if not rows:
            self.summary.setText("Choose whom to invite: a cluster, a pairing, another event, or a country/sector/kind.")
        else:
            self.summary.setText(f"{adding} would be added as invited; {inside} already in the event"
                                 + (f"; {missing} without an e-mail address (not added)" if missing else "") + ".")
        self.add_button.setText(f"Add {adding} as invited" if adding else "Add as invited")
        self.add_button.setEnabled(adding > 0)
        return rows

    def add(self) -> InvitePeople | None:
        """Push one undoable command that adds everyone marked "+ add"."""
        adding = sum(1 for c in self.model._rows if c.state == "add")
        if not adding:
            return None
        command = InvitePeople(self.ctx.db, self.ctx.changes, self.ctx.report, self.code, self.criteria(), adding)
        self.ctx.undo.push(command)
        self.command = command
        self.preview()
        self.summary.setText(f"Added {len(command.added)} as invited to {self.code} (Edit ▸ Undo takes them out again).")
        return command
