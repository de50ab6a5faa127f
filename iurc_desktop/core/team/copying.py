"""Copy a whole database to another (a laptop's SQLite file and the team's PostgreSQL server, both ways).

The target is migrated to the newest schema, must be empty unless `overwrite`,
and is filled in one transaction: table by table in dependency order, in
batches, with the same ids. PostgreSQL sequences are moved past the copied ids,
and each table's row count is compared with the source before the commit, so a
copy is complete or absent. The erasure register the target had is merged with
the copied one, and whoever they name is erased again in the same transaction.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Integer, Table, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from ..db import Database, open_database, resolve_url
from ..errors import Conflict, DatabaseError
from ..models import Base
from ..people import erasure, erasure_register
from ..progress import CancelToken, Progress, no_progress
from .notify import bump

BATCH = 5000  # rows per executemany: few statements, bounded memory


@dataclass(frozen=True)
class CopyReport:
    """What was copied: rows per table (dependency order), their total and how long it took."""

    source: str
    target: str
    tables: tuple[tuple[str, int], ...]
    rows: int
    seconds: float
    erased_again: int = 0  # people the erasure registers name, erased again in the target


def shown(url: str) -> str:
    """A URL as a person may see it: never with its password."""
    return make_url(url).render_as_string(hide_password=True)


def tables() -> list[Table]:
    """Every application table, parents before children."""
    return list(Base.metadata.sorted_tables)


def row_counts(conn: Connection) -> dict[str, int]:
    """Rows in each application table."""
    return {table.name: conn.scalar(select(func.count()).select_from(table)) or 0 for table in tables()}


def copy_database(
    source_url: str,
    target_url: str,
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> CopyReport:
    """Copy every row of `source_url` into `target_url` (migrated first); all or nothing."""
    source_url, target_url = resolve_url(source_url), resolve_url(target_url)
    if make_url(source_url) == make_url(target_url):
        raise Conflict(f"The source and the target are the same database ({shown(source_url)}).")
    report = progress or no_progress
    started = time.perf_counter()
    source = open_database(source_url)
    try:
        target = open_database(target_url)
        try:
            with _snapshot(source) as src, target.engine.begin() as dst:
                counts = row_counts(src)
                kept = erasure_register.entries(dst)  # the target's register outlives its rows
                _check_empty(dst, target_url, overwrite)
                _copy_tables(src, dst, counts, report, cancel)
                _reset_sequences(dst)
                _verify(dst, counts)
                erased_again = _replay(dst, kept)
                bump(dst)  # pages open on the target reload
        finally:
            target.dispose()
    finally:
        source.dispose()
    copied = tuple((table.name, counts[table.name]) for table in tables())
    return CopyReport(shown(source_url), shown(target_url), copied, sum(counts.values()), time.perf_counter() - started,
                      erased_again)


def _replay(dst: Connection, kept: list[erasure_register.Entry]) -> int:
    """Merge the target's former register into the copied one and erase again whoever they name."""
    with Session(bind=dst) as session:
        erasure_register.merge(session, kept)
        again = erasure.replay(session)
        session.flush()
    return again


@contextmanager
def _snapshot(database: Database) -> Iterator[Connection]:
    """A connection that sees one consistent state of the source while others may write."""
    if database.is_sqlite:
        with database.engine.connect() as conn:
            conn.exec_driver_sql("BEGIN")  # one read snapshot for every table
            try:
                yield conn
            finally:
                conn.rollback()
        return
    with database.engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn:
        with conn.begin():
            yield conn


def _check_empty(dst: Connection, target_url: str, overwrite: bool) -> None:
    held = {name: n for name, n in row_counts(dst).items() if n}
    if not held:
        return
    if not overwrite:
        listed = ", ".join(f"{name}: {n}" for name, n in sorted(held.items()))
        raise Conflict(
            f"The target database {shown(target_url)} is not empty ({listed}). "
            "Nothing was copied; copy with overwrite (--overwrite) to replace its contents."
        )
    for table in reversed(tables()):
        dst.execute(table.delete())


def _copy_tables(src: Connection, dst: Connection, counts: dict[str, int], report: Progress, cancel: CancelToken | None) -> None:
    total, done = sum(counts.values()), 0
    for table in tables():
        # yield_per: a server cursor on PostgreSQL, so a large table is never held whole in memory
        result = src.execute(select(table).order_by(*table.primary_key.columns).execution_options(yield_per=BATCH))
        names = list(result.keys())
        while batch := result.fetchmany(BATCH):
            if cancel is not None:
                cancel.check()
            dst.execute(table.insert(), [dict(zip(names, row)) for row in batch])
            done += len(batch)
            report(done, total, f"Copying {table.name}")
    report(done, total, "Copied")


def _reset_sequences(dst: Connection) -> None:
    """Rows came with their ids: move PostgreSQL's id sequences past them, or the next insert collides."""
    if dst.dialect.name != "postgresql":
        return
    for table in tables():
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        column = keys[0].name
        sequence = dst.scalar(text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column})
        if sequence:
            dst.execute(
                text(f'SELECT setval(:s, COALESCE((SELECT MAX("{column}") FROM "{table.name}"), 0) + 1, false)'),
                {"s": sequence},
            )


def _verify(dst: Connection, expected: dict[str, int]) -> None:
    found = row_counts(dst)
    wrong = [f"{name}: {expected[name]} in the source, {found[name]} copied" for name in expected if found[name] != expected[name]]
    if wrong:
        raise DatabaseError("The copy is incomplete, so it was not kept: " + "; ".join(wrong))
