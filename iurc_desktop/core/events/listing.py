"""Events: listing with counts, and an event's detail in local times."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from .. import timeutil
from ..errors import Conflict, NotFound
from ..names import display_name
from ..models import Event, Group, Item, Organisation, Participation, Person
from ..paging import ListQuery, apply_window_first, like_any
from ..vocab import HOLDS_PLACE

HOST_KINDS = ("region", "prefecture")  # the organisations a study visit is hosted by


@dataclass(frozen=True)
class EventRow:
    id: int
    code: str
    kind: str
    title: str
    theme: str
    start: date
    end: date
    zone: str
    status: str
    capacity: int | None
    participants: int
    confirmed: int
    items: int
    groups: int
    version: int = 1  # the row's version when read: an edit made from this row passes it back (concurrency.py)


@dataclass(frozen=True)
class ItemView:
    id: int
    key: str
    title: str
    kind: str
    start: datetime  # aware, in `zone`
    end: datetime  # aware, in `zone`
    zone: str
    place: str
    host: str
    groups: tuple[str, ...]  # empty: everyone
    status: str


@dataclass(frozen=True)
class ParticipantView:
    participation_id: int
    person_id: int
    name: str
    local_name: str
    email: str
    organisation: str
    country: str
    role: str
    status: str
    group: str


@dataclass(frozen=True)
class EventDetail:
    row: EventRow
    organiser_name: str
    organiser_email: str
    description: str
    url: str
    group_names: tuple[str, ...]
    items: tuple[ItemView, ...]
    participants: tuple[ParticipantView, ...]
    host: str = ""  # the name of the organisation receiving a study visit


def _count(model: type, column: object, *where: object) -> object:
    return select(func.count()).select_from(model).where(column == Event.id, *where).correlate(Event).scalar_subquery()  # type: ignore[arg-type]


_PARTICIPANTS = _count(Participation, Participation.event_id)
_CONFIRMED = _count(Participation, Participation.event_id, Participation.status.in_(HOLDS_PLACE))
_ITEMS = _count(Item, Item.event_id)
_GROUPS = _count(Group, Group.event_id)

SORTS = {
    "code": Event.code,
    "kind": Event.kind,
    "title": Event.title,
    "start": Event.start_date,
    "end": Event.end_date,
    "zone": Event.zone,
    "status": Event.status,
    "participants": _PARTICIPANTS,
    "confirmed": _CONFIRMED,
    "items": _ITEMS,
}


def _base():  # type: ignore[no-untyped-def]
    """The columns of `EventRow`, in its order (plain columns: a window of rows costs no Event objects)."""
    return select(
        Event.id, Event.code, Event.kind, Event.title, Event.theme, Event.start_date, Event.end_date, Event.zone,
        Event.status, Event.capacity, _PARTICIPANTS, _CONFIRMED, _ITEMS, _GROUPS, Event.version,
    )


def _matching(stmt, text: str):  # type: ignore[no-untyped-def]
    """`stmt` over the events matching every word of `text`."""
    match = like_any(text, Event.search_text)
    return stmt.where(match) if match is not None else stmt


def list_events(session: Session, query: ListQuery = ListQuery()) -> list[EventRow]:
    stmt = apply_window_first(_base(), _matching(select(Event.id), query.text), query, SORTS, "start", Event.id)
    return [EventRow(*r) for r in session.execute(stmt).all()]


def count_events(session: Session, text: str = "") -> int:
    return session.scalar(_matching(select(func.count()).select_from(Event), text)) or 0


def get_event_model(session: Session, code: str) -> Event:
    """The ORM event for services that edit it; raises NotFound with the known codes."""
    event = session.scalar(select(Event).where(Event.code == code))
    if event is None:
        known = session.scalars(select(Event.code).order_by(Event.code).limit(12)).all()
        hint = f" Known events: {', '.join(known)}." if known else " The database has no events yet (try `demo` or `load`)."
        raise NotFound(f"There is no event with the code {code!r}.{hint}")
    return event


def open_event_model(session: Session, code: str) -> Event:
    """The ORM event to add items or participants to; a cancelled one is refused (Conflict) saying how to reopen it."""
    event = get_event_model(session, code)
    if event.status == "cancelled":
        raise Conflict(f"{event.code} is cancelled: reinstate it first (edit event {event.code} --status planned).")
    return event


def event_row(session: Session, code: str) -> EventRow:
    get_event_model(session, code)
    row = session.execute(_base().where(Event.code == code)).one()
    return EventRow(*row)


def event_rows(session: Session, ids: Iterable[int]) -> dict[int, EventRow]:
    """The listing rows of the events with these ids, by id, in one statement."""
    return {row.id: row for row in (EventRow(*r) for r in session.execute(_base().where(Event.id.in_(list(ids)))))}


def get_event(session: Session, code: str) -> EventDetail:
    """An event with its items (in their own zones) and participants, as plain data."""
    heading = event_heading(session, code)
    return replace(heading, participants=tuple(list_participants(session, heading.row.id)))


def event_heading(session: Session, code: str) -> EventDetail:
    """An event with its items and groups but no participants (`row` counts them): what its page shows at once."""
    row = event_row(session, code)
    event = session.scalars(
        select(Event).where(Event.id == row.id).options(
            selectinload(Event.items).selectinload(Item.groups),
            selectinload(Event.items).selectinload(Item.host),
            selectinload(Event.groups),
            selectinload(Event.host),
        )
    ).one()
    items = tuple(
        ItemView(
            it.id, it.key, it.title, it.kind, timeutil.to_local(it.start_utc, it.zone),
            timeutil.to_local(it.end_utc, it.zone), it.zone, it.place,
            it.host.name if it.host else "", tuple(g.name for g in it.groups), it.status,
        )
        for it in sorted(event.items, key=lambda i: (i.start_utc, i.key))
    )
    return EventDetail(
        row, event.organiser_name, event.organiser_email, event.description, event.url,
        tuple(g.name for g in event.groups), items, (), event.host.name if event.host else "",
    )


def list_participants(session: Session, event_id: int) -> list[ParticipantView]:
    """The event's participants by family name, read as plain columns (no ORM objects: a large event stays cheap)."""
    stmt = (
        select(
            Participation.id, Person.id, Person.given_name, Person.family_name, Person.name_order, Person.local_name,
            Person.email, Organisation.name, Organisation.country, Participation.role, Participation.status, Group.name,
        )
        .join(Person, Participation.person_id == Person.id)
        .outerjoin(Organisation, Person.organisation_id == Organisation.id)
        .outerjoin(Group, Participation.group_id == Group.id)
        .where(Participation.event_id == event_id)
        .order_by(Person.family_name, Person.given_name, Person.id)
    )
    return [
        ParticipantView(part_id, person_id, display_name(given, family, order), local_name, email or "",
                        org or "", country or "", role, status, group or "")
        for part_id, person_id, given, family, order, local_name, email, org, country, role, status, group
        in session.execute(stmt)
    ]


def host_choices(session: Session) -> list[tuple[str, str]]:
    """(key, name) of the organisations that can receive a study visit: regions and prefectures, by name."""
    rows = session.execute(
        select(Organisation.key, Organisation.name).where(Organisation.kind.in_(HOST_KINDS)).order_by(Organisation.name)
    )
    return [(key, name) for key, name in rows]
