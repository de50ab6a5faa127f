"""The import wizard's pages: the file, the column mapping, the preview, the result."""

from __future__ import annotations

import html

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWizard,
    QWizardPage,
)

from ...app.events import list_events
from ...app.imports import check_organisations
from ...exchange.imports.mapping import check_mapping
from ..models.import_preview import MappingModel, PreviewModel
from ..pages.list_page import fit_columns, make_table
from ..shell.palette import ProblemLabel
from .import_jobs import layout_label, result_lines
from .import_mapping import FieldDelegate
from .import_organisations import OrganisationsPanel

if TYPE_CHECKING:
    from ...app.imports import ImportResult, NewOrganisation, SheetChoiceNeeded
    from ..shell.context import Context
    from .import_jobs import Planned

FILE_TYPES = "Tables (*.csv *.xlsx *.txt *.tsv);;All files (*)"
SUFFIXES = (".csv", ".xlsx", ".txt", ".tsv")


def _note(name: str) -> QLabel:
    label = QLabel()
    label.setAccessibleName(name)
    label.setWordWrap(True)
    return label


class Wizard(Protocol):
    """What the pages ask of the wizard that holds them (`import_wizard.ImportWizard`)."""

    ctx: Context
    planned: Planned | None
    import_result: ImportResult | None
    attendance_note: str
    file_page: FilePage

    def planned_for(self, chosen: tuple[str, Path, bool], mapping: dict[str, str] | None) -> bool: ...

    def imported(self, *, skip_invalid: bool, organisations: tuple[NewOrganisation, ...] = ()) -> bool: ...

    def include_hidden_rows(self, on: bool) -> None: ...


class WizardPage(QWizardPage):
    def wiz(self) -> Wizard:
        return self.wizard()  # type: ignore[return-value]


class FilePage(WizardPage):
    """Which event, which file (and sheet of a workbook with several), and whether it is an attendance report."""

    def __init__(self, event_code: str | None, path: Path | None) -> None:
        super().__init__()
        self.setTitle("Choose a file")
        self.setSubTitle("A registration or attendance export from Zoom, Teams, Eventbrite, Google Forms, Indico, "
                         "pretix, or a host's own roster (.csv or .xlsx). You can also drop the file on this window.")
        self.event_combo = QComboBox()
        self.event_combo.setAccessibleName("Event")
        self.path = QLineEdit(str(path) if path else "")
        self.path.setAccessibleName("File")
        self.path.setPlaceholderText("Path of a .csv or .xlsx file")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self.browse)
        self.attendance = QCheckBox("This is an attendance report: mark who attended, and registered people "
                                    "missing from it as no-shows")
        self.attendance.setAccessibleName("Attendance report")
        self.attendance_chosen = False  # the box was ticked or unticked for this file, by the user or for its layout
        self.attendance.clicked.connect(self._attendance_clicked)
        self.error = ProblemLabel("Problem reading the file")
        self.sheets = QComboBox()
        self.sheets.setAccessibleName("Sheet")
        self.sheets.setPlaceholderText("Choose the sheet that lists the people")
        self._preset = event_code
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.form = QFormLayout(self)
        self.form.addRow("Event:", self.event_combo)
        self.form.addRow("File:", row)
        self.form.addRow("&Sheet:", self.sheets)
        self.form.addRow("", self.attendance)
        self.form.addRow("", self.error)
        self.form.setRowVisible(self.sheets, False)
        self.path.textChanged.connect(lambda _t: self._new_file())
        self.sheets.currentIndexChanged.connect(lambda _i: self.completeChanged.emit())

    def initializePage(self) -> None:  # noqa: N802 - Qt
        if self.event_combo.count():
            return
        for row in list_events(self.wiz().ctx.db):
            self.event_combo.addItem(f"{row.code} — {row.title}", row.code)
        self.event_combo.setCurrentIndex(max(0, self.event_combo.findData(self._preset)))
        self.event_combo.setEnabled(self._preset is None)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import from", self.path.text(), FILE_TYPES)
        if path:
            self.path.setText(path)

    def chosen(self) -> tuple[str, Path, bool]:
        return self.event_combo.currentData() or "", Path(self.path.text().strip()), self.attendance.isChecked()

    def sheet(self) -> str | None:
        """The workbook sheet to read; None: the one whose columns name people."""
        return self.sheets.currentData()

    def show_sheets(self, sheets: tuple[tuple[str, bool], ...], current: str | None) -> None:
        """List a workbook's sheets, hidden ones said so, with `current` chosen; shown when there are several."""
        self.sheets.blockSignals(True)
        try:
            self.sheets.clear()
            for name, hidden in sheets:
                self.sheets.addItem(f"{name} (hidden)" if hidden else name, name)
            self.sheets.setCurrentIndex(self.sheets.findData(current) if current else -1)
        finally:
            self.sheets.blockSignals(False)
        self.form.setRowVisible(self.sheets, len(sheets) > 1)
        self.completeChanged.emit()

    def ask_sheet(self, needed: SheetChoiceNeeded) -> None:
        """The workbook's sheets do not tell which lists the people: say so and offer them."""
        self.show_sheets(needed.sheets, None)
        self.error.setText(needed.short)  # the sheets are listed in the box above
        self.sheets.setFocus()

    def _new_file(self) -> None:
        self.show_sheets((), None)
        self.error.clear()
        self.attendance_chosen = False

    def _attendance_clicked(self) -> None:
        self.attendance_chosen = True

    def isComplete(self) -> bool:  # noqa: N802 - Qt
        code, path, _ = self.chosen()
        asked = not self.sheets.count() or self.sheet() is not None
        return bool(code) and bool(self.path.text().strip()) and path.is_file() and asked

    def validatePage(self) -> bool:  # noqa: N802 - Qt
        return self.wiz().planned_for(self.chosen(), None)


class MappingPage(WizardPage):
    """The detected layout and which column fills which field; each combo can be changed."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Check the columns")
        self.detected = _note("Detected layout")
        self.model = MappingModel(parent=self)
        self.table = make_table("Column mapping")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(MappingModel.FIELD, FieldDelegate(self.table))
        self.problems = ProblemLabel("Mapping problems")
        self.model.dataChanged.connect(lambda *_: self._check())
        layout = QVBoxLayout(self)
        layout.addWidget(self.detected)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)

    def initializePage(self) -> None:  # noqa: N802 - Qt
        planned = self.wiz().planned
        assert planned is not None
        plan = planned.plan
        where = f"encoding {plan.encoding}" + (f", columns separated by {plan.delimiter!r}" if plan.delimiter else "")
        where = f"sheet '{html.escape(plan.source.sheet)}'" if plan.source.sheet else where
        self.detected.setText(f"<b>{plan.path.name}</b> looks like {layout_label(plan.layout)} ({where}). "
                              "Change “Imported as” where the guess is wrong."
                              + (f"<br>{html.escape(self.wiz().attendance_note)}" if self.wiz().attendance_note else ""))
        self.model.set_mapping(plan.mapping, planned.samples)
        for row in range(self.model.rowCount()):
            self.table.openPersistentEditor(self.model.index(row, MappingModel.FIELD))
        fit_columns(self.table, 1, 40)
        self._check()

    def _check(self) -> None:
        self.problems.setText("\n".join(check_mapping(self.model.mapping())))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt
        return not check_mapping(self.model.mapping())

    def validatePage(self) -> bool:  # noqa: N802 - Qt
        wizard = self.wiz()
        return wizard.planned_for(wizard.file_page.chosen(), self.model.mapping())


class PreviewPage(WizardPage):
    """Each row's fate; problems in red with their reasons; the organisations to create; Import, or Import valid rows only."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Preview")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "Import")
        self.counts = _note("What will happen")
        self.model = PreviewModel(parent=self)
        self.table = make_table("Import preview")
        self.table.setModel(self.model)
        self.skip = QCheckBox()
        self.skip.setAccessibleName("Import valid rows only")
        self.skip.toggled.connect(lambda _on: self._explain())
        self.hidden = QCheckBox()
        self.hidden.setAccessibleName("Include hidden rows")
        self.hidden.toggled.connect(lambda on: self.wiz().include_hidden_rows(on))
        self.note = _note("Why Import is unavailable")
        self.organisations = OrganisationsPanel(self._explain)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.organisations, 1)
        layout.addWidget(self.hidden)
        layout.addWidget(self.skip)
        layout.addWidget(self.note)

    def initializePage(self) -> None:  # noqa: N802 - Qt
        planned = self.wiz().planned
        assert planned is not None
        plan = planned.plan
        self.model.set_rows(plan.rows)
        parts = [f"{n} {_fate_word(fate, n)}" for fate, n in plan.counts.items()]
        if plan.no_show:
            parts.append(f"{len(plan.no_show)} registered but absent from the report: marked no-show")
        notes = "".join(f"<br>Note: {html.escape(n)}" for n in plan.notes)
        rows = len(plan.rows)
        self.counts.setText(f"<b>{rows} row{'s' if rows != 1 else ''}</b> for {plan.event_code}: " + ", ".join(parts) + notes)
        rejected = len(plan.rejected)
        self.skip.setVisible(bool(rejected))
        self.skip.setChecked(False)
        self.skip.setText(f"Import valid rows only (leave out the {rejected} rejected row{'s' if rejected != 1 else ''})")
        fit_columns(self.table, 6, 36)
        self.organisations.set_proposals(plan.organisations)
        self._offer_hidden(len(plan.source.hidden), plan.source.include_hidden)
        self._explain()

    def _offer_hidden(self, count: int, included: bool) -> None:
        """The checkbox that takes the rows hidden in the workbook, shown when there are some."""
        self.hidden.setVisible(bool(count))
        self.hidden.setText(f"Include {count} hidden row{'s' if count != 1 else ''} (hidden in the workbook, "
                            "left out unless ticked)")
        self.hidden.blockSignals(True)
        self.hidden.setChecked(included)
        self.hidden.blockSignals(False)

    def _explain(self) -> None:
        planned = self.wiz().planned if self.wizard() else None
        rejected = len(planned.plan.rejected) if planned else 0
        blocked = bool(rejected) and not self.skip.isChecked()
        all_hidden = bool(planned and planned.plan.rows and not planned.plan.taken)
        lines = [
            "Every row is hidden in the workbook: tick “Include … hidden rows” to import them." if all_hidden else "",
            f"{rejected} row{'s' if rejected != 1 else ''} cannot be imported (in red; hover for the reason). Nothing is "
            "imported until you fix the file and read it again, or tick “Import valid rows only”." if blocked else "",
            "" if self.organisations.check() else
            "Give what is missing for the organisations to create (said beneath each), or untick “Create”.",
        ]
        self.note.setText("\n".join(line for line in lines if line))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt
        planned = self.wiz().planned if self.wizard() else None
        if planned is None or not planned.plan.taken or not self.organisations.check():
            return False
        return not planned.plan.rejected or self.skip.isChecked()

    def validatePage(self) -> bool:  # noqa: N802 - Qt
        """Check the organisations to create by the programme file's rules (beside them), then import."""
        wizard, chosen = self.wiz(), self.organisations.chosen()
        problems = check_organisations(wizard.ctx.db, chosen) if wizard.import_result is None else []
        if problems:
            self.organisations.show_problems(problems)
            return False
        return wizard.imported(skip_invalid=self.skip.isChecked(), organisations=chosen)


class ResultPage(WizardPage):
    """What the import did."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Imported")
        self.summary = _note("Import result")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt
        result = self.wiz().import_result
        if result is not None:
            lines = [f"• {line}" for line in result_lines(result)]
            self.summary.setText("\n".join(lines + ["", "Edit ▸ Undo takes the whole import back."]))


def _fate_word(fate: str, n: int) -> str:
    words = {"new": "new people" if n != 1 else "new person", "matched": "known people newly registered",
             "update": "registrations updated", "unchanged": "unchanged", "duplicate": "repeated rows (merged)" if n != 1 else "repeated row (merged)",
             "rejected": "rejected", "attended": "attended", "absent": "absent", "not_registered": "not registered",
             "unmatched": "not matched", "hidden": "hidden rows left out" if n != 1 else "hidden row left out",
             "skipped": "rows skipped (not a person)" if n != 1 else "row skipped (not a person)"}
    return words.get(fate, fate)
