"""Export operations run on the worker: each job is one app use case, with progress and Cancel.

A job takes `(progress, token)` and returns a plain `Saved` (or the use case's
result); a Cancel before the files are put in place leaves no file and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.counts import counted
from ..core.file_names import safe_stem
from ..core.progress import CancelToken, Progress

if TYPE_CHECKING:
    from ..app.changes import Outcome, Topic
    from ..app.database import Database

Job = Callable[[Progress, CancelToken], Any]
Organiser = tuple[str, str]  # name and e-mail invites come from when the event has no organiser (the settings')


@dataclass(frozen=True)
class Saved:
    """What an export wrote: the files, a line for the status bar, and the kinds of data it changed."""

    paths: tuple[Path, ...]
    message: str
    changed: frozenset[Topic] = field(default_factory=frozenset)


def slug(text: str) -> str:
    """A file-name-safe piece: 'Group A' → 'group-A', 'ane@example.eus' → 'ane'."""
    text = text.split("@", 1)[0]
    return safe_stem(text)


def default_name(code: str, what: str, *, key: str = "", suffix: str = ".ics") -> str:
    """A sensible file name: r2r-japan-2022-group-A-itinerary.ics, r2r-japan-2022-rooming.xlsx."""
    return "-".join(p for p in (code, slug(key) if key else "", what) if p) + suffix


def _saved(outcome: Outcome[Any], message: str) -> Saved:
    return Saved(outcome.value.paths, message, outcome.changed)


def invite_job(db: Database, code: str, item_key: str | None, path: Path, *, organiser: Organiser = ("", "")) -> Job:
    """One REQUEST file for the whole event or one item, recorded as sent."""
    from ..app import calendars

    def job(progress: Progress, token: CancelToken) -> Saved:
        outcome = calendars.send_invite(db, code, path, item_key=item_key, organiser=calendars.Organiser(*organiser),
                                        progress=progress, cancel=token)
        return _saved(outcome, f"Saved the invite to {path}")

    return job


def invites_per_item_job(db: Database, code: str, folder: Path, *, organiser: Organiser = ("", "")) -> Job:
    """One REQUEST file per scheduled item (the form Outlook updates in place)."""
    from ..app import calendars

    def job(progress: Progress, token: CancelToken) -> Saved:
        outcome = calendars.send_invites_per_item(db, code, folder, organiser=calendars.Organiser(*organiser),
                                                  progress=progress, cancel=token)
        return _saved(outcome, f"Saved {len(outcome.value.paths)} invite files to {folder}")

    return job


def itinerary_job(db: Database, code: str, path: Path, *, group: str | None = None, email: str | None = None,
                  organiser: Organiser = ("", "")) -> Job:
    """A PUBLISH calendar of a group's or a person's itinerary."""
    from ..app import calendars

    def job(progress: Progress, token: CancelToken) -> Saved:
        calendars.write_itinerary(db, code, path, group=group, email=email, organiser=calendars.Organiser(*organiser),
                                  progress=progress, cancel=token)
        return Saved((path,), f"Saved the itinerary to {path}")

    return job


def cancel_item_job(db: Database, code: str, item_key: str, path: Path | None, *,
                    organiser: Organiser = ("", "")) -> Job:
    """Cancel an item (stored, one version up) and, if `path` is given, save its CANCEL file, recorded as sent."""
    from ..app import calendars

    def job(progress: Progress, token: CancelToken) -> Saved:
        outcome = calendars.send_cancellation(db, code, path, item_key=item_key, organiser=calendars.Organiser(*organiser),
                                              progress=progress, cancel=token)
        saved = f"; the cancellation file is {path}" if path else "; save its cancellation file before telling people"
        return _saved(outcome, f"Cancelled {item_key}{saved}")

    return job


def cancellation_file_job(db: Database, code: str, item_key: str, path: Path, *,
                          organiser: Organiser = ("", "")) -> Job:
    """The CANCEL file of an item already cancelled, recorded as sent."""
    from ..app import calendars

    def job(progress: Progress, token: CancelToken) -> Saved:
        outcome = calendars.send_cancellation(db, code, path, item_key=item_key, organiser=calendars.Organiser(*organiser),
                                              progress=progress, cancel=token)
        return _saved(outcome, f"Saved the cancellation of {item_key} to {path}")

    return job


def emails_job(db: Database, code: str, item_key: str | None, folder: Path, *, cancel: bool = False,
               organiser: Organiser = ("", "")) -> Job:
    """Ready-to-send .eml messages, one per recipient, with the invite (or, cancelling first, the cancellation)."""
    from ..app import calendars

    def job(progress: Progress, token: CancelToken) -> Saved:
        outcome = calendars.write_emails(db, code, folder, item_key=item_key, cancelling=cancel,
                                         organiser=calendars.Organiser(*organiser), progress=progress, cancel=token)
        return _saved(outcome, f"Wrote {len(outcome.value.paths)} e-mails to {folder}")

    return job


def roster_job(db: Database, code: str, kind: str, path: Path, *, item_key: str | None,
               columns: tuple[str, ...] | None, include_sensitive: bool) -> Job:
    """One roster (.xlsx or .csv by suffix), streamed with progress; Cancel leaves no file."""
    from ..app import rosters

    def job(progress: Progress, token: CancelToken) -> Any:
        return rosters.write_roster(db, code, kind, path, item_key=item_key, columns=columns,
                                    include_sensitive=include_sensitive, progress=progress, cancel=token)

    return job


def report_job(db: Database, path: Path) -> Job:
    """The programme report workbook."""
    from ..app import rosters

    def job(progress: Progress, token: CancelToken) -> Any:
        return rosters.write_report(db, path, progress=progress, cancel=token)

    return job


def letters_job(db: Database, code: str, folder: Path, *, email: str | None = None,
                include_passport: bool = False) -> Job:
    """Visa invitation letters (one PDF each) into `folder`, numbered and logged; Cancel leaves none."""
    from ..app import documents

    def job(progress: Progress, token: CancelToken) -> Saved:
        outcome = documents.write_letters(db, code, folder, email=email, include_passport=include_passport,
                                          progress=progress, cancel=token)
        letters = outcome.value
        passports = f", {letters.with_passport} with the passport number" if include_passport else ""
        return Saved(letters.files, f"Saved {counted(len(letters.files), 'invitation letter')} to {folder}{passports}"
                                    f"{documents.moved_note(letters)}",
                     outcome.changed)

    return job


def badges_job(db: Database, code: str, path: Path, *, group: str | None, since_last: bool, layout: str) -> Job:
    """A batch of badges as one PDF at `path`, each recorded as printed; Cancel leaves no file and no record."""
    from ..app import badges

    def job(progress: Progress, token: CancelToken) -> Saved:
        outcome = badges.write_badges(db, code, path, group=group, since_last=since_last, layout=layout,
                                      progress=progress, cancel=token)
        return Saved((path,), f"Saved {outcome.value.count} badges to {path}", outcome.changed)

    return job


def certificates_job(db: Database, code: str, folder: Path, *, email: str | None = None) -> Job:
    """Certificates of attendance (one PDF each) into `folder`; Cancel leaves none."""
    from ..app import certificates

    def job(progress: Progress, token: CancelToken) -> Saved:
        saved = certificates.write_certificates(db, code, folder, email=email, progress=progress, cancel=token)
        return Saved(saved.files, f"Saved {counted(len(saved.files), 'certificate')} of attendance to {folder}")

    return job


def booklet_job(db: Database, code: str, path: Path, *, group: str | None = None, email: str | None = None,
                with_contacts: bool = False) -> Job:
    """The itinerary booklet of a group or a person as one PDF at `path`."""
    from ..app import booklets

    def job(progress: Progress, token: CancelToken) -> Saved:
        progress(0, 1, "")
        outcome = booklets.write_booklet(db, code, path, group=group, email=email, with_contacts=with_contacts)
        since = f". {outcome.value.since}" if outcome.value.since else ""
        return Saved((outcome.value.path,), f"Saved the itinerary booklet to {path}{since}", outcome.changed)

    return job


def booklets_job(db: Database, code: str, folder: Path, *, with_contacts: bool = False) -> Job:
    """The booklet of every group and participant into `folder`, each logged; Cancel leaves none."""
    from ..app import booklets

    def job(progress: Progress, token: CancelToken) -> Saved:
        outcome = booklets.write_booklets(db, code, folder, with_contacts=with_contacts, progress=progress,
                                           cancel=token)
        saved = outcome.value
        return Saved(tuple(b.path for b in saved.booklets),
                     f"Saved {counted(len(saved.booklets), 'itinerary booklet')} to {folder}{booklets.saved_note(saved)}",
                     outcome.changed)

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
