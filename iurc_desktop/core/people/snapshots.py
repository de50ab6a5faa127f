"""Rows kept as plain values when a record goes with what hangs on it, and put back by undo.

Removing a person takes their participations, status history, travel, stays and
item assignments with them; removing an organisation takes its pairings and
cluster memberships and clears the links of its people and hosted items. An undo
token holds those rows as column values (`TableRows`) and the cleared links as
ids (`Links`), so the window's undo stack never keeps a session or an ORM object.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, ColumnElement, Table, insert, select, update
from sqlalchemy.orm import Session

from ..errors import Conflict
from ..models import Base


@dataclass(frozen=True)
class Edited:
    """A record after an edit, and the earlier values of the fields it changed (None: empty), to edit it back."""

    entry: dict[str, Any]  # as the programme file writes it
    old: dict[str, Any]
    version: int | None = None  # the row's version after the edit, where it has one


@dataclass(frozen=True)
class TableRows:
    """Rows of one table, each as (column, value) pairs."""

    table: str
    rows: tuple[tuple[tuple[str, Any], ...], ...]

    def __len__(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class Links:
    """Rows of `table` whose `column` pointed at a removed record."""

    table: str
    column: str
    ids: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class Removed:
    """A removed record (the first row of `rows`) with the rows that went with it and the links it cleared."""

    kind: str  # "organisation", "person", "cluster", "pairing"
    label: str
    record_id: int
    rows: tuple[TableRows, ...]
    links: tuple[Links, ...] = ()

    def count(self, table: str) -> int:
        """How many rows of `table` went with the record, or had their link to it cleared."""
        return self.taken(table) + self.cleared(table)

    def taken(self, table: str) -> int:
        """How many rows of `table` went with the record."""
        return sum(len(part) for part in self.rows if part.table == table)

    def cleared(self, table: str) -> int:
        """How many rows of `table` had their link to the record cleared (and stay)."""
        return sum(len(part) for part in self.links if part.table == table)


def counted(n: int, noun: str) -> str:
    """'1 stay', '2 stays': how removal messages count what went."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def restore(session: Session, removed: Removed) -> int:
    """Put a removed record back with what went with it; returns its id (the old one where free)."""
    _refuse_taken(session, removed)
    new_ids = put_back(session, removed.rows)
    record_id = new_ids[(removed.rows[0].table, removed.record_id)]
    for links in removed.links:
        relink(session, links, record_id)
    return record_id


def _refuse_taken(session: Session, removed: Removed) -> None:
    """Conflict when the record's key or e-mail was given to another record since."""
    table = Base.metadata.tables[removed.rows[0].table]
    row = dict(removed.rows[0].rows[0])
    for column in table.c:
        value = row.get(column.name)
        if column.unique and value is not None and session.scalar(select(column).where(column == value)) is not None:
            raise Conflict(f"Another {removed.kind} has the {column.name} {value!r} now; change or remove it to put "
                           f"{removed.label} back.")


def take(session: Session, table: Table, where: ColumnElement[bool]) -> TableRows:
    """The rows of `table` matching `where`, as plain values, in id order where there is one."""
    stmt = select(table).where(where)
    if "id" in table.c:
        stmt = stmt.order_by(table.c.id)
    rows = session.execute(stmt).mappings().all()
    return TableRows(table.name, tuple(tuple(row.items()) for row in rows))


def unlink(session: Session, column: Column[Any], value: int, where: ColumnElement[bool] | None = None) -> Links:
    """Clear `column` wherever it holds `value` (in the rows matching `where`, if given); returns which to link again."""
    table = column.table
    stmt = select(table.c.id).where(column == value)
    ids = tuple(session.scalars((stmt if where is None else stmt.where(where)).order_by(table.c.id)))
    _set(session, table, column.name, ids, None)
    return Links(table.name, column.name, ids)


def relink(session: Session, links: Links, value: int) -> None:
    """Point the rows that still exist at `value` again."""
    table = Base.metadata.tables[links.table]
    _set(session, table, links.column, links.ids, value)


def _set(session: Session, table: Any, column: str, ids: tuple[int, ...], value: int | None) -> None:
    if not ids:
        return
    values: dict[str, Any] = {column: value}
    if "version" in table.c:  # a page showing the row at its old version must not overwrite this
        values["version"] = table.c.version + 1
    session.execute(update(table).where(table.c.id.in_(ids)).values(**values))


def put_back(session: Session, saved: Sequence[TableRows]) -> dict[tuple[str, int], int]:
    """Insert the rows again, parents first: under their old ids where free, without rows whose parent is gone.

    Returns each re-inserted row's id by (table, old id).
    """
    new_ids: dict[tuple[str, int], int] = {}
    for part in saved:
        table = Base.metadata.tables[part.table]
        for pairs in part.rows:
            row = _relinked(session, table, dict(pairs), new_ids)
            if row is None:
                continue
            old = row.get("id")
            if old is not None and session.scalar(select(table.c.id).where(table.c.id == old)) is not None:
                del row["id"]  # taken since (SQLite reuses the highest id): the row comes back under a new one
            result = session.execute(insert(table).values(**row))
            if old is not None:
                new_ids[(table.name, old)] = result.inserted_primary_key[0]
    session.expire_all()
    return new_ids


def _relinked(session: Session, table: Table, row: dict[str, Any], new_ids: dict[tuple[str, int], int]) -> dict[str, Any] | None:
    """The row with its references renumbered; a gone optional reference cleared, a gone required one: None."""
    for fk in table.foreign_keys:
        name, value = fk.parent.name, row.get(fk.parent.name)
        if value is None:
            continue
        value = new_ids.get((fk.column.table.name, value), value)
        if session.scalar(select(fk.column).where(fk.column == value)) is None:
            if not fk.parent.nullable:
                return None
            value = None
        row[name] = value
    return row
