"""Programme file: write a validated `Plan` into the caller's session.

Organisations, people, clusters and pairings are merged by key (people also by
e-mail): fields the file leaves out keep their stored values. An event's own
content (groups, items, participants, travel, stays) is taken whole from the
file, matched to what is stored so ids and calendar uids survive a replace.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import Conflict
from ..models import (
    Cluster,
    Event,
    Group,
    Item,
    ItemPerson,
    Organisation,
    Pairing,
    Participation,
    Person,
    Stay,
    TravelLeg,
    new_uid,
)
from .schema import MISSING, EventPlan, PersonRef, Plan

T = TypeVar("T")

# Changing these makes calendar clients need an update, so SEQUENCE rises.


def refuse_existing(session: Session, plan: Plan) -> None:
    """Raise Conflict when an event of the file already exists (the caller did not ask to replace)."""
    codes = [e.code for e in plan.events]
    existing = sorted(session.scalars(select(Event.code).where(Event.code.in_(codes))))
    if existing:
        names = ", ".join(existing)
        raise Conflict(
            f"The database already has the event{'s' if len(existing) > 1 else ''} {names}. "
            "Nothing was loaded; load with --replace to update in place."
        )


def write(session: Session, plan: Plan) -> None:
    """Apply the plan; events that exist are updated in place (the caller checked `refuse_existing`)."""
    orgs = _write_organisations(session, plan)
    people = _write_people(session, plan, orgs)
    clusters = _write_clusters(session, plan, orgs)
    _write_pairings(session, plan, orgs)
    session.flush()

    def person(ref: PersonRef) -> Person:
        found = people.get(ref) if isinstance(ref, str) else session.get(Person, ref)
        assert found is not None  # validation resolved every reference
        return found

    with session.no_autoflush:  # new rows are half-linked while an event is rebuilt
        for event_plan in plan.events:
            _write_event(session, event_plan, orgs, clusters, person)
    session.flush()


def _by_key(session: Session, model: Any, keys: Iterable[str]) -> dict[str, Any]:
    wanted = set(keys)
    if not wanted:
        return {}
    return {o.key: o for o in session.scalars(select(model).where(model.key.in_(wanted)))}


def _apply(obj: Any, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(obj, name, value)


def _write_organisations(session: Session, plan: Plan) -> dict[str, Organisation]:
    refs = {o.key for o in plan.organisations} | {k for c in plan.clusters for k in (c.members or [])}
    refs |= {p.organisation for p in plan.people if isinstance(p.organisation, str)}
    refs |= {k for p in plan.pairings for k in (p.eu, p.partner)}
    refs |= {i.host for e in plan.events for i in e.items if i.host}
    refs |= {e.host for e in plan.events if e.host}
    orgs = _by_key(session, Organisation, refs)
    for entry in plan.organisations:
        org = orgs.get(entry.key)
        if org is None:
            org = orgs[entry.key] = Organisation(key=entry.key, local_name="", place="", notes="")
            session.add(org)
        _apply(org, entry.values)
    return orgs


def _write_people(session: Session, plan: Plan, orgs: dict[str, Organisation]) -> dict[str, Person]:
    out: dict[str, Person] = {}
    for entry in plan.people:
        person = session.get(Person, entry.db_id) if entry.db_id is not None else None
        if person is None:
            person = Person()
            session.add(person)
        person.key = entry.key
        _apply(person, entry.values)
        if entry.organisation is not MISSING:
            person.organisation = orgs[entry.organisation] if entry.organisation else None
        out[entry.key] = person
    return out


def _write_clusters(session: Session, plan: Plan, orgs: dict[str, Organisation]) -> dict[str, Cluster]:
    wanted = {c.key for c in plan.clusters} | {e.cluster for e in plan.events if e.cluster}
    clusters = _by_key(session, Cluster, wanted)
    for entry in plan.clusters:
        cluster = clusters.get(entry.key)
        if cluster is None:
            cluster = clusters[entry.key] = Cluster(key=entry.key, theme="", description="")
            session.add(cluster)
        _apply(cluster, entry.values)
        if entry.members is not None:
            cluster.members = [orgs[k] for k in entry.members]
    return clusters


def _write_pairings(session: Session, plan: Plan, orgs: dict[str, Organisation]) -> None:
    pairings = _by_key(session, Pairing, [p.key for p in plan.pairings])
    for entry in plan.pairings:
        pairing = pairings.get(entry.key)
        if pairing is None:
            pairing = Pairing(key=entry.key, theme="", status="active", fund_application="", notes="")
            session.add(pairing)
        _apply(pairing, entry.values)
        pairing.eu_organisation = orgs[entry.eu]
        pairing.partner_organisation = orgs[entry.partner]


def _take_sequence(obj: Any, given: int | None) -> None:
    """A higher sequence the file carries wins; otherwise the calendar-fields hook raises it when a shown field changes."""
    if given is not None and given > (obj.sequence or 0):
        obj.sequence = given


def _write_event(
    session: Session,
    plan: EventPlan,
    orgs: dict[str, Organisation],
    clusters: dict[str, Cluster],
    person: Callable[[PersonRef], Person],
) -> None:
    event = session.scalar(select(Event).where(Event.code == plan.code))
    if event is None:
        event = Event(code=plan.code, uid=plan.uid or new_uid(), sequence=plan.sequence or 0)
        session.add(event)
    else:
        _take_sequence(event, plan.sequence)
    _apply(event, plan.values)
    event.cluster = clusters[plan.cluster] if plan.cluster else None
    event.host = orgs[plan.host] if plan.host else None

    stored_groups = {g.name: g for g in event.groups}
    groups = {name: stored_groups.get(name) or Group(name=name) for name in plan.groups}
    event.groups = list(groups.values())

    event.items = [_write_item(event, entry, orgs, groups, person) for entry in plan.items]

    stored_parts = {p.person_id: p for p in event.participations if p.person_id is not None}
    parts = []
    for entry in plan.participants:
        who = person(entry.person)
        part = stored_parts.pop(who.id, None) or Participation(person=who)
        _apply(part, entry.values)
        part.group = groups[entry.group] if entry.group else None
        parts.append(part)
    event.participations = parts

    legs = _Matcher(event.travel_legs, lambda leg: (leg.person_id, leg.kind, leg.number, leg.from_place, leg.to_place))
    new_legs = []
    for entry in plan.legs:
        who = person(entry.person)
        values = dict(entry.values)
        leg = legs.take(entry.uid, (who.id, values["kind"], values["number"], values["from_place"], values["to_place"]))
        new_legs.append(_versioned(leg, TravelLeg, values, entry.uid, entry.sequence, person=who))
    event.travel_legs = new_legs

    stays = _Matcher(event.stays, lambda stay: (stay.person_id, stay.hotel))
    new_stays = []
    for entry in plan.stays:
        who = person(entry.person)
        values = dict(entry.values, shares_with_id=person(entry.shares_with).id if entry.shares_with is not None else None)
        stay = stays.take(entry.uid, (who.id, values["hotel"]))
        new_stays.append(_versioned(stay, Stay, values, entry.uid, entry.sequence, person=who))
    event.stays = new_stays


def _versioned(obj: Any, model: type[T], values: dict[str, Any], uid: str | None,
               sequence: int | None, **extra: Any) -> T:
    """Update a matched row (keeping its uid, raising its sequence on change) or make a new one."""
    if obj is None:
        obj = model(uid=uid or new_uid(), sequence=sequence or 0)
    else:
        _take_sequence(obj, sequence)
    _apply(obj, values)
    _apply(obj, extra)
    return obj


class _Matcher:
    """Pairs stored rows with file entries: by uid first, then by a natural key, each row once."""

    def __init__(self, rows: Iterable[Any], natural: Callable[[Any], Hashable]) -> None:
        self.by_uid = {r.uid: r for r in rows}
        self.by_natural: dict[Hashable, list[Any]] = {}
        for row in self.by_uid.values():
            self.by_natural.setdefault(natural(row), []).append(row)
        self.used: set[int] = set()

    def take(self, uid: str | None, natural: Hashable) -> Any:
        row = self.by_uid.get(uid) if uid else None
        if row is None or id(row) in self.used:
            row = next((r for r in self.by_natural.get(natural, []) if id(r) not in self.used), None)
        if row is not None:
            self.used.add(id(row))
        return row


def _write_item(
    event: Event,
    entry: Any,
    orgs: dict[str, Organisation],
    groups: dict[str, Group],
    person: Callable[[PersonRef], Person],
) -> Item:
    stored = next((i for i in event.items if i.key == entry.key), None)
    item = _versioned(stored, Item, entry.values, entry.uid, entry.sequence, key=entry.key)
    item.host = orgs[entry.host] if entry.host else None
    item.groups = [groups[name] for name in entry.groups]
    assigned = {a.person_id: a for a in item.assigned}
    new_assigned = []
    for ref, role in entry.people:
        who = person(ref)
        link = assigned.pop(who.id, None) or ItemPerson(person_id=who.id)
        link.role = role
        new_assigned.append(link)
    item.assigned = new_assigned
    return item
