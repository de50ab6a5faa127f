"""What each roster kind lists: the records behind its rows, read from the database.

Only active participants count (registered, confirmed, attended). Records expose
attributes named like the column keys in `columns`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from ...core import timeutil
from ...core.choices import listed
from ...core.errors import NotFound, ValidationError
from ...core.models import Event, Group, Item, Organisation, Participation, Person, Stay, TravelLeg
from ...core.travel.journeys import arrival_leg, event_zones
from ...core.vocab import TAKING_PART

STREAM_BATCH = 2000


@dataclass
class KindData:
    """The records of one roster, how many, the zone its times are in, and a line for the title."""

    records: Iterable[object]
    total: int
    zone: str = ""
    about: str = ""
    extra: dict[str, str] = field(default_factory=dict)


PERSON_FIELDS = (
    Person.id.label("person_id"), Person.display_name.label("name"), Person.given_name.label("given"), Person.family_name.label("family"),
    Person.local_name, Person.email, Person.phone, Person.job_title, Person.gender,
    Person.nationality, Person.passport_expiry, Person.dietary, Person.accessibility,
    Organisation.name.label("organisation"), Organisation.local_name.label("organisation_local"), Organisation.country,
)
PARTICIPATION_FIELDS = (
    Participation.role, Participation.status, Group.name.label("group"),
    Participation.visa_needed, Participation.visa_status,
)
NAME_ORDER = (Person.family_name, Person.given_name, Person.id)
FIELDS_BY_NAME = {column.name: column for column in (*PERSON_FIELDS, *PARTICIPATION_FIELDS)}


def _participants_stmt(event_id: int) -> Select:
    return (
        select(*PERSON_FIELDS, *PARTICIPATION_FIELDS)
        .select_from(Participation)
        .join(Person, Participation.person_id == Person.id)
        .outerjoin(Organisation, Person.organisation_id == Organisation.id)
        .outerjoin(Group, Participation.group_id == Group.id)
        .where(Participation.event_id == event_id, Participation.status.in_(TAKING_PART))
    )


def _count_active(session: Session, event_id: int) -> int:
    stmt = select(func.count()).select_from(Participation).where(
        Participation.event_id == event_id, Participation.status.in_(TAKING_PART))
    return session.scalar(stmt) or 0


def _stream(session: Session, stmt: Select) -> Iterator[object]:
    """Rows in batches, so a 100,000-row roster never sits in memory at once."""
    yield from session.execute(stmt.execution_options(yield_per=STREAM_BATCH))


def participants(session: Session, event: Event, item_key: str | None, fields: tuple[str, ...] = ()) -> KindData:
    """Every active participant of the event, by family name; only `fields` are read when named (speed)."""
    stmt = _participants_stmt(event.id).order_by(*NAME_ORDER)
    if fields and all(f in FIELDS_BY_NAME for f in fields):
        stmt = stmt.with_only_columns(*(FIELDS_BY_NAME[f] for f in dict.fromkeys(fields)))
    return KindData(_stream(session, stmt), _count_active(session, event.id))


def find_item(session: Session, event: Event, item_key: str | None, kind: str) -> Item:
    """The event's item `item_key`; refuses a missing key or an unknown one, naming the choices."""
    keys = session.scalars(select(Item.key).where(Item.event_id == event.id)).all()
    if not item_key:
        shown = listed(keys, none="the event has no items")
        raise ValidationError(f"The {kind} roster is for one item; name it with --item (items of {event.code}: {shown}).")
    item = session.scalar(
        select(Item).where(Item.event_id == event.id, Item.key == item_key)
        .options(selectinload(Item.groups), selectinload(Item.assigned), selectinload(Item.host))
    )
    if item is None:
        raise NotFound(f"{event.code} has no item {item_key!r} (its items: {listed(keys, none='none yet')}).")
    return item


def item_people(session: Session, event: Event, item: Item) -> list[SimpleNamespace]:
    """Who comes to `item`: active participants of its groups (everyone if none) plus people assigned to it."""
    assigned = {a.person_id: a.role for a in item.assigned}
    stmt = _participants_stmt(event.id)
    if item.groups:
        stmt = stmt.where(or_(Participation.group_id.in_([g.id for g in item.groups]), Participation.person_id.in_(list(assigned))))
    records = [SimpleNamespace(**row._asdict()) for row in session.execute(stmt)]
    found = {r.person_id for r in records}
    missing = [pid for pid in assigned if pid not in found]
    if missing:
        # Assigned people without an active participation in this event, e.g. a host-side speaker;
        # a cancelled participant stays out even when assigned.
        inactive = set(session.scalars(select(Participation.person_id).where(
            Participation.event_id == event.id, Participation.person_id.in_(missing))))
        extra = (
            select(*PERSON_FIELDS).select_from(Person)
            .outerjoin(Organisation, Person.organisation_id == Organisation.id)
            .where(Person.id.in_([pid for pid in missing if pid not in inactive]))
        )
        for row in session.execute(extra):
            records.append(SimpleNamespace(**row._asdict(), role="", status="", group="", visa_needed=False, visa_status=""))
    for r in records:
        if r.person_id in assigned:
            r.role = assigned[r.person_id] or r.role  # the role at this item (speaker, interpreter, …)
    records.sort(key=lambda r: (r.family.casefold(), r.given.casefold(), r.person_id))
    return records


def host(session: Session, event: Event, item_key: str | None) -> KindData:
    """The people coming to one item (a site visit), for the host."""
    item = find_item(session, event, item_key, "host")
    records = item_people(session, event, item)
    start = timeutil.to_local(item.start_utc, item.zone)
    interpreters = sum(1 for r in records if r.role == "interpreter")
    host_name = item.host.name if item.host and item.host.name != item.title else ""
    groups = [g.name for g in item.groups]
    about = (
        item.title + (f", {host_name}" if host_name else "") + (f", {item.place}" if item.place else "")
        + f", {start:%Y-%m-%d %H:%M} ({item.zone})"
        + (f", group{'s' if len(groups) > 1 else ''} {', '.join(groups)}" if groups else ", everyone")
        + f": {_plural(len(records), 'person', 'people')}, {_plural(interpreters, 'interpreter')}"
        + (" — THIS ITEM IS CANCELLED" if item.status == "cancelled" else "")
    )
    return KindData(records, len(records), item.zone, about)


def _active_person(event_id: int):  # type: ignore[no-untyped-def]
    return (Participation.event_id == event_id) & (Participation.status.in_(TAKING_PART))


def rooming(session: Session, event: Event, item_key: str | None) -> KindData:
    """Stays per hotel; people sharing a room on adjacent rows with the same room number."""
    sharer = aliased(Person)
    stmt = (
        select(
            Stay.id.label("stay_id"), Stay.hotel, Stay.zone, Stay.check_in, Stay.check_out, Stay.room, Stay.shares_with_id,
            sharer.display_name.label("s_name"),
            *PERSON_FIELDS, *PARTICIPATION_FIELDS,
        )
        .select_from(Stay)
        .join(Person, Stay.person_id == Person.id)
        .join(Participation, (Participation.person_id == Person.id) & _active_person(event.id))
        .outerjoin(Organisation, Person.organisation_id == Organisation.id)
        .outerjoin(Group, Participation.group_id == Group.id)
        .outerjoin(sharer, Stay.shares_with_id == sharer.id)
        .where(Stay.event_id == event.id)
        .order_by(Stay.hotel, Stay.check_in, *NAME_ORDER, Stay.id)
    )
    stays = [SimpleNamespace(**row._asdict()) for row in session.execute(stmt)]
    records = _pair_rooms(stays)
    hotels = sorted({s.hotel for s in stays})
    zones = sorted({s.zone for s in stays})
    about = f"{_plural(len(hotels), 'hotel')}: {', '.join(hotels)}" if hotels else "no stays recorded"
    return KindData(records, len(records), zones[0] if len(zones) == 1 else "", about)


def _pair_rooms(stays: list[SimpleNamespace]) -> list[SimpleNamespace]:
    """Give each room a number per hotel and put the people who share it on adjacent rows."""
    out: list[SimpleNamespace] = []
    placed: set[int] = set()
    room_numbers: Counter[str] = Counter()
    for stay in stays:
        if stay.stay_id in placed:
            continue
        room_numbers[stay.hotel] += 1
        partner = _partner(stay, stays, placed)
        for guest in (stay, partner) if partner else (stay,):
            placed.add(guest.stay_id)
            guest.room_no = room_numbers[stay.hotel]
            guest.nights = (guest.check_out - guest.check_in).days
            guest.shares_with = _sharer_name(guest)
            out.append(guest)
    return out


def _partner(stay: SimpleNamespace, stays: list[SimpleNamespace], placed: set[int]) -> SimpleNamespace | None:
    """The other stay in the same room: same hotel, overlapping nights, naming each other (or one naming the other)."""
    for other in stays:
        if other.stay_id in placed or other.stay_id == stay.stay_id or other.hotel != stay.hotel:
            continue
        if other.check_in >= stay.check_out or stay.check_in >= other.check_out:
            continue
        if stay.shares_with_id == other.person_id or other.shares_with_id == stay.person_id:
            return other
    return None


def _sharer_name(stay: SimpleNamespace) -> str:
    if stay.shares_with_id is None:
        return ""
    return stay.s_name


def _event_zones(session: Session, event: Event) -> set[str]:
    """Zones where the event takes place (journeys.event_zones): its own and its items' not cancelled."""
    items = session.execute(select(Item.zone, Item.status).where(Item.event_id == event.id).distinct())
    return event_zones(event.zone, items)


def arrivals(session: Session, event: Event, item_key: str | None) -> KindData:
    """Each traveller's arrival where the event happens, by arrival instant; times local to the destination.

    A person's arrival is `journeys.arrival_leg`: the first leg entering the event's
    zones (its own and its items') from outside them. Flights home, stopovers on
    the way and trains between the event's places stay off a pick-up list.
    """
    zones = _event_zones(session, event)
    stmt = (
        select(
            TravelLeg.kind.label("travel_kind"), TravelLeg.carrier, TravelLeg.number, TravelLeg.from_place, TravelLeg.from_zone,
            TravelLeg.depart_utc, TravelLeg.to_place, TravelLeg.to_zone, TravelLeg.arrive_utc,
            *PERSON_FIELDS, *PARTICIPATION_FIELDS,
        )
        .select_from(TravelLeg)
        .join(Person, TravelLeg.person_id == Person.id)
        .join(Participation, (Participation.person_id == Person.id) & _active_person(event.id))
        .outerjoin(Organisation, Person.organisation_id == Organisation.id)
        .outerjoin(Group, Participation.group_id == Group.id)
        .where(TravelLeg.event_id == event.id, TravelLeg.to_zone.in_(zones), TravelLeg.from_zone.not_in(zones))
        .order_by(TravelLeg.arrive_utc, *NAME_ORDER, TravelLeg.id)
    )
    rows = [SimpleNamespace(**row._asdict()) for row in session.execute(stmt)]
    legs_of: dict[int, list[SimpleNamespace]] = defaultdict(list)
    for r in rows:
        legs_of[r.person_id].append(r)
    first = {id(arrival_leg(legs, zones)) for legs in legs_of.values()}
    records = []
    for r in rows:
        if id(r) not in first:
            continue
        r.arrival = timeutil.to_local(r.arrive_utc, r.to_zone).replace(tzinfo=None)
        r.departure = timeutil.to_local(r.depart_utc, r.from_zone).replace(tzinfo=None)
        r.flight = flight_label(r.carrier, r.number)
        records.append(r)
    used = sorted({r.to_zone for r in records})
    return KindData(records, len(records), used[0] if len(used) == 1 else "", _plural(len(records), "arrival"))


def flight_label(carrier: str, number: str) -> str:
    """'AF276' from ('AF', 'AF276') or ('AF', '276'); keeps a carrier's name when the number lacks it."""
    carrier, number = (carrier or "").strip(), (number or "").strip()
    if not carrier or number.upper().startswith(carrier.upper()):
        return number
    if len(carrier) <= 3 and number.isdigit():
        return f"{carrier}{number}"
    return f"{carrier} {number}".strip()


def needs(session: Session, event: Event, item_key: str | None) -> KindData:
    """Dietary and accessibility needs counted per item (one item with `item_key`), for caterers."""
    if item_key:
        items = [find_item(session, event, item_key, "needs")]
    else:
        items = list(session.scalars(
            select(Item).where(Item.event_id == event.id, Item.status != "cancelled")
            .order_by(Item.start_utc, Item.key)
            .options(selectinload(Item.groups), selectinload(Item.assigned))
        ))
    records = []
    for item in items:
        records.extend(_item_needs(item, item_people(session, event, item)))
    zones = sorted({it.zone for it in items})
    return KindData(records, len(records), zones[0] if len(zones) == 1 else "", _plural(len(items), "item"))


def _normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def _item_needs(item: Item, people: list[SimpleNamespace]) -> list[SimpleNamespace]:
    """Rows of one item: one per distinct need with its count; '(none)' when nobody has any."""
    start = timeutil.to_local(item.start_utc, item.zone).replace(tzinfo=None)
    base = dict(start=start, item_title=item.title, item_key=item.key, item_kind=item.kind, place=item.place,
                item_zone=item.zone, attending=len(people))
    rows = []
    for need_type in ("dietary", "accessibility"):
        groups: dict[str, list[SimpleNamespace]] = {}
        shown: dict[str, str] = {}
        for person in people:
            value = getattr(person, need_type).strip()
            if value:
                key = _normalised(value)
                groups.setdefault(key, []).append(person)
                shown.setdefault(key, " ".join(value.split()))
        for key in sorted(groups):
            who = groups[key]
            rows.append(SimpleNamespace(**base, need_type=need_type, need=shown[key], count=len(who),
                                        people="; ".join(p.name for p in who)))
    if not rows:
        rows.append(SimpleNamespace(**base, need_type="", need="(none)", count=0, people=""))
    return rows


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


BUILDERS = {
    "participants": participants,
    "host": host,
    "rooming": rooming,
    "arrivals": arrivals,
    "needs": needs,
}
