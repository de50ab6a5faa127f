"""One person's details side by side with another's (for deciding whether two records are one)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotFound
from ..models import Event, Participation, Person
from .listing import PersonBasics


@dataclass(frozen=True)
class PersonCard(PersonBasics):
    """What a person reviewing a possible duplicate needs to see."""

    phone: str
    nationality: str
    passport_expiry: date | None
    dietary: str
    events: tuple[str, ...]  # "code (role, status)"


def person_card(session: Session, person_id: int) -> PersonCard:
    """The person's details and events; NotFound if they no longer exist (e.g. merged away)."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"There is no person with id {person_id}; they may have been merged or erased.")
    stmt = (
        select(Event.code, Participation.role, Participation.status)
        .join(Event, Participation.event_id == Event.id)
        .where(Participation.person_id == person_id)
        .order_by(Event.start_date, Event.code)
    )
    events = tuple(f"{code} ({role}, {status})" for code, role, status in session.execute(stmt))
    org = person.organisation
    return PersonCard(
        person.id, person.display_name, person.local_name, person.email or "", org.name if org else "",
        org.country if org else "", person.job_title, person.phone, person.nationality, person.passport_expiry,
        person.dietary, events,
    )
