"""Whether this connection may change the database, and refusing edits plainly when it may not.

A read-only database (a SQLite file marked read-only, a folder the journal cannot
be written in, a PostgreSQL role granted SELECT only, a standby server) can still
be browsed and exported. `can_write` finds out once, when the database is opened;
`refuse_writes` then turns every attempted edit into a `ReadOnlyDatabase` error
that says why, before the driver fails with its own words.
"""

from __future__ import annotations

import os
import stat
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import ORMExecuteState, Session

from ..db import Database
from ..errors import IurcError, first_line
from .notify import SEQUENCE

# The tables a person edits from the app: writing to all of them is what "writable" means.
EDITED_TABLES = ("events", "items", "participations", "people", "organisations", "travel_legs", "stays")
# The refusal message of each guarded session factory (kept as long as its database).
_GUARDED: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


class ReadOnlyDatabase(IurcError):
    """An edit was attempted on a database this connection may only read."""


@dataclass(frozen=True)
class AccessInfo:
    """Whether edits are possible, and if not, why (in words for the status bar)."""

    writable: bool
    reason: str = ""


WRITABLE = AccessInfo(True)


def can_write(db: Database) -> AccessInfo:
    """Whether this connection may edit the database; never raises."""
    try:
        if db.is_sqlite:
            return _sqlite_access(db)
        if db.engine.dialect.name == "postgresql":
            return _postgresql_access(db)
    except SQLAlchemyError as exc:
        return AccessInfo(False, f"the database could not be asked whether you may edit it ({first_line(exc)})")
    return WRITABLE


def _sqlite_access(db: Database) -> AccessInfo:
    url = db.engine.url
    database = url.database or ""
    if database and database != ":memory:":
        found = _file_access(Path(database))
        if not found.writable:
            return found
    return _sqlite_probe(db)


def _file_access(path: Path) -> AccessInfo:
    try:
        mode = path.stat().st_mode
    except OSError:
        return WRITABLE  # a file being created: the probe decides
    # A file marked read-only for everyone is honoured even by an account that could override it.
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        return AccessInfo(False, f"the file {path.name} is read-only for you")
    if not os.access(path.parent, os.W_OK):
        return AccessInfo(False, f"the folder {path.parent} is read-only (SQLite writes its journal beside the file)")
    return WRITABLE


def _sqlite_probe(db: Database) -> AccessInfo:
    """A write that changes nothing: SQLite refuses it on a read-only connection."""
    with db.engine.connect() as conn:
        try:
            conn.execute(text("UPDATE data_changes SET counter = counter WHERE 0 = 1"))
        except SQLAlchemyError as exc:
            return AccessInfo(False, f"SQLite refuses writes ({first_line(exc)})")
        finally:
            conn.rollback()
    return WRITABLE


def _postgresql_access(db: Database) -> AccessInfo:
    with db.engine.connect() as conn:
        try:
            if conn.scalar(text("SELECT pg_is_in_recovery()")):
                return AccessInfo(False, "the server is a read-only standby")
            if conn.scalar(text("SELECT current_setting('transaction_read_only')")) == "on":
                return AccessInfo(False, "your sessions on this server are read-only (default_transaction_read_only)")
            user = conn.scalar(text("SELECT current_user"))
            missing = [
                table for table in EDITED_TABLES
                if not conn.scalar(text("SELECT has_table_privilege(current_user, :t, 'INSERT,UPDATE,DELETE')"), {"t": table})
            ]
            if not conn.scalar(text("SELECT has_sequence_privilege(current_user, :s, 'USAGE')"), {"s": SEQUENCE}):
                missing.append(f"the change counter ({SEQUENCE})")  # every edit takes its next number
        finally:
            conn.rollback()
    if missing:
        return AccessInfo(False, f"the role {user} may read but not change {', '.join(missing)}")
    return WRITABLE


def refuse_writes(db: Database, info: AccessInfo) -> None:
    """From now on every edit through `db`'s sessions raises `ReadOnlyDatabase` naming `info.reason`."""
    if info.writable or db.sessions in _GUARDED:
        return
    message = (f"This database is read-only for you: {info.reason}. You can browse and export, "
               "but not edit; nothing was changed.")

    def refuse(*_args: Any) -> None:
        raise ReadOnlyDatabase(message)

    def refuse_statement(state: ORMExecuteState) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            refuse()

    event.listen(db.sessions, "before_flush", lambda session, _ctx, _objs: refuse() if _has_changes(session) else None)
    event.listen(db.sessions, "do_orm_execute", refuse_statement)
    _GUARDED[db.sessions] = message


def _has_changes(session: Session) -> bool:
    return bool(session.new or session.dirty or session.deleted)


def read_only_message(db: Database) -> str:
    """The message edits get on a guarded database, or '' when edits are allowed."""
    return _GUARDED.get(db.sessions, "")
