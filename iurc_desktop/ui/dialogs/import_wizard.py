"""The import wizard: a file → its detected layout and column mapping → a preview of every row → import.

Reading the file and importing it run on the window's worker with progress and
Cancel; the wizard moves on when the work reports back. Nothing is written
before "Import", and the import is all or nothing (or the valid rows only, when
asked), so a Cancel or a refusal leaves the database as it was. A done import
is one step on the undo stack (`commands.imports.ImportFile`). A workbook whose
sheets do not tell which lists the people keeps the wizard on the file page with
its sheets to choose from; rows hidden in a workbook are read again, included,
when the preview's checkbox asks for them. A file that looks like an attendance
report is read as one, its box ticked, unless the user ticked or unticked it (or
none of its rows is a participant yet: then it is read as registrations, and said so).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget, QWizard

from ...app.imports import ImportResult, NewOrganisation, SheetChoiceNeeded
from ...core.errors import Cancelled, ValidationError
from ...exchange.imports.layouts import ATTENDANCE
from ..commands.imports import ImportFile
from ..shell.context import Context
from ..worker import Job, Task, with_progress_dialog
from .import_jobs import Planned, apply_job, plan_job
from .import_pages import SUFFIXES, FilePage, MappingPage, PreviewPage, ResultPage

FILE, MAPPING, PREVIEW, RESULT = range(4)


class ImportWizard(QWizard):
    """Guides one import; `planned` and `result` hold what the worker reported."""

    def __init__(self, ctx: Context, parent: QWidget | None = None, *, event_code: str | None = None,
                 path: Path | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.planned: Planned | None = None
        self.import_result: ImportResult | None = None
        self.task: Task | None = None
        self.progress: QProgressDialog | None = None  # the current task's, whose Cancel cancels it
        self._planned_key: tuple[Any, ...] | None = None
        self._asked: dict[str, str] | None = None  # the mapping the plan on hand was asked for
        self.include_hidden = False  # the rows hidden in a workbook are imported too
        self.attendance_note = ""  # why a file that looks like an attendance report is read as registrations
        self.setWindowTitle("Import participants")
        self.setAccessibleName("Import wizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.setAcceptDrops(True)
        self.file_page = FilePage(event_code, path)
        self.mapping_page = MappingPage()
        self.preview_page = PreviewPage()
        self.result_page = ResultPage()
        for number, page in enumerate((self.file_page, self.mapping_page, self.preview_page, self.result_page)):
            self.setPage(number, page)
        self.file_page.path.textChanged.connect(self._new_file)
        self.resize(960, 700)

    # --- work on the worker ------------------------------------------------------
    def planned_for(self, chosen: tuple[str, Path, bool], mapping: dict[str, str] | None) -> bool:
        """True when the plan on hand fits this file, sheet and mapping; else start planning and move on when done."""
        key = self._key(chosen)
        if self.planned is not None and self._planned_key == key and mapping in (None, self._asked, self.planned.plan.mapping):
            return True
        self._plan(key, mapping, self.next)
        return False

    def include_hidden_rows(self, on: bool) -> None:
        """Read the file again with its hidden rows included (or left out) and show the new preview."""
        self.include_hidden = on
        self._plan(self._key(self.file_page.chosen()), self._asked, self.preview_page.initializePage)

    def _key(self, chosen: tuple[str, Path, bool]) -> tuple[Any, ...]:
        code, path, attendance = chosen
        return code, str(path), attendance, self.file_page.sheet(), self.include_hidden

    def _plan(self, key: tuple[Any, ...], mapping: dict[str, str] | None, then: Callable[[], object],
              failed: Callable[[BaseException], None] | None = None) -> None:
        code, path, attendance, sheet, include_hidden = key
        self.file_page.error.clear()
        self.attendance_note = ""
        job = plan_job(self.ctx.db, code, Path(path), mapping=mapping, attendance=attendance, sheet=sheet,
                       include_hidden=include_hidden)
        self._run(f"Reading {Path(path).name}…", job, lambda planned: self._planned(key, mapping, planned, then),
                  failed or self._plan_failed)

    def _planned(self, key: tuple[Any, ...], mapping: dict[str, str] | None, planned: Planned,
                 then: Callable[[], object]) -> None:
        if self._read_as_attendance(planned, mapping, then):
            return
        source = planned.plan.source
        self.file_page.show_sheets(source.sheets, source.sheet)
        # the sheet read is the one asked for from now on, so that Back and Next do not read the file again
        self.planned, self._planned_key, self._asked = planned, (*key[:3], self.file_page.sheet(), key[4]), mapping
        then()

    def _read_as_attendance(self, planned: Planned, mapping: dict[str, str] | None, then: Callable[[], object]) -> bool:
        """An attendance layout read as registrations, its box left as it came: tick it and read the file again."""
        page = self.file_page
        if planned.plan.attendance or planned.plan.layout not in ATTENDANCE or page.attendance_chosen:
            return False
        page.attendance.setChecked(True)
        page.attendance_chosen = True  # ticked once; unticking it is the user's choice and is kept
        key = self._key(page.chosen())

        def refused(exc: BaseException) -> None:
            if not isinstance(exc, ValidationError) or isinstance(exc, SheetChoiceNeeded):
                self._plan_failed(exc)
                return
            page.attendance.setChecked(False)  # nobody in it is registered yet: it registers them
            self.attendance_note = (f"Read as registrations, not as an attendance report: none of its rows is a "
                                    f"participant of {key[0]} yet. Go Back and tick “attendance report” to read it as one.")
            self._planned((*key[:2], False, *key[3:]), mapping, planned, then)

        # after this task has ended: one piece of work at a time
        QTimer.singleShot(0, self, lambda: self._plan(key, mapping, then, refused))
        return True

    def _new_file(self) -> None:
        self.include_hidden = False

    def _plan_failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            return
        if isinstance(exc, SheetChoiceNeeded) and self.currentId() == FILE:
            self.file_page.ask_sheet(exc)
        elif self.currentId() == FILE:
            self.file_page.error.setText(str(exc))  # a file that cannot be read is said beside it
        else:
            self.ctx.report(exc)

    def imported(self, *, skip_invalid: bool, organisations: tuple[NewOrganisation, ...] = ()) -> bool:
        """True once the import is done; else start it and move to the result when it succeeds."""
        if self.import_result is not None:
            return True
        assert self.planned is not None
        plan = self.planned.plan
        self._run("Importing…", apply_job(self.ctx.db, plan, skip_invalid=skip_invalid, organisations=organisations),
                  lambda done: self._imported(ImportFile(self.ctx.db, self.ctx.changes, self.ctx.report, plan, done,
                                                         skip_invalid=skip_invalid, organisations=organisations)),
                  self._import_failed)
        return False

    def _imported(self, command: ImportFile) -> None:
        """The import is done: one step on the undo stack (Edit ▸ Undo takes it all back), then the result page."""
        self.import_result = command.result
        self.ctx.undo.push(command)
        self.next()

    def _import_failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self.preview_page.note.setText("Import cancelled; nothing was changed.")
        else:
            self.ctx.report(exc)

    def _run(self, label: str, job: Job, done: Any, failed: Any) -> None:
        if self.task is not None:  # one piece of work at a time; a second click waits for the first
            return
        task = self.ctx.tasks.submit(label, job)
        self.task = task
        self.progress = with_progress_dialog(self, task, "Import")
        task.finished.connect(done)
        task.failed.connect(failed)
        task.ended.connect(self._ended)

    def _ended(self) -> None:
        self.task, self.progress = None, None

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()  # closing the wizard stops its work; the import rolls back
        super().reject()

    # --- drag and drop -----------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt
        if _dropped_file(event) is not None and self.import_result is None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt
        path = _dropped_file(event)
        if path is None or self.import_result is not None:
            return
        event.acceptProposedAction()
        if self.currentId() != FILE:
            self.restart()
        self.file_page.path.setText(str(path))


def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    files = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
    return files[0] if len(files) == 1 and files[0].suffix.lower() in SUFFIXES else None


def open_import_wizard(ctx: Context, parent: QWidget | None, *, event_code: str | None = None,
                       path: Path | None = None) -> QDialog:
    """Open the wizard (window-modal, not blocking); with both an event and a file it starts reading at once."""
    wizard = ImportWizard(ctx, parent, event_code=event_code, path=Path(path) if path else None)
    wizard.open()
    if event_code and path:
        QTimer.singleShot(0, wizard.next)
    return wizard
