"""GUI operations that run on the worker: each wraps one service call in one transaction.

A job takes `(progress, token)`; it checks the token before committing, so a
Cancel during the work rolls everything back and nothing is half-done.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.progress import CancelToken, Progress

if TYPE_CHECKING:  # the database layer (SQLAlchemy) loads after the window's first paint
    from ..core.db import Database

Job = Callable[[Progress, CancelToken], Any]


def load_demo_job(db: Database) -> Job:
    """Load the demo programme (idempotent) in one transaction."""

    def job(progress: Progress, token: CancelToken) -> Any:
        from ..core.demo import load_demo  # loaded when first needed: keeps start-up light

        progress(0, 0, "Loading the demo programme…")
        with db.transaction() as session:
            summary = load_demo(session)
            token.check()  # raising here rolls the whole load back
        return summary

    return job


def load_programme_job(db: Database, path: Path, *, replace: bool = False) -> Job:
    """Load a programme file, all or nothing."""

    def job(progress: Progress, token: CancelToken) -> Any:
        from ..core.programme_file import load_programme_file

        progress(0, 0, f"Loading {path.name}…")
        with db.transaction() as session:
            summary = load_programme_file(session, path, replace=replace)
            token.check()
        return summary

    return job
