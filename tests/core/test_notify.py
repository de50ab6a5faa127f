"""The change signal: committed writes raise the counter, reads and rollbacks do not; waiting wakes on a change."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import update

from iurc_desktop.core.models import Person
from iurc_desktop.core.team.copying import copy_database
from iurc_desktop.core.team.notify import data_version, poll_changes, wait_for_change

from .factories import person


def test_a_committed_write_raises_the_counter_once(db) -> None:  # type: ignore[no-untyped-def]
    start = data_version(db)
    with db.transaction() as s:
        person(s, "Ane", "Etxeberria")
        person(s, "Min-jun", "Kim")
    assert poll_changes(db, start) == start + 1


def test_reads_and_rolled_back_writes_leave_the_counter_alone(db) -> None:  # type: ignore[no-untyped-def]
    start = data_version(db)
    with db.reading() as s:
        s.query(Person).all()
    with db.transaction() as s:
        s.query(Person).all()
    with pytest.raises(RuntimeError), db.transaction() as s:
        person(s, "Ane", "Etxeberria")
        raise RuntimeError("abandoned")
    assert data_version(db) == start


def test_bulk_statements_and_pending_objects_count_as_changes(db) -> None:  # type: ignore[no-untyped-def]
    start = data_version(db)
    with db.transaction() as s:
        s.add(Person(given_name="Unflushed", family_name="Until commit"))
    with db.transaction() as s:
        s.execute(update(Person).values(dietary="vegan"))
    assert data_version(db) == start + 2


def test_waiting_wakes_when_another_connection_commits(db) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL by LISTEN/NOTIFY, SQLite by polling: the waiter sees the new counter well before its timeout."""
    start = data_version(db)

    def writer() -> None:
        time.sleep(0.3)
        with db.transaction() as s:
            person(s, "Ane", "Etxeberria")

    thread = threading.Thread(target=writer)
    began = time.monotonic()
    thread.start()
    seen = wait_for_change(db, start, timeout=10)
    waited = time.monotonic() - began
    thread.join()
    assert seen == start + 1
    assert 0.2 < waited < 5


def test_waiting_without_a_change_times_out_with_the_same_counter(db) -> None:  # type: ignore[no-untyped-def]
    start = data_version(db)
    began = time.monotonic()
    assert wait_for_change(db, start, timeout=0.5) == start
    assert time.monotonic() - began >= 0.45


def test_a_copy_raises_the_targets_counter(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        person(s, "Ane", "Etxeberria")
    target_url = f"sqlite:///{tmp_path / 'target.db'}"
    copy_database(db.url, target_url)
    from iurc_desktop.core.db import open_database

    target = open_database(target_url)
    try:
        assert data_version(target) == 1
    finally:
        target.dispose()
