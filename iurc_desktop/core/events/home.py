"""The home page's data in one reading: the next events as cards, how ready each is, and what they need doing.

The page covers the next few events, whatever the size of the season: their
rows are read once and shared by the checks, the readiness and the to-do rules
(each reading them again would triple the work). Later events are counted, and
their to-do is in `todo` and on each event's Checks tab.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Event
from .agenda import UpcomingEvent, not_over, upcoming
from .logistics import DEFAULT_ORDER, events_with_logistics
from .readiness import Readiness, event_readiness
from .todo import TodoEntry, TodoSettings, todo_of


@dataclass(frozen=True)
class Home:
    """What the home page shows, as plain values."""

    upcoming: int  # events not over and not cancelled, all of them
    events: list[UpcomingEvent]  # the next `cards` of them, soonest first
    readiness: dict[str, Readiness]  # by event code
    todo: list[TodoEntry]  # what those events need doing, most urgent first


def home(session: Session, today: date, *, cards: int, working_hours: tuple[int, int] = (8, 20),
         settings: TodoSettings = TodoSettings()) -> Home:
    """The next `cards` events not over, their readiness and to-do, and how many events are not over."""
    count = session.scalar(select(func.count()).select_from(Event).where(*not_over(today))) or 0
    chosen = select(Event.id).where(*not_over(today)).order_by(*DEFAULT_ORDER).limit(cards)
    events = events_with_logistics(session, Event.id.in_(chosen))
    return Home(count, upcoming(session, events, today, working_hours),
                {event.code: event_readiness(event) for event in events}, todo_of(session, events, chosen, today, settings))
