"""Opening the database a front end works on, and the start-up chores that go with it."""

from __future__ import annotations

from pathlib import Path

from ..core.db import Database, open_database, resolve_url
from ..core.output_files import sweep_leftovers

__all__ = ["Database", "database_name", "open", "resolve_url"]


def open(url: str | None = None, *, migrate: bool = True) -> Database:  # noqa: A001 - app.database.open(url)
    """Open (create or upgrade) the database at `url`; first remove files a crashed export left staged."""
    sweep_leftovers()
    return open_database(url, migrate=migrate)


def database_name(url: str) -> str:
    """A database's short name for titles: a SQLite file's name, else its URL without password."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return Path(parsed.database).name
    return parsed.render_as_string(hide_password=True)
