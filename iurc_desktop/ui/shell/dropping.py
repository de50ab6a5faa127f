"""Files dropped onto the window (or a calendar chosen from the File menu): what each one is, and the jobs that take them in.

A calendar whose times fall on a daylight-saving change is refused whole; the window then lists those times with
both readings (`ClockChangeDialog`), imports again with the reading chosen and shows there what moved.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QFileDialog

from ...core.clock_changes import ClockChangeRefused
from ...core.errors import Cancelled, IurcError
from ...core.progress import CancelToken, Progress

if TYPE_CHECKING:  # the database layer (SQLAlchemy) loads after the window's first paint
    from ...app.database import Database
    from ..dialogs.clock_changes import ClockChangeDialog
    from ..worker import Task
    from .shell import Shell

KINDS = {".json": "programme", ".csv": "table", ".xlsx": "table", ".ics": "calendar"}


def dropped_files(mime: QMimeData) -> list[Path]:
    """The local files in a drop, those the app can take first, in the order given."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def kind_of(path: Path) -> str | None:
    """'programme', 'table', 'calendar', or None for a file the app does not read."""
    return KINDS.get(path.suffix.lower())


def usable(paths: Iterable[Path]) -> list[Path]:
    return [p for p in paths if kind_of(p) is not None]


def take_file(window: Shell, path: Path) -> Task | None:
    """Do what a dropped file asks: load a programme, import a table or a calendar into the current event."""
    kind = kind_of(path)
    if kind == "programme":
        return window.load_programme_file(path)
    if kind == "table":
        from .file_actions import open_import

        open_import(window, path=path)
        return None
    if kind != "calendar":
        return None
    code = window.current_event_code()
    if not code:
        window.report(IurcError(f"Open the event that {path.name} belongs to, then drop the calendar file on it again."))
        return None
    return import_calendar(window, code, path)


def open_calendar_import(window: Shell, path: Path | None = None) -> Any:
    """File ▸ Import calendar…: a chosen calendar file's entries into the current event, as a dropped one."""
    code = window.current_event_code()
    if not code:
        window.report(IurcError("Open the event the calendar belongs to first, then import the calendar file into it."))
        return None
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(window, f"Import a calendar into {code}", str(Path.home()),
                                                "Calendar files (*.ics)")
        if not chosen:
            return None
        path = Path(chosen)
    return import_calendar(window, code, path)


def import_calendar(window: Shell, code: str, path: Path, asked: ClockChangeDialog | None = None) -> Task:
    """Import the calendar on the worker; `asked`: the choice of reading made for times on a daylight-saving change."""

    def imported(outcome: Any) -> None:
        for topic in outcome.changed:
            window.changes.notify(topic.value)
        summary = calendar_summary(outcome.value, path, code)
        window.show_status(summary)
        if asked is not None:
            asked.show_outcome(summary, outcome.value.notes)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, ClockChangeRefused) and asked is None:
            ask_reading(window, code, path, exc)
            return
        if asked is not None:
            asked.reject()
        if isinstance(exc, Cancelled):  # the user asked for it: a status line, not a dialog
            window.show_status(str(exc))
        else:
            window.report(exc)

    job = calendar_job(window.db, code, path, asked.choice if asked is not None else None)
    return window.run_task(f"Importing {path.name}…", job, on_success=imported, on_failure=failed)


def ask_reading(window: Shell, code: str, path: Path, refused: ClockChangeRefused) -> ClockChangeDialog:
    """List the refused times with both readings; the reading chosen imports the file again, Cancel changes nothing."""
    from ..dialogs.clock_changes import ClockChangeDialog

    dialog = ClockChangeDialog(refused, path.name, window)
    dialog.chosen.connect(lambda _choice: import_calendar(window, code, path, dialog))
    window.clock_dialog = dialog
    dialog.open()
    return dialog


def calendar_job(db: Database, event_code: str, path: Path, dst: str | None = None) -> Any:
    """Add or update the event's items from a calendar file, all or nothing; `dst` reads times on a DST change."""

    def job(progress: Progress, token: CancelToken) -> Any:
        from ...app.imports import import_calendar  # loaded when first needed: keeps start-up light

        progress(0, 0, f"Reading {path.name}…")
        return import_calendar(db, event_code, path, dst=dst, cancel=token)  # a Cancel before the commit changes nothing

    return job


def calendar_summary(result: Any, path: Path, event_code: str) -> str:
    """'From x.ics into r2r: 3 added, 1 updated, 0 cancelled.' for the status bar."""
    return (
        f"From {path.name} into {event_code}: {result.created} added, {result.updated} updated, "
        f"{result.cancelled} cancelled, {result.unchanged} unchanged."
    )
