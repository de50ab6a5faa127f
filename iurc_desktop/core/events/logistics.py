"""Events with everything their checks, readiness and to-do rules read, in a fixed number of statements.

The rules walk an event's participants, items, travel and stays in Python; read
relationship by relationship they would cost a statement per row. Here each
kind of row is read once for all the chosen events, selected by a subquery
(never a list of ids, which the database would need in chunks), and handed to
the events' collections as if loaded from the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.attributes import set_committed_value

from ..models import Event, Group, Item, ItemPerson, Participation, Person, Stay, TravelLeg, item_groups

DEFAULT_ORDER = (Event.start_date, Event.code)


def events_with_logistics(session: Session, *where: ColumnElement[bool], order_by: tuple[Any, ...] = DEFAULT_ORDER,
                          limit: int | None = None, participants: ColumnElement[bool] | None = None,
                          stays: bool = True) -> list[Event]:
    """The events matching `where` (the first `limit` by `order_by`), their collections loaded: a statement a kind of row.

    With `participants`, an event's participations are only those matching it: for a reader
    that names a few people of many, the others need not become objects (for reading only:
    the collection then holds just those). Without `stays` (read by the checks only), an
    event's stays are left unread.
    """
    chosen = select(Event.id).where(*where)
    if limit is not None:
        chosen = chosen.order_by(*order_by).limit(limit)
    events = list(session.scalars(select(Event).where(Event.id.in_(chosen)).order_by(*order_by)))
    if not events:
        return []
    by_id = {event.id: event for event in events}
    # Participations in the order of their (event, person) key, as reading one event's through that index gives them.
    _fill(by_id, "participations", session.scalars(
        select(Participation).where(Participation.event_id.in_(chosen), *(() if participants is None else (participants,)))
        .options(joinedload(Participation.person).joinedload(Person.organisation))
        .order_by(Participation.event_id, Participation.person_id)))
    items = list(session.scalars(select(Item).where(Item.event_id.in_(chosen)).order_by(Item.start_utc, Item.id)))
    _fill(by_id, "items", items)
    # A leg's person is read as a participant above: the session has it, asking no statement.
    _fill(by_id, "travel_legs", session.scalars(
        select(TravelLeg).where(TravelLeg.event_id.in_(chosen)).order_by(TravelLeg.depart_utc, TravelLeg.id)))
    if stays:
        _fill(by_id, "stays", session.scalars(
            select(Stay).where(Stay.event_id.in_(chosen)).options(joinedload(Stay.person)).order_by(Stay.check_in, Stay.id)))
    _fill_items(session, items, chosen)
    return events


def _fill(by_id: dict[int, Event], name: str, rows: Iterable[Any]) -> None:
    """Set each event's collection `name` to its rows (in the order read), empty where it has none."""
    of: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        of[row.event_id].append(row)
    for event_id, event in by_id.items():
        set_committed_value(event, name, of.get(event_id, []))


def _fill_items(session: Session, items: list[Item], chosen: Select[tuple[int]]) -> None:
    """The groups and personal assignments of every item of the chosen events."""
    groups: dict[int, list[Group]] = defaultdict(list)
    for item_id, group in session.execute(
        select(item_groups.c.item_id, Group).join(Group, Group.id == item_groups.c.group_id)
        .where(Group.event_id.in_(chosen)).order_by(Group.name, Group.id)
    ):
        groups[item_id].append(group)
    assigned: dict[int, list[ItemPerson]] = defaultdict(list)
    for person in session.scalars(
        select(ItemPerson).join(Item, Item.id == ItemPerson.item_id).where(Item.event_id.in_(chosen))
    ):
        assigned[person.item_id].append(person)
    for item in items:
        set_committed_value(item, "groups", groups.get(item.id, []))
        set_committed_value(item, "assigned", assigned.get(item.id, []))
