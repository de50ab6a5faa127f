"""How ready an upcoming event is, for the home page's cards: when it happens, documents, invites sent."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from ..models import Event
from .checks import passports
from .logistics import events_with_logistics


@dataclass(frozen=True)
class Readiness:
    """One event's state of preparation, in plain numbers."""

    code: str
    first_start: datetime | None  # UTC: the first scheduled item's start; None without items
    last_end: datetime | None
    items: int  # scheduled items
    invites_sent: int  # scheduled items whose current version went out as an invite
    travellers: int  # people taking part who travel to it, as the event's checks count them
    documents: int  # of those, with a passport recorded that lasts six months after their return


def readiness(session: Session, codes: Sequence[str]) -> dict[str, Readiness]:
    """The readiness of each event in `codes` (unknown codes are left out)."""
    events = events_with_logistics(session, Event.code.in_(list(codes)), stays=False)
    return {event.code: event_readiness(event) for event in events}


def event_readiness(event: Event) -> Readiness:
    """The readiness of a loaded event (`events_with_logistics`)."""
    items = [item for item in event.items if item.status != "cancelled"]
    travellers = passports(event)
    in_order = [t for t, problem in travellers if problem is None and t.part.person.passport_expiry is not None]
    return Readiness(
        event.code,
        min((item.start_utc for item in items), default=None),
        max((item.end_utc for item in items), default=None),
        len(items),
        sum(1 for item in items if item.sent_sequence is not None and item.sent_sequence >= item.sequence),
        len(travellers),
        len(in_order),
    )
