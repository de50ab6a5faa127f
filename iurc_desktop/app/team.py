"""Several staff on one shared database: others' changes, read-only access, connecting to a server."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.team import access, notify
from ..core.team.access import AccessInfo

if TYPE_CHECKING:
    from .database import Database

__all__ = [
    "AccessInfo", "ServerInfo", "change_counter", "connect_once", "guard_access", "refused_write", "server_url",
]

SERVER_DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT = 5  # seconds before "no server answers"
# What the drivers say when this connection may not write (SQLite, PostgreSQL).
_REFUSED_WRITE = ("attempt to write a readonly database", "permission denied for", "read-only transaction")


def guard_access(db: Database) -> AccessInfo:
    """Whether this connection may edit `db`; when not, every later edit through it is refused naming why."""
    info = access.can_write(db)
    access.refuse_writes(db, info)
    return info


def change_counter(db: Database, since: int) -> int:
    """The database's change counter now; it differs from `since` once anyone committed a change."""
    return notify.poll_changes(db, since)


def refused_write(exc: BaseException) -> bool:
    """Whether `exc` is the database refusing a write to this connection (no rights, a read-only file)."""
    from sqlalchemy.exc import DBAPIError

    if not isinstance(exc, DBAPIError):
        return False
    text = str(exc.orig or exc).lower()
    return any(words in text for words in _REFUSED_WRITE)


def server_url(*, host: str = "", port: int | None = None, database: str = "", user: str = "", service: str = "") -> str:
    """The URL of a PostgreSQL server connection; never carries a password (libpq finds it)."""
    from sqlalchemy.engine import URL

    if service:
        return URL.create(SERVER_DRIVER, query={"service": service}).render_as_string(hide_password=False)
    url = URL.create(SERVER_DRIVER, username=user or None, host=host or None, port=port or None, database=database or None)
    return url.render_as_string(hide_password=False)


@dataclass(frozen=True)
class ServerInfo:
    """Who a test connection reached: the database, the user and the server's version."""

    database: str
    user: str
    version: str


def connect_once(url: str, password: str = "") -> ServerInfo:
    """Connect to the server at `url` once (the driver's own errors pass through for the caller to explain)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    args: dict[str, object] = {"connect_timeout": CONNECT_TIMEOUT}
    if password:
        args["password"] = password
    engine = create_engine(url, poolclass=NullPool, connect_args=args)
    try:
        with engine.connect() as conn:
            version = str(conn.scalar(text("SHOW server_version")))
            user, database = conn.execute(text("SELECT current_user, current_database()")).one()
    finally:
        engine.dispose()
    return ServerInfo(str(database), str(user), version)
