"""Folded search text kept beside searchable rows, so SQL LIKE matches across accents, widths and scripts.

Each searchable model has a `search_text` column holding `textfold.fold` of its
names; ORM listeners refresh it on every insert and update, and migration 0003
filled it for existing rows. Searches fold the query the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event

from .models import Event, Item, Organisation, Person
from .textfold import compact, fold

# Which attributes feed each model's search text.
SOURCES: dict[type, Callable[[Any], list[str | None]]] = {
    Person: lambda p: [p.given_name, p.family_name, p.local_name, p.email, p.job_title],
    Organisation: lambda o: [o.key, o.name, o.local_name, o.place, o.country, o.kind],
    Event: lambda e: [e.code, e.title, e.theme, e.kind, e.zone],
    Item: lambda i: [i.key, i.title, i.place, i.kind],
}


def search_text_of(values: list[str | None]) -> str:
    """Folded words plus their compact form (so '浜松 市' and '浜松市' both match)."""
    folded = " ".join(fold(v) for v in values if v)
    return f"{folded} {compact(folded)}".strip()


def _refresh(_mapper: object, _connection: object, target: Any) -> None:
    target.search_text = search_text_of(SOURCES[type(target)](target))


for _model in SOURCES:
    event.listen(_model, "before_insert", _refresh)
    event.listen(_model, "before_update", _refresh)
