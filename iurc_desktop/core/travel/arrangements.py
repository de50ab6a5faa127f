"""A participant's own arrangements for an event (travel legs, hotel stays): found and listed.

Legs and stays belong to one event and one person; both are looked up by id
within their event (an id of another event is not found) and listed per person.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.interfaces import LoaderOption

from ..errors import NotFound, ValidationError
from ..events.groups import participation_of
from ..models import Event, Participation, Person


class _Arrangement(Protocol):
    id: int
    event_id: int
    person_id: int


A = TypeVar("A", bound=_Arrangement)


def find_in_event(session: Session, event: Event, model: type[A], row_id: int, what: str) -> A:
    """The event's leg or stay with this id, or NotFound."""
    row = session.scalar(select(model).where(model.id == row_id, model.event_id == event.id))  # type: ignore[arg-type]
    if row is None:
        raise NotFound(f"{event.code} has no {what} {row_id}.")
    return row


def of_event(session: Session, event: Event, model: type[A], person_ids: Collection[int] | None,
             *loaders: LoaderOption) -> list[A]:
    """The event's legs or stays (of these people only, when given), by id, loaded with `loaders` in one query."""
    stmt = select(model).where(model.event_id == event.id).options(*loaders).order_by(model.id)  # type: ignore[arg-type]
    if person_ids is not None:
        stmt = stmt.where(model.person_id.in_(person_ids))  # type: ignore[attr-defined]
    return list(session.scalars(stmt))


def one_person(session: Session, event: Event, email: str | None) -> list[int] | None:
    """The participant with this e-mail as the only person to list (NotFound if not in the event); None: everyone."""
    return None if email is None else [participation_of(session, event, email).person_id]


def participant(session: Session, event: Event, person_id: int, what: str) -> Person:
    """The person, still taking part in the event, to whom a removed `what` is given back; else NotFound."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"The person of this {what} is no longer in the database (erased or merged); it cannot be put back.")
    taking_part = session.scalar(
        select(Participation.id).where(Participation.event_id == event.id, Participation.person_id == person_id)
    )
    if taking_part is None:
        raise NotFound(f"{person.display_name} no longer takes part in {event.code}; add them again to put back their {what}.")
    return person


def taking_part(session: Session, event: Event, person_id: int, field: str) -> Person:
    """The person named in `field` of a new leg or stay, who must be a participant of the event."""
    person = session.get(Person, person_id)
    known = person is not None and session.scalar(
        select(Participation.id).where(Participation.event_id == event.id, Participation.person_id == person_id)
    )
    if person is None or not known:
        who = person.display_name if person is not None else "this person"
        raise ValidationError(f"{field}: {who} is not a participant of {event.code}; add them first.")
    return person
