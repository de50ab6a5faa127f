"""Visa invitation letters in the database: who gets one, and the log of letters issued with their numbers."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..errors import NotFound, ValidationError
from ..models import Event, Item, LetterIssue, Participation, Person
from .listing import get_event_model


def letter_participations(session: Session, code: str, email: str | None = None) -> tuple[Event, list[Participation]]:
    """The study visit and its confirmed participants who need a visa (or the one with `email`), by name."""
    event = get_event_model(session, code)
    if event.kind != "study_visit":
        raise ValidationError(f"{code} is a {event.kind.replace('_', ' ')}: invitation letters are for study visits.")
    stmt = (select(Participation).join(Person).where(Participation.event_id == event.id)
            .options(selectinload(Participation.person).selectinload(Person.organisation))
            .order_by(Person.family_name, Person.given_name, Person.id))
    if email is not None:
        part = session.scalar(stmt.where(func.lower(Person.email) == email.strip().lower()))
        if part is None:
            raise NotFound(f"{email} does not take part in {code}.")
        if part.status != "confirmed" or not part.visa_needed:
            raise ValidationError(f"{email} gets no letter: only confirmed participants who need a visa do "
                                  f"(status {part.status}, visa {'needed' if part.visa_needed else 'not needed'}).")
        return event, [part]
    return event, list(session.scalars(stmt.where(Participation.status == "confirmed",
                                                  Participation.visa_needed.is_(True))))


def visit_hosts(session: Session, event: Event) -> list[Item]:
    """The event's scheduled items that have a host organisation, in time order."""
    return list(session.scalars(select(Item).where(Item.event_id == event.id, Item.host_id.is_not(None),
                                                   Item.status != "cancelled")
                                .options(selectinload(Item.host)).order_by(Item.start_utc)))


def destination_countries(event: Event, items: list[Item]) -> list[str]:
    """The countries visited, the main one first: the event host's, then by how many visits each has."""
    said = Counter(item.host.country for item in items if item.host is not None and item.host.country)
    main = [event.host.country] if event.host is not None and event.host.country else []
    return main + [country for country, _n in said.most_common() if country not in main]


def last_serial(session: Session, event: Event) -> int:
    """The serial of the event's last letter (0 before the first)."""
    return session.scalar(select(func.max(LetterIssue.serial)).where(LetterIssue.event_id == event.id)) or 0


def log_letter(session: Session, event: Event, person: Person, serial: int, issued_on: date, *,
               with_passport: bool) -> LetterIssue:
    """Record letter `serial` of the event (numbered EVENT-CODE/001, /002, ...); written with the transaction."""
    issue = LetterIssue(event_id=event.id, person_id=person.id, serial=serial,
                        number=f"{event.code.upper()}/{serial:03d}", issued_on=issued_on, with_passport=with_passport)
    session.add(issue)
    return issue


def letters_issued(session: Session, code: str) -> list[tuple[LetterIssue, Person]]:
    """The event's letters issued so far, in number order."""
    event = get_event_model(session, code)
    rows = session.execute(select(LetterIssue, Person).join(Person, Person.id == LetterIssue.person_id)
                           .where(LetterIssue.event_id == event.id).order_by(LetterIssue.serial))
    return [(issue, person) for issue, person in rows]
