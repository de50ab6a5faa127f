"""Who attended an event, for certificates of attendance: participants marked attended."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..errors import NotFound, ValidationError
from ..models import Event, Participation, Person
from ..vocab import ParticipationStatus
from .listing import get_event_model


def attended_participations(session: Session, code: str, email: str | None = None) -> tuple[Event, list[Participation]]:
    """The event and its participants marked attended (or the one with `email`), by name."""
    event = get_event_model(session, code)
    stmt = (select(Participation).join(Person).where(Participation.event_id == event.id)
            .options(selectinload(Participation.person).selectinload(Person.organisation))
            .order_by(Person.family_name, Person.given_name, Person.id))
    if email is None:
        return event, list(session.scalars(stmt.where(Participation.status == ParticipationStatus.ATTENDED.value)))
    part = session.scalar(stmt.where(func.lower(Person.email) == email.strip().lower()))
    if part is None:
        raise NotFound(f"{email} does not take part in {code}.")
    if part.status != ParticipationStatus.ATTENDED.value:
        raise ValidationError(f"{email} gets no certificate: only participants marked attended do (status {part.status}).")
    return event, [part]
