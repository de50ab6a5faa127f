"""Folded search text kept beside searchable rows, so SQL LIKE matches across accents, widths and scripts.

Each searchable model has a `search_text` column holding `textfold.fold` of its
names; ORM listeners refresh it on every insert and update of an object, and
migration 0003 filled it for existing rows. Bulk statements (`insert(Model)` with
a list of dicts, `update(Model).values(...)`) fire no object listeners: a bulk
insert fills the column with `with_search_text`, a bulk update calls
`refresh_search_text` for the rows it touched. Searches fold the query the same way
and find it through a trigram index (search_index.py) that database triggers keep in
step with this column, whichever way it is written.

A person's `email_key` (their e-mail as compared, `normalise_email`) is kept the
same ways, so people sharing an e-mail are found through its index (duplicates.py).
A database trigger (migration 0022) clears it when a statement changes the e-mail
and not the key: a NULL key beside an e-mail means "not known", and readers fold
those e-mails themselves.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from .models import Event, Item, Organisation, Person
from .textfold import compact, fold, normalise_email

# Which attributes feed each model's search text.
SOURCES: dict[type, tuple[str, ...]] = {
    Person: ("given_name", "family_name", "local_name", "email", "job_title"),
    Organisation: ("key", "name", "local_name", "place", "country", "kind", "sector"),
    Event: ("code", "title", "theme", "kind", "zone"),
    Item: ("key", "title", "place", "kind"),
}


def search_text_of(values: list[str | None]) -> str:
    """Folded words plus their compact form (so '浜松 市' and '浜松市' both match)."""
    folded = " ".join(fold(v) for v in values if v)
    return f"{folded} {compact(folded)}".strip()


def email_key(email: str | None) -> str | None:
    """A person's e-mail as it is compared, stored beside it; None without one."""
    return normalise_email(email) or None if email else None


def with_search_text(model: type, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Bulk-insert dicts of `model` with their `search_text` (and a person's `email_key`) filled.

    Attributes missing from a dict count as blank.
    """
    names = SOURCES[model]
    filled = [{**row, "search_text": search_text_of([row.get(name) for name in names])} for row in rows]
    if model is Person:
        filled = [{**row, "email_key": email_key(row.get("email"))} for row in filled]
    return filled


def refresh_search_text(session: Session, model: type, ids: list[int]) -> int:
    """Recompute `search_text` of these rows after a bulk update; returns how many changed."""
    changed = 0
    for start in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
        for target in session.scalars(select(model).where(model.id.in_(ids[start:start + 500]))):  # type: ignore[attr-defined]
            text = _of(target)
            if target.search_text != text:
                target.search_text = text
                changed += 1
    session.flush()
    return changed


def _of(target: Any) -> str:
    """The search text of a model object."""
    return search_text_of([getattr(target, name) for name in SOURCES[type(target)]])


def _refresh(_mapper: object, _connection: object, target: Any) -> None:
    target.search_text = _of(target)
    if isinstance(target, Person):
        target.email_key = email_key(target.email)


for _model in SOURCES:
    event.listen(_model, "before_insert", _refresh)
    event.listen(_model, "before_update", _refresh)
