"""The preview's organisations that the file names and the database does not hold, each offered for creation.

One line per organisation: a "Create" tick (ticked, unless the name is in doubt:
then said why), its name as the file writes it, and the key, kind, country and
zone to create it with, filled in with what the file tells (a country from the
rows or their e-mail domains, the zone when that country keeps one clock). What
is missing or wrong is said beneath the line; an unticked organisation is named
in its people's notes, as before.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGridLayout, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget,
)

from ...app.imports import NewOrganisation, for_country, zones_of_country
from ...core.vocab import ORGANISATION_KINDS
from ...exchange.imports.organisations import SECTOR_OF_KIND
from ..shell.palette import ProblemLabel
from ..widgets.record_form import ZoneField, split_problems

FIELDS = ("key", "kind", "country", "zone")
HEADERS = ("Create", "Organisation named in the file", "Key", "Kind", "Country", "Zone")


class OrganisationLine:
    """The widgets of one proposed organisation, in a row of the panel's grid."""

    def __init__(self, org: NewOrganisation, grid: QGridLayout, row: int, changed: Callable[[], None]) -> None:
        self.org = org
        rows = ", ".join(map(str, org.rows))
        self.create = QCheckBox()
        self.create.setChecked(org.create)
        self.create.setAccessibleName(f"Create {org.name}")
        self.create.setToolTip("Create this organisation and link its people to it; "
                               "unticked, its name goes to the people's notes")
        self.name = QLabel(org.name)
        self.name.setToolTip(f"named in row{'s' if len(org.rows) > 1 else ''} {rows}" + (f"; unticked: {org.doubt}" if org.doubt else ""))
        self.name.setAccessibleDescription(org.doubt)
        if org.doubt:
            self.name.setText(f"{html.escape(org.name)}<br><i>unticked: {html.escape(org.doubt)}</i>")
            self.name.setWordWrap(True)
        self.key = QLineEdit(org.key)
        self.key.setMinimumWidth(self.key.fontMetrics().averageCharWidth() * 22)
        self.kind = QComboBox()
        self.kind.addItems([k.replace("_", " ") for k in ORGANISATION_KINDS])
        self.kind.setCurrentIndex(ORGANISATION_KINDS.index(org.kind))
        self.country = QLineEdit(org.country)
        self.country.setMaxLength(2)
        self.country.setPlaceholderText("CC")
        self.country.setFixedWidth(self.country.fontMetrics().averageCharWidth() * 6 + 16)
        self.country.setToolTip("Two-letter country code (ISO 3166), e.g. SI, JP")
        self.zone = ZoneField(org.zone)
        self.zone.setMinimumContentsLength(18)
        self.problem = ProblemLabel(f"Problem with {org.name}")
        self.problem.setVisible(False)
        for label, widget in zip(HEADERS[2:], (self.key, self.kind, self.country, self.zone)):
            widget.setAccessibleName(f"{label} of {org.name}")
        grid.addWidget(self.create, row, 0, Qt.AlignmentFlag.AlignCenter)  # its own size: a click on the line ticks it
        for column, widget in enumerate((self.name, self.key, self.kind, self.country, self.zone), start=1):
            grid.addWidget(widget, row, column)
        grid.addWidget(self.problem, row + 1, 1, 1, len(HEADERS) - 1)
        self.create.toggled.connect(self._ticked)
        self.country.textEdited.connect(self._country_edited)
        for signal in (self.create.toggled, self.key.textChanged, self.kind.currentIndexChanged, self.country.textChanged,
                       self.zone.currentTextChanged):
            signal.connect(lambda _value: changed())
        self._ticked(org.create)

    def _ticked(self, on: bool) -> None:
        for widget in (self.key, self.kind, self.country, self.zone):
            widget.setEnabled(on)
        if not on:
            self.show_problem("")

    def _country_edited(self, text: str) -> None:
        """A country typed brings its zone when it keeps one clock (the zone stays editable)."""
        self.country.setText(text.upper())
        zone = for_country(self.org, text.upper()).zone if len(text) == 2 else ""
        if zone:
            self.zone.setCurrentText(zone)

    def chosen(self) -> NewOrganisation:
        """The proposal as the user left it."""
        kind = ORGANISATION_KINDS[self.kind.currentIndex()]
        return replace(self.org, create=self.create.isChecked(), key=self.key.text().strip(), kind=kind,
                       sector=SECTOR_OF_KIND[kind], country=self.country.text().strip().upper(), zone=self.zone.zone())

    def local_problems(self) -> str:
        """What can be told without the database: blank fields and a zone that is not one."""
        org = self.chosen()
        if not org.create:
            return ""
        lines = [f"{name}: needed to create it" for name in org.missing()]
        zones = zones_of_country(org.country) if not org.zone else ()
        if len(zones) > 1:
            lines[-1] += f"; {org.country} has several: {', '.join(zones[:3])}{'…' if len(zones) > 3 else ''}"
        zone = self.zone.problem() if org.zone else ""
        return "\n".join(lines + ([f"zone: {zone}"] if zone else []))

    def show_problem(self, text: str) -> None:
        """Show `field: message` lines beneath the line, each naming its field."""
        by_field, rest = split_problems(text, FIELDS)
        lines = [f"{name.capitalize()}: {m}" for name in FIELDS for m in by_field.get(name, ())] + rest
        self.problem.setText("\n".join(lines))
        self.problem.setVisible(bool(lines))
        for name, widget in zip(FIELDS, (self.key, self.kind, self.country, self.zone)):
            widget.setProperty("problem", name in by_field)
            widget.setToolTip(("\n".join(by_field[name])) if name in by_field else "")


class OrganisationsPanel(QWidget):
    """The organisations to create with the import; `on_change` is called when any choice changes.

    A plain callback rather than a signal: PySide6 6.12 on Python 3.11 drops a reference to True on every
    `emit()` from Python, and a keystroke here would emit one.
    """

    def __init__(self, on_change: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_change = on_change
        self.setAccessibleName("New organisations")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.lines: list[OrganisationLine] = []
        self._holder = QWidget()
        self._grid = QGridLayout(self._holder)
        for column, stretch in ((1, 3), (2, 2), (5, 2)):  # the name, the key and the zone take the room
            self._grid.setColumnStretch(column, stretch)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addWidget(scroll, 1)
        scroll.setMinimumHeight(self.fontMetrics().height() * 9)  # four lines at least, beside the rows' table

    def set_proposals(self, proposals: Sequence[NewOrganisation]) -> None:
        """One line per proposed organisation (the panel hides itself when there is none)."""
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.lines = []
        for column, text in enumerate(HEADERS):
            header = QLabel(f"<b>{text}</b>")
            self._grid.addWidget(header, 0, column)
        for i, org in enumerate(proposals):
            self.lines.append(OrganisationLine(org, self._grid, 1 + 2 * i, self._changed))
        self._grid.setRowStretch(1 + 2 * len(proposals), 1)
        n = len(proposals)
        self.intro.setText(
            f"<b>{n} organisation{'s' if n != 1 else ''} named in the file {'are' if n != 1 else 'is'} not in the "
            "database.</b> Ticked ones are created with the import and their people linked to them; check the kind, "
            "country and zone. Unticked ones are kept as a line in their people's notes.")
        self.setVisible(bool(proposals))
        self.check()

    def chosen(self) -> tuple[NewOrganisation, ...]:
        return tuple(line.chosen() for line in self.lines)

    def _changed(self) -> None:
        self.check()
        self._on_change()

    def check(self) -> bool:
        """Show the problems that need no database beside their lines; True when there is none."""
        ok = True
        for line in self.lines:
            text = line.local_problems()
            line.show_problem(text)
            ok = ok and not text
        return ok

    def show_problems(self, lines: Sequence[str]) -> None:
        """Route the use case's lines "name: field: message" to the lines they name."""
        by_name: dict[str, list[str]] = {}
        for text in lines:
            name, _, rest = text.partition(": ")
            by_name.setdefault(name, []).append(rest)
        for line in self.lines:
            line.show_problem("\n".join(by_name.get(line.org.name, ())))
        named = next((line for line in self.lines if line.org.name in by_name), None)
        if named is not None:
            named.key.setFocus()
