"""GUI operations that run on the worker: each is one use case of `app`, in one transaction.

A job takes `(progress, token)`; the use case checks the token before committing,
so a Cancel during the work rolls everything back and nothing is half-done.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.progress import CancelToken, Progress

if TYPE_CHECKING:  # the database layer (SQLAlchemy) loads after the window's first paint
    from ..app.database import Database

Job = Callable[[Progress, CancelToken], Any]


def load_demo_job(db: Database) -> Job:
    """Load the demo programme (idempotent) in one transaction."""

    def job(progress: Progress, token: CancelToken) -> Any:
        from ..app.programme import load_demo  # loaded when first needed: keeps start-up light

        return load_demo(db, progress=progress, cancel=token).value

    return job


def load_programme_job(db: Database, path: Path, *, replace: bool = False) -> Job:
    """Load a programme file, all or nothing."""

    def job(progress: Progress, token: CancelToken) -> Any:
        from ..app.programme import load_programme

        return load_programme(db, path, replace=replace, progress=progress, cancel=token).value

    return job


def queue_due_reminders_job(db: Database, now: datetime) -> Job:
    """Queue the reminders due at `now`, in one transaction; None (nothing done) while no sender address is set."""

    def job(progress: Progress, token: CancelToken) -> Any:
        from ..app import outbox, reminders

        if not outbox.load_settings().from_address:
            return None  # the home page says why nothing goes
        return reminders.queue_due_reminders(db, now)

    return job
