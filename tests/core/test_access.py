"""Whether a connection may edit: SQLite files marked read-only, PostgreSQL roles granted SELECT only."""

from __future__ import annotations

import shutil
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from iurc_desktop.core.db import Database, open_database
from iurc_desktop.core.models import Person
from iurc_desktop.core.people.fields import set_person_field
from iurc_desktop.core.team.access import ReadOnlyDatabase, can_write, read_only_message, refuse_writes
from iurc_desktop.core.team.notify import data_version

from .factories import person


def _with_person(db: Database) -> int:
    with db.transaction() as s:
        return person(s, "Ane", "Etxeberria").id


def read_only_copy(source: Database, folder: Path) -> Path:
    """A copy of a SQLite database file, marked read-only for everyone."""
    source.dispose()  # everything checkpointed into the main file
    copy = folder / "readonly.db"
    shutil.copy(make_url(source.url).database, copy)
    copy.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    return copy


def test_a_fresh_database_is_writable(db):
    assert can_write(db).writable
    assert can_write(db).reason == ""


@pytest.mark.sqlite_only("a SQLite file's permissions")
def test_a_sqlite_file_marked_read_only_is_read_only_and_edits_are_refused(db, tmp_path):
    person_id = _with_person(db)
    copy = read_only_copy(db, tmp_path)
    ro = open_database(f"sqlite:///{copy}")
    try:
        info = can_write(ro)
        assert not info.writable
        assert "readonly.db is read-only" in info.reason
        refuse_writes(ro, info)
        assert "read-only for you" in read_only_message(ro)
        with pytest.raises(ReadOnlyDatabase, match="You can browse and export, but not edit"):
            with ro.transaction() as s:
                set_person_field(s, person_id, "job_title", "Mayor")
        with ro.reading() as s:  # browsing still works, and nothing changed
            assert s.get(Person, person_id).job_title == ""
    finally:
        ro.dispose()
        copy.chmod(stat.S_IRUSR | stat.S_IWUSR)


@pytest.mark.sqlite_only("SQLite's query_only connections")
def test_a_sqlite_connection_that_refuses_writes_is_read_only(db):
    from sqlalchemy import event

    db.engine.dispose()
    event.listen(db.engine, "connect", lambda conn, _record: conn.execute("PRAGMA query_only = ON"))
    info = can_write(db)
    assert not info.writable
    assert "SQLite refuses writes" in info.reason


def test_a_writable_database_is_never_guarded(db):
    refuse_writes(db, can_write(db))
    person_id = _with_person(db)
    with db.transaction() as s:
        set_person_field(s, person_id, "job_title", "Mayor")
    assert read_only_message(db) == ""


@pytest.fixture
def reader_url(db: Database) -> Iterator[str]:
    """The same PostgreSQL database, reached as a new role granted SELECT only."""
    if db.is_sqlite:
        pytest.skip("roles are a PostgreSQL matter")
    role = f"iurc_reader_{uuid.uuid4().hex[:8]}"
    admin = create_engine(db.url, poolclass=NullPool)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        conn.execute(text(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"'))
    yield make_url(db.url).set(username=role, password=None).render_as_string(hide_password=False)
    with admin.begin() as conn:
        conn.execute(text(f'DROP OWNED BY "{role}"'))
        conn.execute(text(f'DROP ROLE "{role}"'))
    admin.dispose()


def test_a_postgresql_role_granted_select_only_is_read_only(db, reader_url):
    person_id = _with_person(db)
    reader = open_database(reader_url)
    try:
        info = can_write(reader)
        assert not info.writable
        assert "may read but not change" in info.reason and "participations" in info.reason
        refuse_writes(reader, info)
        with pytest.raises(ReadOnlyDatabase, match="read-only for you"):
            with reader.transaction() as s:
                set_person_field(s, person_id, "job_title", "Mayor")
        with reader.reading() as s:
            assert s.get(Person, person_id).job_title == ""
    finally:
        reader.dispose()


def test_a_role_granted_select_only_still_sees_others_changes(db, reader_url):
    reader = open_database(reader_url)
    try:
        start = data_version(reader)
        _with_person(db)
        assert data_version(reader) == start + 1
    finally:
        reader.dispose()


def test_a_role_that_may_not_take_change_numbers_is_read_only(db, reader_url):
    """Table rights without the change counter's sequence: an edit could not commit, so it is refused up front."""
    admin = create_engine(db.url, poolclass=NullPool)
    role = make_url(reader_url).username
    with admin.begin() as conn:
        conn.execute(text(f'GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}"'))
    admin.dispose()
    reader = open_database(reader_url)
    try:
        info = can_write(reader)
        assert not info.writable and "data_change_seq" in info.reason
    finally:
        reader.dispose()
