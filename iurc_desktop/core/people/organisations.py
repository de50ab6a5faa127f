"""Organisations: searchable, sortable listing."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Organisation, Person
from ..paging import ListQuery, apply_window, like_any


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    key: str
    name: str
    local_name: str
    kind: str
    sector: str
    country: str
    zone: str
    people: int


_PEOPLE = select(func.count()).select_from(Person).where(Person.organisation_id == Organisation.id).correlate(Organisation).scalar_subquery()

SORTS = {
    "name": func.lower(Organisation.name),
    "local_name": Organisation.local_name,
    "kind": Organisation.kind,
    "sector": Organisation.sector,
    "country": Organisation.country,
    "zone": Organisation.zone,
    "people": _PEOPLE,
}


def _match(text: str):  # type: ignore[no-untyped-def]
    return like_any(text, Organisation.search_text)


def list_organisations(session: Session, query: ListQuery = ListQuery()) -> list[OrganisationRow]:
    stmt = select(Organisation, _PEOPLE)
    match = _match(query.text)
    if match is not None:
        stmt = stmt.where(match)
    stmt = apply_window(stmt, query, SORTS, "name", Organisation.id)
    return [
        OrganisationRow(o.id, o.key, o.name, o.local_name, o.kind, o.sector, o.country, o.zone, n)
        for o, n in session.execute(stmt).all()
    ]


def count_organisations(session: Session, text: str = "") -> int:
    stmt = select(func.count()).select_from(Organisation)
    match = _match(text)
    return session.scalar(stmt.where(match) if match is not None else stmt) or 0
