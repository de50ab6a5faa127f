"""Opening the database a front end works on, and the start-up chores that go with it."""

from __future__ import annotations

from ..core.db import Database, open_database, resolve_url
from ..core.output_files import sweep_leftovers

__all__ = ["Database", "open", "resolve_url"]


def open(url: str | None = None, *, migrate: bool = True) -> Database:  # noqa: A001 - app.database.open(url)
    """Open (create or upgrade) the database at `url`; first remove files a crashed export left staged."""
    sweep_leftovers()
    return open_database(url, migrate=migrate)
