"""Export operations run on the worker: each job wraps one exchange call in one transaction.

A job takes `(progress, token)` and returns a plain `Saved` (or the exchange's
result); a Cancel before the write leaves no file and changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.db import Database
from ..core.invites_sent import mark_sent
from ..core.progress import CancelToken, Progress
from ..exchange import ics_export, ics_mail

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Job = Callable[[Progress, CancelToken], Any]


@dataclass(frozen=True)
class Saved:
    """What an export wrote: the files, and a line for the status bar."""

    paths: tuple[Path, ...]
    message: str


def slug(text: str) -> str:
    """A file-name-safe piece: 'Group A' → 'group-A', 'ane@example.eus' → 'ane'."""
    text = text.split("@", 1)[0]
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-._") or "file"


def default_name(code: str, what: str, *, key: str = "", suffix: str = ".ics") -> str:
    """A sensible file name: r2r-japan-2022-group-A-itinerary.ics, r2r-japan-2022-rooming.xlsx."""
    return "-".join(p for p in (code, slug(key) if key else "", what) if p) + suffix


def _mark_sent(session: Session, code: str, item_key: str | None) -> None:
    """Record which invite version went out, in the transaction that writes it (feeds the to-do list)."""
    mark_sent(session, code, [item_key] if item_key else None)


def _write_sent(db: Database, code: str, item_key: str | None, path: Path, token: CancelToken,
                build: Callable[[Session], bytes]) -> None:
    """Build one calendar file, record it as sent and write it, all in one transaction."""
    with db.transaction() as session:
        data = build(session)
        _mark_sent(session, code, item_key)
        token.check()
        ics_export.write_atomic(path, data)  # inside the transaction: a failed write records nothing as sent


def invite_job(db: Database, code: str, item_key: str | None, path: Path) -> Job:
    """One REQUEST file for the whole event or one item."""

    def job(progress: Progress, token: CancelToken) -> Saved:
        progress(0, 0, f"Building the invite for {item_key or code}…")
        _write_sent(db, code, item_key, path, token, lambda s: ics_export.invite_ics(s, code, item_key=item_key))
        return Saved((path,), f"Saved the invite to {path}")

    return job


def invites_per_item_job(db: Database, code: str, folder: Path) -> Job:
    """One REQUEST file per scheduled item (the form Outlook updates in place)."""

    def job(progress: Progress, token: CancelToken) -> Saved:
        with db.transaction() as session:
            files = ics_export.invite_ics_per_item(session, code)
            _mark_sent(session, code, None)
            token.check()
            folder.mkdir(parents=True, exist_ok=True)
            for done, (name, data) in enumerate(files, start=1):
                token.check()
                ics_export.write_atomic(folder / name, data)
                progress(done, len(files), f"Saved {name}")
        return Saved(tuple(folder / name for name, _ in files), f"Saved {len(files)} invite files to {folder}")

    return job


def itinerary_job(db: Database, code: str, path: Path, *, group: str | None = None, email: str | None = None) -> Job:
    """A PUBLISH calendar of a group's or a person's itinerary."""

    def job(progress: Progress, token: CancelToken) -> Saved:
        progress(0, 0, f"Building the itinerary of {group or email or code}…")
        with db.reading() as session:
            data = ics_export.itinerary_ics(session, code, group=group, email=email)
        token.check()
        ics_export.write_atomic(path, data)
        return Saved((path,), f"Saved the itinerary to {path}")

    return job


def cancel_item_job(db: Database, code: str, item_key: str, path: Path | None) -> Job:
    """Cancel an item (status and a higher SEQUENCE) and, if `path` is given, save its CANCEL file; all or nothing."""

    def job(progress: Progress, token: CancelToken) -> Saved:
        progress(0, 0, f"Cancelling {item_key}…")
        with db.transaction() as session:
            data = ics_export.cancel_item_ics(session, code, item_key)
            token.check()
            if path is not None:  # written inside the transaction: a failed write leaves the item as it was
                _mark_sent(session, code, item_key)
                ics_export.write_atomic(path, data)
        saved = f"; the cancellation file is {path}" if path else "; save its cancellation file before telling people"
        return Saved((path,) if path else (), f"Cancelled {item_key}{saved}")

    return job


def cancellation_file_job(db: Database, code: str, item_key: str, path: Path) -> Job:
    """The CANCEL file of an item already cancelled (nothing stored changes)."""

    def job(progress: Progress, token: CancelToken) -> Saved:
        _write_sent(db, code, item_key, path, token, lambda s: ics_export.cancel_ics(s, code, item_key=item_key))
        return Saved((path,), f"Saved the cancellation of {item_key} to {path}")

    return job


def emails_job(db: Database, code: str, item_key: str | None, folder: Path, *, cancel: bool = False) -> Job:
    """Ready-to-send .eml messages, one per recipient, with the invite (or cancellation) attached."""

    def job(progress: Progress, token: CancelToken) -> Saved:
        progress(0, 0, "Writing e-mails…")
        with db.transaction() as session:
            messages = ics_mail.invitation_emails(session, code, item_key=item_key, cancel=cancel)
            if not cancel:
                _mark_sent(session, code, item_key)
            token.check()
            paths = ics_mail.write_emails(folder, messages)
        return Saved(tuple(paths), f"Wrote {len(paths)} e-mails to {folder}")

    return job


def roster_job(db: Database, code: str, kind: str, path: Path, *, item_key: str | None,
               columns: tuple[str, ...] | None, include_sensitive: bool) -> Job:
    """One roster (.xlsx or .csv by suffix), streamed with progress; Cancel leaves no file."""

    def job(progress: Progress, token: CancelToken) -> Any:
        from ..exchange.rosters import write_roster

        with db.reading() as session:
            return write_roster(session, code, kind, path, item_key=item_key, columns=columns,
                                include_sensitive=include_sensitive, progress=progress, cancel=token)

    return job


def report_job(db: Database, path: Path) -> Job:
    """The programme report workbook."""

    def job(progress: Progress, token: CancelToken) -> Any:
        from ..exchange.report import write_report

        with db.reading() as session:
            return write_report(session, path, progress=progress, cancel=token)

    return job


# --- running and choosing, shared by the export screens ---------------------------------

def start(parent: Any, ctx: Any, label: str, job: Job, on_done: Callable[[Any], None],
          on_status: Callable[[str], None]) -> Any:
    """Run `job` on the window's worker with a progress dialog; Cancel becomes a status line, errors reach ctx.report."""
    from .worker import is_cancelled, with_progress_dialog

    task = ctx.tasks.submit(label, job)
    with_progress_dialog(parent, task, "Export")
    task.finished.connect(on_done)
    task.failed.connect(lambda exc: on_status(str(exc)) if is_cancelled(exc) else ctx.report(exc))
    return task


def ask_save_path(parent: Any, title: str, name: str, filters: str) -> Path | None:
    """The native Save dialog, starting with a sensible name in the home folder."""
    from PySide6.QtWidgets import QFileDialog

    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / name), filters)
    return Path(chosen) if chosen else None


def ask_folder(parent: Any, title: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    chosen = QFileDialog.getExistingDirectory(parent, title, str(Path.home()))
    return Path(chosen) if chosen else None


def invited_count(db: Database, code: str, item_key: str) -> int:
    """How many people an item's invite (and so its cancellation) goes to."""
    with db.reading() as session:
        event = ics_export.load_event(session, code)
        return len(ics_export.Recipients(event).for_item(ics_export.find_item(event, item_key)))
