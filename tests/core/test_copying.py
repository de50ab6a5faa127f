"""Copying a whole database between SQLite and PostgreSQL: complete, verified, never over data unasked."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from iurc_desktop.core.db import open_database
from iurc_desktop.core.errors import Cancelled, Conflict
from iurc_desktop.core.models import Event, Person
from iurc_desktop.core.programme.file import dump_programme_text
from iurc_desktop.core.progress import CancelToken
from iurc_desktop.core.team.copying import copy_database, row_counts

from .factories import person


@pytest.fixture
def other_url(request: pytest.FixtureRequest, tmp_path: Path, db_url: str) -> str:
    """An empty database on the other backend: PostgreSQL for a SQLite source (when configured), else SQLite."""
    server = request.getfixturevalue("pg_server")
    if db_url.startswith("sqlite") and server is not None:
        name = server.create_empty()
        request.addfinalizer(lambda: server.drop(name))
        return server.url_of(name)
    return f"sqlite:///{tmp_path / 'other.db'}"


def _dump(url: str) -> str:
    database = open_database(url)
    try:
        with database.reading() as s:
            return dump_programme_text(s)
    finally:
        database.dispose()


def test_demo_copied_to_the_other_backend_and_back_dumps_identically(demo_db, other_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Demo SQLite -> PostgreSQL -> SQLite (with IURC_TEST_PG; SQLite -> SQLite otherwise) loses nothing."""
    original = _dump(demo_db.url)
    there = copy_database(demo_db.url, other_url)
    back_url = f"sqlite:///{tmp_path / 'back.db'}"
    back = copy_database(other_url, back_url)
    assert there.rows == back.rows > 100
    assert dict(there.tables) == dict(back.tables)
    assert dict(there.tables)["people"] > 0 and dict(there.tables)["participations"] > 0
    assert _dump(other_url) == original
    assert _dump(back_url) == original


def test_copied_database_takes_new_rows_after_the_copied_ids(demo_db, other_url: str) -> None:  # type: ignore[no-untyped-def]
    """Ids are kept, and the target's id sequences move past them (PostgreSQL would collide otherwise)."""
    copy_database(demo_db.url, other_url)
    target = open_database(other_url)
    try:
        with target.transaction() as s:
            highest = s.scalar(select(func.max(Person.id)))
            new = person(s, "Nova", "Copy", email="nova@example.eu")
            assert new.id > highest
    finally:
        target.dispose()


def test_a_non_empty_target_is_refused_unless_overwrite(demo_db, other_url: str) -> None:  # type: ignore[no-untyped-def]
    copy_database(demo_db.url, other_url)
    target = open_database(other_url)
    try:
        with target.transaction() as s:
            s.get(Event, 1).title = "Changed on the server"
    finally:
        target.dispose()
    with pytest.raises(Conflict, match=r"is not empty \(.*events: \d+.*Nothing was copied.*overwrite"):
        copy_database(demo_db.url, other_url)
    assert "Changed on the server" in _dump(other_url)
    copy_database(demo_db.url, other_url, overwrite=True)
    assert _dump(other_url) == _dump(demo_db.url)


def test_copy_reports_progress_and_a_cancelled_copy_leaves_the_target_empty(demo_db, other_url: str) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[int, int]] = []
    token = CancelToken()

    def progress(done: int, total: int, _message: str) -> None:
        seen.append((done, total))
        if len(seen) == 2:
            token.cancel()

    with pytest.raises(Cancelled):
        copy_database(demo_db.url, other_url, progress=progress, cancel=token)
    assert seen[0][1] > seen[0][0] > 0
    target = open_database(other_url)
    try:
        with target.engine.connect() as conn:
            assert set(row_counts(conn).values()) == {0}
    finally:
        target.dispose()


def test_copy_onto_itself_is_refused(demo_db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Conflict, match="same database"):
        copy_database(demo_db.url, demo_db.url)
