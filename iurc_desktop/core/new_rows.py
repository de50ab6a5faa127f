"""Many new rows inserted in a few statements, with their ids in the order given.

SQLAlchemy keeps that order on SQLite by sending one row per statement (SQLite's
RETURNING has no order), and a row per statement is slow: each statement also
flushes the trigram index a table's insert trigger writes (migration 0009).
Inside a SQLite write transaction (`Database.transaction` begins IMMEDIATE) no one
else inserts, so the ids SQLite would give one by one (the largest plus one) are
given up front and the rows go in batches (a single row goes as it is, in one
statement). Other databases number rows from a sequence and keep the order in
batches by themselves.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session


def insert_rows(session: Session, model: Any, rows: Sequence[Mapping[str, object]]) -> list[int]:
    """Insert the rows of `model` (a table with an integer `id`), each naming the same columns; their new ids, in order."""
    if not rows:
        return []
    columns = rows[0].keys()
    if any(row.keys() != columns for row in rows):  # a Core insert takes the first row's columns and drops others' extras
        raise ValueError(f"rows of {model.__name__} name different columns")
    table = model.__table__  # a Core insert: the ORM's bulk insert walks every row again in Python
    if len(rows) == 1 or session.get_bind().dialect.name != "sqlite":
        return list(session.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows))
    first = (session.scalar(select(func.max(table.c.id))) or 0) + 1
    ids = list(range(first, first + len(rows)))
    # RETURNING only so that SQLAlchemy sends many rows per statement ("insertmanyvalues"); the ids are known
    returned = session.scalars(insert(table).returning(table.c.id), [{**row, "id": id_} for row, id_ in zip(rows, ids)])
    return sorted(returned)
