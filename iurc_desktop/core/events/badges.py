"""Badges in the database: whose badge a batch holds (everyone taking part, a group, or those not printed yet), and the print log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..errors import NotFound
from ..models import BadgePrint, Event, Group, Participation, Person
from ..vocab import TAKING_PART
from .listing import get_event_model


def badge_participations(session: Session, code: str, *, group: str | None = None,
                         since_last: bool = False) -> tuple[Event, list[Participation]]:
    """The event and the participations a badge batch holds, by name: those taking part, in `group`, never printed."""
    event = get_event_model(session, code)
    stmt = (select(Participation).join(Person).where(Participation.event_id == event.id,
                                                      Participation.status.in_(TAKING_PART))
            .options(selectinload(Participation.person).selectinload(Person.organisation),
                     selectinload(Participation.group))
            .order_by(Person.family_name, Person.given_name, Person.id))
    if group is not None:
        group_id = session.scalar(select(Group.id).where(Group.event_id == event.id,
                                                         func.lower(Group.name) == group.strip().lower()))
        if group_id is None:
            names = ", ".join(g.name for g in event.groups) or "none"
            raise NotFound(f"{code} has no group {group!r} (its groups: {names}).")
        stmt = stmt.where(Participation.group_id == group_id)
    if since_last:
        printed = select(BadgePrint.person_id).where(BadgePrint.event_id == event.id)
        stmt = stmt.where(Participation.person_id.not_in(printed))
    return event, list(session.scalars(stmt))


def log_badges(session: Session, event: Event, people: list[Person], at: datetime) -> None:
    """Record that these people's badges were printed at `at`; written with the transaction."""
    session.add_all(BadgePrint(event_id=event.id, person_id=p.id, printed_at_utc=at) for p in people)


def last_badge_print(session: Session, code: str) -> datetime | None:
    """When the event's badges were last printed (None: never)."""
    event = get_event_model(session, code)
    return session.scalar(select(func.max(BadgePrint.printed_at_utc)).where(BadgePrint.event_id == event.id))
