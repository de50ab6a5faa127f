"""A light "the data changed" signal, so open pages refresh when someone else saves.

Every committed unit of work that wrote anything raises a change counter in the
same transaction. A page remembers `data_version()` when it loads and asks
`poll_changes(db, since)` (or waits with `wait_for_change`) to know when to
reload, keeping its selection and unsaved edit itself.

SQLite has one writer at a time, so its counter is the one-row `data_changes`
table (migration 0005). On PostgreSQL a row that every writer updates would make
all writers queue on it; there the counter is the sequence `data_change_seq`,
read through the view `data_changes` (migration 0008): each writing transaction
takes the next number and sends it with `NOTIFY iurc_changes`, delivered on
commit. A sequence moves before its transaction commits, so writers hold an
advisory lock shared from taking their number to their commit, and a reader
takes it exclusively for a moment: the number it reads is never one whose data
it cannot see yet.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

from sqlalchemy import Column, Connection, Engine, Integer, MetaData, Table, event, text, update
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

CHANNEL = "iurc_changes"
SEQUENCE = "data_change_seq"
# The advisory lock key of "a transaction holding a change number is committing" ("IURC" in ASCII).
_COMMITTING = 0x49555243
# FROM before the select list: the lock is held before the number is taken.
_TAKE_NUMBER = text(f"SELECT pg_notify('{CHANNEL}', nextval('{SEQUENCE}')::text) FROM pg_advisory_xact_lock_shared({_COMMITTING})")
_WAIT_FOR_COMMITS = f"SELECT pg_advisory_xact_lock({_COMMITTING})"
_NONE_COMMITTING = f"SELECT pg_try_advisory_xact_lock({_COMMITTING})"
# A row on SQLite; on PostgreSQL a view of the sequence (migration 0008), which whoever may read the tables may read.
_COUNTER = "SELECT counter FROM data_changes WHERE id = 1"


class Database(Protocol):
    """What this module needs of a `core.db.Database` (which installs its tracking): the engine."""

    @property
    def engine(self) -> Engine: ...

_WROTE = "iurc_wrote"

# SQLite's counter row. Kept out of the models' metadata on purpose: it is bookkeeping, not data to dump or copy.
data_changes = Table(
    "data_changes",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("counter", Integer, nullable=False, server_default="0"),
)


def bump(conn: Connection | Session) -> None:
    """Raise the change counter (and notify listeners on PostgreSQL) within the caller's transaction.

    On PostgreSQL this is the transaction's last statement: the shared lock it takes is held until the commit.
    """
    if _dialect(conn) == "postgresql":
        conn.execute(_TAKE_NUMBER)
        return
    result = conn.execute(update(data_changes).where(data_changes.c.id == 1).values(counter=data_changes.c.counter + 1))
    if result.rowcount == 0:  # type: ignore[attr-defined]
        conn.execute(data_changes.insert().values(id=1, counter=1))


def _dialect(conn: Connection | Session) -> str:
    bind = conn.get_bind() if isinstance(conn, Session) else conn
    return bind.dialect.name


def _note_write(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_WROTE] = True


def _note_flush(session: Session, _context: Any) -> None:
    session.info[_WROTE] = True


def _bump_if_written(session: Session) -> None:
    session.flush()  # what is still pending is written now, so it counts
    if session.info.pop(_WROTE, False):
        bump(session)
        session.info.pop(_WROTE, None)  # the bump itself is no data change


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(_WROTE, None)


def track_changes(sessions: sessionmaker[Session]) -> None:
    """Make every committed unit of work that wrote something raise the change counter."""
    event.listen(sessions, "do_orm_execute", _note_write)
    event.listen(sessions, "after_flush", _note_flush)
    event.listen(sessions, "before_commit", _bump_if_written)
    event.listen(sessions, "after_commit", _forget)
    event.listen(sessions, "after_rollback", _forget)


def data_version(db: Database) -> int:
    """The database's change counter now: it differs from an earlier reading once anyone committed a change."""
    with db.engine.connect() as conn:  # closing it ends the transaction and so the reader's lock
        return _read_counter(conn.exec_driver_sql, db.engine.dialect.name)


def _read_counter(execute: Callable[[str], Any], dialect: str, busy: int | None = None) -> int:
    """The counter through a driver-level `execute(sql)`, inside a transaction the caller ends.

    On PostgreSQL it waits for the writers that took a number to commit it; with `busy` it does
    not wait but returns `busy` when one is still committing.
    """
    if dialect == "postgresql":
        if busy is None:
            execute(_WAIT_FOR_COMMITS)
        elif not execute(_NONE_COMMITTING).fetchone()[0]:
            return busy
    return int((execute(_COUNTER).fetchone() or (0,))[0] or 0)


def poll_changes(db: Database, since: int) -> int:
    """The change counter now; a page that loaded at `since` reloads when the two differ.

    It never waits (a window polls on its GUI thread): while a writer on PostgreSQL is still
    committing, possibly a long load, it returns `since`, and the next poll sees the change.
    """
    with db.engine.connect() as conn:  # closing it ends the transaction and so the lock it may hold
        return _read_counter(conn.exec_driver_sql, db.engine.dialect.name, busy=since)


def wait_for_change(db: Database, since: int, timeout: float) -> int:
    """Block until the counter moves past `since` or `timeout` seconds pass; returns the counter then.

    PostgreSQL wakes up on NOTIFY; SQLite is polled four times a second.
    """
    deadline = time.monotonic() + timeout
    if db.engine.dialect.name == "postgresql":
        return _listen(db, since, deadline)
    while (now := data_version(db)) == since and time.monotonic() < deadline:
        time.sleep(min(0.25, max(0.0, deadline - time.monotonic())))
    return now


def _listen(db: Database, since: int, deadline: float) -> int:
    raw = db.engine.raw_connection()
    try:
        driver = raw.driver_connection  # type: ignore[attr-defined]
        driver.autocommit = True
        driver.execute(f"LISTEN {CHANNEL}")
        # LISTEN first, then read: a change committed in between is seen by the read.
        with driver.transaction():
            now = _read_counter(driver.execute, "postgresql")
        while now == since and (left := deadline - time.monotonic()) > 0:
            for note in driver.notifies(timeout=left, stop_after=1):
                now = int(note.payload)
        driver.execute(f"UNLISTEN {CHANNEL}")
        return now
    finally:
        raw.invalidate()  # never hand a LISTENing, autocommit connection back to the pool
