"""What an itinerary booklet adds to an itinerary: each item's host and contacts, and the travellers' home zones."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..models import Event, Item, ItemPerson, Participation, Person
from .groups import person_label


def items_with_hosts(session: Session, event: Event) -> dict[str, Item]:
    """The event's items by key, with their host organisation and the people assigned to them."""
    items = session.scalars(select(Item).where(Item.event_id == event.id)
                            .options(selectinload(Item.host),
                                     selectinload(Item.assigned).selectinload(ItemPerson.person)))
    return {item.key: item for item in items}


def travellers(session: Session, event: Event, labels: tuple[str, ...]) -> list[Person]:
    """The event's participants an itinerary names (by its labels), with their organisations, by name."""
    parts = session.scalars(select(Participation).join(Person).where(Participation.event_id == event.id)
                            .options(selectinload(Participation.person).selectinload(Person.organisation))
                            .order_by(Person.family_name, Person.given_name, Person.id))
    return [p.person for p in parts if person_label(p.person) in labels]


def home_zones(people: list[Person]) -> tuple[str, ...]:
    """The zones these people live in (their organisations' zones), each once and sorted; empty when none is known.

    Each of them, never one member's as the whole group's; decided by the data alone, never by the
    order rows come in, so the same group always gets the same home times and its next booklet
    marks no change that did not happen."""
    return tuple(sorted({p.organisation.zone for p in people if p.organisation is not None}))
