"""Shared shape of list queries: search text, a sort key, a window of rows.

List services (`events.listing.list_events`, `people.listing.list_people`, …) take a `ListQuery`
so table models can fetch lazily and sort/filter in SQL whatever the table.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import Select, and_, or_
from sqlalchemy.sql.elements import ColumnElement

from .search_index import contains
from .textfold import search_words


@dataclass(frozen=True)
class ListQuery:
    text: str = ""
    sort: str = ""  # a key of the service's SORTS; "" means its default
    descending: bool = False
    offset: int = 0
    limit: int | None = None


def like_any(text: str, *columns: ColumnElement[str]) -> ColumnElement[bool] | None:
    """Match every folded word of `text` in any of the `search_text` columns given.

    Both sides are folded (textfold.fold), so 'Umea' finds 'Umeå' and full-width
    letters find half-width ones, in SQL on any database, through the search index
    where there is one (search_index.contains).
    """
    words = search_words(text)
    if not words:
        return None
    return and_(*(or_(*(contains(c, word) for c in columns)) for word in words))


def apply_window(stmt: Select, query: ListQuery, sorts: dict[str, ColumnElement], default: str, tiebreak: ColumnElement) -> Select:
    """Order by the chosen sort column (stable with a tiebreak) and cut the window."""
    column = sorts.get(query.sort) if query.sort else None
    if column is None:
        column = sorts[default]
    ordered = column.desc() if query.descending else column.asc()
    stmt = stmt.order_by(ordered, tiebreak)
    if query.offset:
        stmt = stmt.offset(query.offset)
    if query.limit is not None:
        stmt = stmt.limit(query.limit)
    return stmt


def apply_window_first(stmt: Select, keys: Select, query: ListQuery, sorts: dict[str, ColumnElement], default: str,
                       tiebreak: ColumnElement,
                       keys_by: tuple[dict[str, ColumnElement], ColumnElement] | None = None) -> Select:
    """`stmt` over the window that `keys` (the matching rows' ids alone) cuts, in the window's order.

    The window is chosen from the ids and the sort column only, so the costly columns of
    `stmt` (counts of each row's participants, items, people...) are computed for the rows
    shown, not for every row sorted past. `keys_by` gives the sorts and tiebreak of `keys` where
    it reads them from another table than `stmt` (the same values, so the same order).
    """
    keys_sorts, keys_tiebreak = keys_by or (sorts, tiebreak)
    window = apply_window(keys, query, keys_sorts, default, keys_tiebreak)
    return apply_window(stmt.where(tiebreak.in_(window)), replace(query, offset=0, limit=None), sorts, default, tiebreak)
