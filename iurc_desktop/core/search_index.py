"""Substring matches on the folded search text that use the database's index instead of scanning.

Migration 0009 gives SQLite an FTS5 trigram table `<table>_search` per searchable
table and PostgreSQL a pg_trgm GIN index. `contains` keeps the meaning of
`search_text LIKE '%word%'`: on SQLite a word of 3 characters or more becomes a
phrase of the trigram index (on PostgreSQL the LIKE itself uses the GIN index). A
word of 2 characters becomes the trigrams that start with it (listed by migration
0016's vocabulary table) plus the rows whose text ends with it (0016's index on the
last two characters): every other place it occurs starts a trigram. A single
character stays a LIKE over every row; lists stay quick with it because it matches
most rows, and they read their first window in an indexed order and stop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Boolean, CompoundSelect, Select, bindparam, column, func, literal, literal_column, select, table, union,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

TRIGRAM = 3  # the shortest word the trigram index finds by itself
PAIR = 2  # the shortest word found through the index: as the trigrams it starts, and the texts it ends
_LAST_PAIR = literal_column(str(-PAIR))  # written out, as 0016's index spells it (a parameter would not use it)
_LAST_CHARACTER = chr(0x10FFFF)  # above every character: `word + it` bounds the terms that start with `word`


@dataclass(frozen=True)
class Word:
    """A folded search word, put in a statement as values or, given a `name`, as named parameters.

    A statement built from a named word serves every word of the same `shape`, run with that
    word's `params()`: building it again was most of an indexed keystroke's own time.
    """

    text: str
    name: str = ""

    @property
    def shape(self) -> str:
        """What a statement built from this word is like: a phrase of the index, a pair, or a LIKE."""
        return "phrase" if len(self.text) >= TRIGRAM else "pair" if uses_index(self.text) else "like"

    def params(self) -> dict[str, str]:
        """The values of a named word's parameters, by name."""
        return {f"{self.name}_{part}": value for part, value in self._values().items()}

    def value(self, part: str) -> Any:
        """One of the word's forms (like, phrase, text, upto): its parameter if named, else the value."""
        value = self._values()[part]
        return bindparam(f"{self.name}_{part}", value) if self.name else value

    def _values(self) -> dict[str, str]:
        return {"like": "%" + _escape_like(self.text) + "%", "phrase": _phrase(self.text), "text": self.text,
                "upto": self.text + _LAST_CHARACTER}


def _as_word(word: str | Word) -> Word:
    return word if isinstance(word, Word) else Word(word)


def contains(text_column: ColumnElement[str], word: str | Word) -> ColumnElement[bool]:
    """Rows whose `search_text` column contains the folded `word`, through the trigram index where there is one."""
    word = _as_word(word)
    like = text_column.like(word.value("like"), escape="\\")
    if word.shape == "like":
        return like
    return _Indexed(like, _indexed(text_column, word))


def indexed_or(anywhere: ColumnElement[bool], on_sqlite: ColumnElement[bool]) -> ColumnElement[bool]:
    """`on_sqlite` (a form through the FTS5 tables) on SQLite, `anywhere` on other databases."""
    return _Indexed(anywhere, on_sqlite)


def index_ids(text_column: ColumnElement[str], word: str | Word) -> Select[Any] | CompoundSelect:
    """The row ids SQLite's FTS5 table of `text_column`'s table finds for the folded `word` (SQLite only)."""
    parts = index_parts(text_column, word)
    return union(*parts) if len(parts) > 1 else parts[0]


def count_ids(parts: Sequence[Select[Any]]) -> ColumnElement[int]:
    """How many distinct ids the `parts` find together, as a sum: each part counts the ids no earlier part found.

    A count over an FTS5 match needs no temporary table, unlike a count over a UNION; the
    parts after the first usually find nothing new (and then build nothing).
    """
    total: Any = None
    for i, part in enumerate(parts):
        found = part.subquery()
        counted = select(func.count()).select_from(found)
        if i:
            counted = counted.where(list(found.c)[0].not_in(union(*parts[:i]) if i > 1 else parts[0]))
        total = counted.scalar_subquery() if total is None else total + counted.scalar_subquery()
    return total  # type: ignore[no-any-return]


def has_index_tables(session: Session) -> bool:
    """Whether the session's database finds words through FTS5 tables (SQLite), so `index_parts` can be read."""
    return session.get_bind().dialect.name == "sqlite"


def index_parts(text_column: ColumnElement[str], word: str | Word) -> list[Select[Any]]:
    """The selects of the row ids SQLite's index finds for the folded `word`: one for 3 characters or more,
    the trigrams starting it and the texts ending with it for 2 (SQLite only)."""
    rows: Any = text_column.table  # type: ignore[attr-defined]
    name = getattr(rows, "element", rows).name  # the table's own name, also under an alias
    index = table(f"{name}_search", column("rowid"), column("search_text"))
    word = _as_word(word)
    if word.shape == "phrase":
        parts = [select(index.c.rowid).where(index.c.search_text.match(word.value("phrase")))]
    else:
        terms = table(f"{name}_search_terms", column("term"))
        quoted = literal('"') + func.replace(terms.c.term, '"', '""') + literal('"')
        # the trigrams starting with `word` as one FTS5 query ("ab " OR "abc" OR ...); none: "", which matches nothing
        started = select(func.coalesce(func.group_concat(quoted, " OR "), '""')).where(
            terms.c.term >= word.value("text"), terms.c.term < word.value("upto")).scalar_subquery()
        parts = [select(index.c.rowid).where(index.c.search_text.match(started)),
                 select(rows.c.id).where(func.substr(text_column, _LAST_PAIR) == word.value("text"))]
    return parts


def uses_index(word: str) -> bool:
    """Whether `contains` finds this folded word through the index rather than a LIKE over every row.

    A pair is compared with the index's terms as it is: one the index's tokenizer would case-fold
    further (the few letters casefold leaves in upper case, as Cherokee) stays a LIKE.
    """
    return len(word) >= TRIGRAM or (len(word) == PAIR and word.lower() == word)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _indexed(text_column: ColumnElement[str], word: Word) -> ColumnElement[bool]:
    """`text_column`'s row id among those the SQLite FTS5 table finds for `word`."""
    rows: Any = text_column.table  # type: ignore[attr-defined]
    return rows.c.id.in_(index_ids(text_column, word))  # type: ignore[no-any-return]


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
