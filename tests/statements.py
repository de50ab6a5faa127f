"""Counting the SQL statements a screen or a use case runs, to pin that it does not grow with the data."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event as sa_event

from iurc_desktop.core.db import Database


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    """The statements run on `db` while the block runs, in order."""
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    sa_event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", record)


def count_statements(db: Database, action: Callable[[], Any]) -> int:
    """How many statements `action()` runs on `db`."""
    with statements(db) as seen:
        action()
    return len(seen)
