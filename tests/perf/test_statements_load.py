"""Loading a programme file and copying a database: their statements grow with batches of rows, not with rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlalchemy import event as sa_event

from iurc_desktop.core.db import Database
from iurc_desktop.core.programme.file import load_programme
from iurc_desktop.core.programme.scaled import scaled_programme
from iurc_desktop.core.team.copying import copy_database
from tests.statements import statements


def _rows(data: dict[str, Any]) -> int:
    nested = ("items", "participants", "travel", "stays")
    return (sum(len(data[k]) for k in ("organisations", "people", "clusters", "pairings"))
            + sum(1 + sum(len(e.get(k, [])) for k in nested) for e in data["events"]))


def _statements_of_load(db: Database, data: dict[str, Any]) -> int:
    """Statements a load of `data` into the (empty) database runs; rolled back after."""
    with statements(db) as seen, db.sessions() as session:
        load_programme(session, data)
        session.rollback()
    return len(seen)


def test_a_season_twice_as_large_loads_in_about_as_many_statements(db: Database) -> None:
    small, large = scaled_programme(1, people=200, attendees=50), scaled_programme(2, people=200, attendees=50)
    small_count, large_count = _statements_of_load(db, small), _statements_of_load(db, large)
    assert large_count - small_count < _rows(large) / 100
    assert large_count < 2 * small_count


def test_copying_a_season_twice_as_large_takes_about_as_many_statements(scaled_dbs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    counts = []
    for n, source in enumerate(scaled_dbs):
        seen: list[str] = []

        def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            seen.append(statement)

        sa_event.listen(Engine, "before_cursor_execute", record)  # the copy opens engines of its own
        try:
            copy_database(source.engine.url.render_as_string(hide_password=False), f"sqlite:///{tmp_path / f'{n}.db'}")
        finally:
            sa_event.remove(Engine, "before_cursor_execute", record)
        counts.append(len(seen))
    small, large = counts
    assert large - small < 10 and large < 2 * small
