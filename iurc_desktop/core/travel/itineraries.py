"""A person's or a group's itinerary: items, travel legs and hotel nights in true order.

Every entry keeps its own zone (a flight departs in one and arrives in another);
a viewer zone adds the same instants as the viewer reads them. Days are headed by
each entry's own local start date, as the traveller lives it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import groupby

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from .. import timeutil
from ..errors import NotFound
from ..events.groups import group_by_name, participation_of, person_label
from ..events.listing import get_event_model
from ..models import Event, Item, Participation, Person, Stay, TravelLeg
from .arrangements import of_event
from .legs import leg_label

# Nominal hotel times: a stay is a range of dates, these place it on the clock.
CHECK_IN = time(15, 0)
CHECK_OUT = time(11, 0)


@dataclass(frozen=True)
class Entry:
    kind: str  # item | travel | stay
    key: str  # item key, "leg-<id>" or "stay-<id>"
    title: str
    start: datetime  # aware, in start_zone
    end: datetime  # aware, in end_zone
    start_zone: str
    end_zone: str
    place: str
    people: tuple[str, ...]  # e-mails (names where none) of the people concerned
    groups: tuple[str, ...] = ()  # items: the groups named (empty: everyone)
    status: str = "scheduled"
    detail: str = ""  # item kind, carrier and number, room type
    local: tuple[str, ...] = ()  # a hotel's name and address in the local script (for a taxi driver)
    viewer_start: datetime | None = None  # aware, in the viewer zone, when it differs from start_zone
    viewer_end: datetime | None = None

    @property
    def day(self) -> date:
        return self.start.date()


@dataclass(frozen=True)
class Day:
    date: date
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Itinerary:
    event_code: str
    event_title: str
    event_zone: str
    subject_kind: str  # person | group
    subject: str  # e-mail or group name
    subject_name: str
    people: tuple[str, ...]
    viewer_zone: str | None
    entries: tuple[Entry, ...]

    @property
    def days(self) -> tuple[Day, ...]:
        """Entries under headings of their own local start dates, in true order within a day."""
        ordered = sorted(self.entries, key=lambda e: e.day)  # stable: keeps true order inside a day
        return tuple(Day(d, tuple(group)) for d, group in groupby(ordered, key=lambda e: e.day))


def placement(item: Item, part: Participation) -> str | None:
    """How a participant comes to attend an item: 'assigned' to it, via their 'group', as 'everyone', or None."""
    if any(a.person_id == part.person_id for a in item.assigned):
        return "assigned"
    if not item.groups:
        return "everyone"
    in_group = part.group_id is not None and any(g.id == part.group_id for g in item.groups)
    return "group" if in_group else None


def attends(item: Item, part: Participation) -> bool:
    """Whether a participant attends an item: everyone's items, their group's, and their own assignments."""
    return placement(item, part) is not None


def _viewer(entry: Entry, viewer_zone: str | None) -> Entry:
    if viewer_zone is None:
        return entry
    vs = timeutil.to_local(entry.start, viewer_zone) if entry.start_zone != viewer_zone else None
    ve = timeutil.to_local(entry.end, viewer_zone) if entry.end_zone != viewer_zone else None
    return Entry(**{**entry.__dict__, "viewer_start": vs, "viewer_end": ve})


def _item_entry(item: Item, people: tuple[str, ...]) -> Entry:
    return Entry(
        "item", item.key, item.title, timeutil.to_local(item.start_utc, item.zone),
        timeutil.to_local(item.end_utc, item.zone), item.zone, item.zone, item.place, people,
        tuple(g.name for g in item.groups), item.status, item.kind,
    )


def _leg_entry(leg: TravelLeg, people: tuple[str, ...]) -> Entry:
    label = leg_label(leg.carrier, leg.number)
    title = f"{leg.kind.capitalize()} {leg.from_place} → {leg.to_place}" + (f" ({label})" if label else "")
    return Entry(
        "travel", f"leg-{leg.id}", title, timeutil.to_local(leg.depart_utc, leg.from_zone),
        timeutil.to_local(leg.arrive_utc, leg.to_zone), leg.from_zone, leg.to_zone,
        f"{leg.from_place} → {leg.to_place}", people, detail=label or leg.kind,
    )


def _stay_entry(stay: Stay, people: tuple[str, ...]) -> Entry:
    tz = timeutil.zone(stay.zone)
    nights = (stay.check_out - stay.check_in).days
    start = datetime.combine(stay.check_in, CHECK_IN, tzinfo=tz)
    end = datetime.combine(stay.check_out, CHECK_OUT, tzinfo=tz)
    return Entry(
        "stay", f"stay-{stay.id}", f"{stay.hotel} ({nights} night{'s' if nights != 1 else ''})", start, end,
        stay.zone, stay.zone, stay.hotel, people, detail=stay.room,
        local=tuple(part for part in (stay.hotel_local, stay.address_local) if part),
    )


def _order(entry: Entry) -> tuple[datetime, int, str]:
    # A hotel night belongs at the end of its check-in day, after the arrival that leads to it.
    if entry.kind == "stay":
        evening = datetime.combine(entry.start.date(), time(23, 59), tzinfo=entry.start.tzinfo)
        return (evening.astimezone(timeutil.UTC), 2, entry.key)
    return (entry.start.astimezone(timeutil.UTC), 0 if entry.kind == "travel" else 1, entry.key)


def _merged(pairs: list[tuple[object, Person]], signature, build) -> list[Entry]:  # type: ignore[no-untyped-def]
    """One entry per identical leg or stay, naming everyone on it (a group flies together)."""
    merged: dict[object, tuple[object, list[str]]] = {}
    for row, person in pairs:
        first, people = merged.setdefault(signature(row), (row, []))
        label = person_label(person)
        if label not in people:
            people.append(label)
    return [build(row, tuple(sorted(people))) for row, people in merged.values()]


def _leg_signature(leg: TravelLeg) -> tuple[object, ...]:
    return (leg.kind, leg.carrier, leg.number, leg.from_place, leg.to_place, leg.depart_utc, leg.arrive_utc)


def _stay_signature(stay: Stay) -> tuple[object, ...]:
    return (stay.hotel, stay.hotel_local, stay.address_local, stay.zone, stay.check_in, stay.check_out)


def _build(session: Session, event: Event, parts: list[Participation], viewer_zone: str | None) -> tuple[Entry, ...]:
    if viewer_zone is not None:
        timeutil.zone(viewer_zone)
    person_ids = {p.person_id for p in parts}
    labels = {p.person_id: person_label(p.person) for p in parts}
    items = session.scalars(
        select(Item).where(Item.event_id == event.id)
        .options(selectinload(Item.assigned), selectinload(Item.groups)).order_by(Item.start_utc, Item.id)
    ).all()
    entries = []
    for item in items:
        who = tuple(sorted(labels[p.person_id] for p in parts if attends(item, p)))
        if who:
            entries.append(_item_entry(item, who))
    legs = of_event(session, event, TravelLeg, person_ids, joinedload(TravelLeg.person))
    stays = of_event(session, event, Stay, person_ids, joinedload(Stay.person))
    entries += _merged([(leg, leg.person) for leg in legs], _leg_signature, _leg_entry)
    entries += _merged([(stay, stay.person) for stay in stays], _stay_signature, _stay_entry)
    return tuple(_viewer(e, viewer_zone) for e in sorted(entries, key=_order))


def person_itinerary(session: Session, event_code: str, email: str, viewer_zone: str | None = None) -> Itinerary:
    """The items a participant attends, their legs and hotel nights, in true order."""
    event = get_event_model(session, event_code)
    part = participation_of(session, event, email)
    label = person_label(part.person)
    return Itinerary(
        event.code, event.title, event.zone, "person", label, part.person.display_name, (label,), viewer_zone,
        _build(session, event, [part], viewer_zone),
    )


def group_itinerary(session: Session, event_code: str, group: str, viewer_zone: str | None = None) -> Itinerary:
    """The items a group attends, and its members' legs and hotel nights, in true order."""
    event = get_event_model(session, event_code)
    found = group_by_name(session, event, group)
    in_group = select(Participation).where(Participation.event_id == event.id, Participation.group_id == found.id)
    members = sorted(session.scalars(in_group.options(joinedload(Participation.person))),
                     key=lambda p: person_label(p.person))
    if not members:
        raise NotFound(f"Group {group!r} of {event.code} has no members yet; assign participants to it first.")
    return Itinerary(
        event.code, event.title, event.zone, "group", found.name, f"Group {found.name}",
        tuple(person_label(p.person) for p in members), viewer_zone, _build(session, event, members, viewer_zone),
    )
