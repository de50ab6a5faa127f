"""Upcoming events as the home page shows them: days to go, places taken, open problems."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from ..models import Event
from .checks import event_problems
from .listing import EventRow, event_rows
from .logistics import events_with_logistics


@dataclass(frozen=True)
class UpcomingEvent:
    row: EventRow
    days_to_go: int  # 0: starts today; negative: under way
    errors: int  # open problems from the logistics checks
    warnings: int


def upcoming_events(
    session: Session, today: date, *, limit: int = 12, working_hours: tuple[int, int] = (8, 20)
) -> list[UpcomingEvent]:
    """Events not over and not cancelled, soonest first, with their checks counted."""
    events = events_with_logistics(session, *not_over(today), limit=limit)
    return upcoming(session, events, today, working_hours)


def not_over(today: date) -> tuple[ColumnElement[bool], ...]:
    """The events still to come or under way on `today`, cancelled ones left out."""
    return Event.end_date >= today, Event.status != "cancelled"


def upcoming(session: Session, events: list[Event], today: date, working_hours: tuple[int, int]) -> list[UpcomingEvent]:
    """Loaded events (`events_with_logistics`) as upcoming events, in their order, with their checks counted."""
    rows = event_rows(session, [event.id for event in events])
    out = []
    for event in events:
        problems = event_problems(event, working_hours=working_hours)
        errors = sum(1 for p in problems if p.severity == "error")
        row = rows[event.id]
        out.append(UpcomingEvent(row, (row.start - today).days, errors, len(problems) - errors))
    return out
