"""The change signal: committed writes raise the counter, reads and rollbacks do not; waiting wakes on a change."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy import update

from iurc_desktop.core.models import Participation, Person
from iurc_desktop.core.registrations import participations as reg
from iurc_desktop.core.team.copying import copy_database
from iurc_desktop.core.team.notify import bump, data_version, poll_changes, wait_for_change

from .factories import event, participate, person


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


def _in_thread(work: Callable[[], object]) -> tuple[threading.Thread, list[object]]:
    done: list[object] = []
    thread = threading.Thread(target=lambda: done.append(work()))
    thread.start()
    return thread, done


def test_writers_of_different_rows_do_not_wait_for_each_others_change_number(db) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL: a writer that took its change number and has not committed holds up no other writer (once, one row did)."""
    if db.is_sqlite:
        pytest.skip("SQLite serialises writers (BEGIN IMMEDIATE)")
    with db.transaction() as s:
        ev = event(s, "sv")
        first, second = (participate(s, ev, person(s, n, "Writer"), status="confirmed").id for n in ("Ane", "Lea"))
    start = data_version(db)

    def other_writer() -> object:
        with db.transaction() as s:
            return reg.set_status(s, "sv", [second], "attended")

    with db.transaction() as s:
        assert reg.set_status(s, "sv", [first], "attended")
        bump(s)  # what the commit does first: this transaction now holds its change number
        thread, done = _in_thread(other_writer)
        thread.join(5)
        assert not thread.is_alive() and done and done[0], "the other writer waited for this one"
    assert data_version(db) == start + 3  # ours taken twice (the explicit bump, then the commit's), theirs once
    with db.reading() as s:
        assert [s.get(Participation, pid).status for pid in (first, second)] == ["attended", "attended"]


def _read_while_committing(db, read: Callable[[int], int], wait: float):  # type: ignore[no-untyped-def]
    """Run `read(start)` in a thread while a writer that took a change number is still committing.

    Returns the counter before, the thread, what it read (so far) and whether it was still waiting after `wait` s.
    """
    if db.is_sqlite:
        pytest.skip("SQLite's counter is a row, visible with its transaction")
    start = data_version(db)
    with db.transaction() as s:
        person(s, "Ane", "Etxeberria")
        bump(s)
        thread, seen = _in_thread(lambda: read(start))
        thread.join(wait)
        waiting = thread.is_alive()
    return start, thread, seen, waiting


def test_a_reader_never_sees_a_change_number_before_its_data(db) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL: a number taken by a writer still committing is read only once its commit is visible."""
    start, thread, seen, waiting = _read_while_committing(db, lambda _start: data_version(db), 0.5)
    assert waiting  # waiting for this commit
    thread.join(5)
    assert seen == [start + 2]


def test_a_poll_does_not_wait_for_a_writer_still_committing(db) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL: the window's poll answers at once with what it knew, and sees the change after the commit."""
    start, _thread, seen, waiting = _read_while_committing(db, lambda since: poll_changes(db, since), 2)
    assert not waiting and seen == [start]  # answered without waiting, nothing new yet
    assert poll_changes(db, start) == start + 2
