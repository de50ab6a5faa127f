"""People: searchable, sortable listing for the People page and the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import Organisation, Participation, Person
from .paging import ListQuery, apply_window, like_any


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    local_name: str
    email: str
    organisation: str
    country: str
    job_title: str
    events: int


_EVENTS = select(func.count()).select_from(Participation).where(Participation.person_id == Person.id).correlate(Person).scalar_subquery()
_NAME = func.lower(Person.family_name + " " + Person.given_name)

SORTS = {
    "name": _NAME,
    "local_name": Person.local_name,
    "email": Person.email,
    "organisation": Organisation.name,
    "country": Organisation.country,
    "job_title": Person.job_title,
    "events": _EVENTS,
}


def _match(text: str):  # type: ignore[no-untyped-def]
    return like_any(text, Person.search_text, Organisation.search_text)


def list_people(session: Session, query: ListQuery = ListQuery()) -> list[PersonRow]:
    stmt = select(Person, Organisation.name, Organisation.country, _EVENTS).outerjoin(Organisation, Person.organisation_id == Organisation.id)
    match = _match(query.text)
    if match is not None:
        stmt = stmt.where(match)
    stmt = apply_window(stmt, query, SORTS, "name", Person.id)
    return [
        PersonRow(p.id, p.display_name, p.local_name, p.email or "", org or "", country or "", p.job_title, events)
        for p, org, country, events in session.execute(stmt).all()
    ]


def count_people(session: Session, text: str = "") -> int:
    stmt = select(func.count()).select_from(Person).outerjoin(Organisation, Person.organisation_id == Organisation.id)
    match = _match(text)
    return session.scalar(stmt.where(match) if match is not None else stmt) or 0
