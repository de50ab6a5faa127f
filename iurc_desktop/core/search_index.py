"""Substring matches on the folded search text that use the database's index instead of scanning.

Migration 0009 gives SQLite an FTS5 trigram table `<table>_search` per searchable
table and PostgreSQL a pg_trgm GIN index. `contains` keeps the meaning of
`search_text LIKE '%word%'`: on SQLite a word of 3 characters or more becomes a
phrase of the trigram index (on PostgreSQL the LIKE itself uses the GIN index). A
shorter word has no trigram to look up and stays a LIKE over every row; lists stay
quick with it because they read their first window in an indexed order and stop.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, column, select, table
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

TRIGRAM = 3  # the shortest word the trigram index finds by itself


def contains(text_column: ColumnElement[str], word: str) -> ColumnElement[bool]:
    """Rows whose `search_text` column contains the folded `word`, through the trigram index where there is one."""
    like = text_column.like("%" + _escape_like(word) + "%", escape="\\")
    if not uses_index(word):
        return like
    return _Indexed(like, _indexed(text_column, word))


def uses_index(word: str) -> bool:
    """Whether `contains` finds this folded word through the index rather than a LIKE over every row."""
    return len(word) >= TRIGRAM


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _indexed(text_column: ColumnElement[str], word: str) -> ColumnElement[bool]:
    """`text_column`'s row id among those the SQLite FTS5 table finds for `word`."""
    rows: Any = text_column.table  # type: ignore[attr-defined]
    name = getattr(rows, "element", rows).name  # the table's own name, also under an alias
    index = table(f"{name}_search", column("rowid"), column("search_text"))
    found = select(index.c.rowid).where(index.c.search_text.match(_phrase(word)))
    return rows.c.id.in_(found)  # type: ignore[no-any-return]


def _phrase(word: str) -> str:
    """An FTS5 phrase matching `word` as it is: quoted, its quotes doubled."""
    return '"' + word.replace('"', '""') + '"'


class _Indexed(ColumnElement[bool]):
    """A LIKE on any database, its trigram-index form on SQLite (chosen when compiled)."""

    inherit_cache = True
    type = Boolean()
    _is_implicitly_boolean = True  # rendered as it is, not compared with 1
    _traverse_internals = [("like", InternalTraversal.dp_clauseelement), ("index", InternalTraversal.dp_clauseelement)]

    def __init__(self, like: ColumnElement[bool], index: ColumnElement[bool]) -> None:
        self.like = like
        self.index = index


@compiles(_Indexed)
def _as_like(element: _Indexed, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.like, **kw)  # type: ignore[no-any-return]


@compiles(_Indexed, "sqlite")
def _as_fts(element: _Indexed, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.index, **kw)  # type: ignore[no-any-return]
