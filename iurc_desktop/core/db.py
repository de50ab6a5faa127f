"""Engine, connection pragmas, migrations and the unit of work.

`open_database(url)` returns a `Database` whose schema is at the newest revision
(alembic runs on open); a database stamped by a revision this version does not
know is refused. `db.transaction()` is one user action: commit on success,
rollback on any exception.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

# Imported for their ORM hooks, so every session opened here keeps them: folded search text,
# and a calendar entry's SEQUENCE raised when a field it shows changes.
from . import calendar_fields as _calendar_fields  # noqa: F401
from . import search_text as _search_text  # noqa: F401
from .errors import DatabaseBusy, DatabaseError, IurcError, NewerDatabaseError, disk_full, is_disk_full
from .paths import data_dir  # noqa: F401 - part of this module's API
from .recovery import check_file, damaged, is_damage
from .revisions import head_revision, known_revisions, migrations_dir  # noqa: F401 - part of this module's API

DB_ENV = "IURC_DB"


def default_url() -> str:
    return f"sqlite:///{data_dir() / 'iurc.db'}"


def resolve_url(url: str | None) -> str:
    """--db beats IURC_DB beats the default SQLite file. A plain path means a SQLite file."""
    chosen = url or os.environ.get(DB_ENV) or default_url()
    if "://" not in chosen:
        chosen = f"sqlite:///{Path(chosen).expanduser().resolve()}"
    return chosen


def _set_sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for any SQLAlchemy URL; SQLite gets foreign keys, WAL and a busy timeout."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"{url} is not a database URL (expected e.g. sqlite:///path/iurc.db or postgresql+psycopg://host/db)") from None
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite and parsed.database and parsed.database != ":memory:":
        folder = Path(parsed.database).expanduser().parent
        if not folder.is_dir():
            raise DatabaseError(f"Cannot open the database {parsed.database}: the folder {folder} does not exist.")
    try:
        # Parameters are a person's data: never in an error's text, a traceback or a log.
        engine = create_engine(url, future=True, hide_parameters=True)
    except (ArgumentError, ImportError, SQLAlchemyError) as exc:
        raise DatabaseError(f"Cannot use the database URL {parsed.render_as_string(hide_password=True)}: {exc}") from None
    if is_sqlite:
        event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def _alembic_config(connection: object) -> "object":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = connection
    return config


def current_revision(engine: Engine) -> str | None:
    """The revision the database is stamped with; None for a new, empty one."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def upgrade(engine: Engine, *, keep_copy: bool = True) -> None:
    """Bring the schema to head; refuse a database from a newer version.

    `keep_copy=False` for a file that is itself a copy being rewritten (a backup purged of an erased
    person): a copy of it kept beside it would hold what the rewrite removes.
    """
    known, head = known_revisions()
    current = current_revision(engine)
    if current is not None and current not in known:
        raise NewerDatabaseError(
            f"This database was written by a newer version of IURC Desktop (schema revision {current}). "
            "Install the newer version to open it; it was not changed."
        )
    if current == head:
        return
    from alembic import command  # only now: alembic is slow to import and rarely needed

    if current is not None and keep_copy:
        backup_before_upgrade(engine, current)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")  # type: ignore[arg-type]


def backup_before_upgrade(engine: Engine, revision: str) -> Path | None:
    """A SQLite file about to be migrated is first copied into `backups/` beside it (the last 10 kept)."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    from .backup import rotate_backup

    folder = Path(url.database).expanduser().parent / "backups"
    return rotate_backup(url.render_as_string(hide_password=False), folder, reason=f"before-upgrade-{revision}").path


@dataclass
class Database:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: commits when the block ends normally, rolls back otherwise."""
        session = self.sessions()
        try:
            if self.is_sqlite:
                # Take the write lock up front: two writers that both read first (a capacity count)
                # would otherwise both decide, and the second fail on its stale snapshot.
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            yield session
            session.commit()
        except StaleDataError:
            conflict = self._edit_conflict(session)
            if conflict is None:
                raise
            raise conflict from None
        except DBAPIError as exc:
            session.rollback()
            if isinstance(exc, OperationalError) and _is_busy(exc):
                raise DatabaseBusy(
                    "The database is busy: another window or program is saving to it. "
                    "Nothing was changed; try again in a moment."
                ) from None
            plain = self.plain_failure(exc)
            if plain is None:
                raise
            raise plain from None
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @staticmethod
    def _edit_conflict(session: Session) -> IurcError | None:
        """Someone else saved a row this unit of work changed: name both sides (see concurrency.py)."""
        from .team.concurrency import PENDING_KEY, conflict_from_stale

        pending = session.info.pop(PENDING_KEY, [])
        session.rollback()
        try:
            return conflict_from_stale(pending, session)
        finally:
            session.rollback()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only unit: always rolled back."""
        session = self.sessions()
        try:
            yield session
        except DBAPIError as exc:
            plain = self.plain_failure(exc)
            if plain is None:
                raise
            raise plain from None
        finally:
            session.rollback()
            session.close()

    def plain_failure(self, exc: DBAPIError) -> IurcError | None:
        """A driver's failure a person can act on (a full disk, a damaged file) in words; None for anything else."""
        if is_disk_full(exc):
            return disk_full(self.file.parent if self.file is not None else None)
        if self.file is not None and is_damage(str(exc.orig or exc)):
            return damaged(self.file)
        return None

    @property
    def file(self) -> Path | None:
        """The SQLite file behind this database; None for a server or an in-memory one."""
        return _sqlite_file(self.engine.url)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    """Open (and by default create or upgrade) the database at `url` (see `resolve_url`)."""
    resolved = resolve_url(url)
    engine = make_engine(resolved)
    shown = make_url(resolved).render_as_string(hide_password=True)
    file = _sqlite_file(engine.url)
    try:
        if file is not None:
            check_file(file)  # a damaged file is refused before anything reads or writes it
        with engine.connect() as conn:
            inspect(conn).get_table_names()
        if migrate:
            upgrade(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise _open_failure(shown, engine.url, exc) from None
    sessions = sessionmaker(bind=engine, expire_on_commit=False)
    from .team.concurrency import track_edits
    from .team.notify import track_changes

    track_edits(sessions)
    track_changes(sessions)
    return Database(resolved, engine, sessions)


# PostgreSQL's words for "another writer got in the way; nothing was done": a deadlock one side
# of which it rolled back, a serialisation failure, a lock it would not wait for.
_BUSY_STATES = {"40P01", "40001", "55P03"}


def _is_busy(exc: OperationalError) -> bool:
    if getattr(exc.orig, "sqlstate", None) in _BUSY_STATES:
        return True
    text = str(exc.orig or exc).lower()
    return "database is locked" in text or "database is busy" in text


def _sqlite_file(url: object) -> Path | None:
    """The file behind a SQLite URL; None for a server or an in-memory database."""
    database = getattr(url, "database", None)
    if getattr(url, "drivername", "").startswith("sqlite") and database and database != ":memory:":
        return Path(database).expanduser()
    return None


# What SQLite says when it may not create or change a file (or its journal beside it).
_CANNOT_WRITE = ("unable to open database file", "readonly database", "read-only file system")


def read_only_place(path: Path) -> str | None:
    """Why SQLite may not write `path`: its folder or the file is read-only (said so); None when neither is."""
    folder = path.parent
    if not os.access(folder, os.W_OK):
        return (f"The folder {folder} is read-only: IURC Desktop needs to write its database there "
                "(and its journal beside it); choose another folder (--db PATH or IURC_DB), "
                "or ask for write access to this one.")
    if path.exists() and not os.access(path, os.W_OK):
        return (f"The database file {path} is read-only, and opening it needs to write to it (to create or upgrade it); "
                "make it writable, or open a copy of it.")
    return None


def _open_failure(shown: str, url: object, exc: SQLAlchemyError) -> IurcError:
    """Why a database could not be opened, in words a person can act on."""
    reason = str(getattr(exc, "orig", None) or exc).strip().rstrip(".")
    path = _sqlite_file(url)
    if is_disk_full(exc):
        return disk_full(path.parent if path is not None else None)
    if path is not None:
        if path.is_dir():
            return DatabaseError(f"Cannot open the database {path}: it is a folder. Give the path of a database file, e.g. {path / 'iurc.db'}.")
        if "file is not a database" in reason:
            return DatabaseError(f"Cannot open {path}: it is not an IURC Desktop database (not a SQLite file). Nothing was changed.")
        if is_damage(reason):
            return damaged(path)
        if any(words in reason.lower() for words in _CANNOT_WRITE):
            return DatabaseError(read_only_place(path) or f"Cannot open the database {path}: {reason}.")
    if isinstance(exc, OperationalError) and _is_busy(exc):
        return DatabaseError(f"Cannot open the database {shown}: it is busy (another program is saving to it). Try again in a moment.")
    return DatabaseError(f"Cannot open the database {shown}: {reason}.")
