"""Programme file: the database (or some of its events) as a programme file.

Deterministic and lossless: entries are ordered by key (events by code, items by
start then key, ...), local times are written in their own zone with an offset
only where ambiguous, and uids and sequences are kept, so dump -> load into an
empty database -> dump gives the same text. Empty optional fields are left out.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .. import timeutil
from ..events.listing import get_event_model
from ..models import Cluster, Event, Item, Organisation, Pairing, Person
from ..people.erasure import ERASED_NAME, is_erased  # rows erased before the label existed dump with it
from .schema import FORMAT, derive_person_key


def dump_programme(session: Session, codes: list[str] | None = None) -> dict[str, Any]:
    """A programme file of the whole database, or of the named events and what they refer to."""
    events = _events(session, codes)
    people = _people(session, events if codes is not None else None)
    keys = _person_keys(people)
    clusters = _clusters(session, events if codes is not None else None)
    orgs = _organisations(session, people, clusters, events if codes is not None else None)
    org_keys = {o.key for o in orgs}
    pairings = [
        p for p in session.scalars(select(Pairing).order_by(Pairing.key))
        if p.eu_organisation.key in org_keys and p.partner_organisation.key in org_keys
    ]
    return {
        "format": FORMAT,
        "organisations": [_organisation(o) for o in orgs],
        "people": [_person(p, keys) for p in people],
        "clusters": [_cluster(c) for c in clusters],
        "pairings": [_pairing(p) for p in pairings],
        "events": [_event(e, keys) for e in events],
    }


def dump_programme_text(session: Session, codes: list[str] | None = None) -> str:
    """The programme file as text: UTF-8 JSON, indented by 2, non-ASCII kept, ending in a newline."""
    return json.dumps(dump_programme(session, codes), ensure_ascii=False, indent=2) + "\n"


def _events(session: Session, codes: list[str] | None) -> list[Event]:
    if codes is not None:
        for code in codes:
            get_event_model(session, code)  # NotFound names the known codes
    stmt = select(Event).order_by(Event.code).options(
        selectinload(Event.items).selectinload(Item.groups),
        selectinload(Event.items).selectinload(Item.assigned),
        selectinload(Event.groups),
        selectinload(Event.participations),
        selectinload(Event.travel_legs),
        selectinload(Event.stays),
    )
    if codes is not None:
        stmt = stmt.where(Event.code.in_(codes))
    return list(session.scalars(stmt))


def _people(session: Session, events: list[Event] | None) -> list[Person]:
    stmt = select(Person).options(selectinload(Person.organisation))
    if events is not None:
        ids: set[int] = set()
        for event in events:
            ids |= {p.person_id for p in event.participations}
            ids |= {a.person_id for i in event.items for a in i.assigned}
            ids |= {leg.person_id for leg in event.travel_legs}
            ids |= {s.person_id for s in event.stays} | {s.shares_with_id for s in event.stays if s.shares_with_id}
        stmt = stmt.where(Person.id.in_(ids))
    people = list(session.scalars(stmt))
    keys = _person_keys(people)
    return sorted(people, key=lambda p: keys[p.id])


def _person_keys(people: list[Person]) -> dict[int, str]:
    """Every person's key; a person stored without one gets the key a load would derive."""
    keys = {p.id: p.key for p in people if p.key}
    taken = set(keys.values())
    for person in sorted((p for p in people if not p.key), key=lambda p: p.id):
        keys[person.id] = derive_person_key(person.email or f"person-{person.id}", taken)
        taken.add(keys[person.id])
    return keys


def _clusters(session: Session, events: list[Event] | None) -> list[Cluster]:
    stmt = select(Cluster).order_by(Cluster.key).options(selectinload(Cluster.members))
    if events is not None:
        stmt = stmt.where(Cluster.id.in_({e.cluster_id for e in events if e.cluster_id}))
    return list(session.scalars(stmt))


def _organisations(session: Session, people: list[Person], clusters: list[Cluster], events: list[Event] | None) -> list[Organisation]:
    stmt = select(Organisation).order_by(Organisation.key)
    if events is not None:
        ids = {p.organisation_id for p in people if p.organisation_id}
        ids |= {m.id for c in clusters for m in c.members}
        ids |= {i.host_id for e in events for i in e.items if i.host_id}
        ids |= {e.host_id for e in events if e.host_id}
        stmt = stmt.where(Organisation.id.in_(ids))
    return list(session.scalars(stmt))


def _compact(entry: dict[str, Any], *always: str) -> dict[str, Any]:
    """Leave out empty optional fields so the file stays readable."""
    return {k: v for k, v in entry.items() if k in always or v not in ("", None, [], False, 0)}


def _organisation(org: Organisation) -> dict[str, Any]:
    return _compact({
        "key": org.key, "name": org.name, "local_name": org.local_name, "kind": org.kind, "sector": org.sector,
        "country": org.country, "zone": org.zone, "place": org.place, "notes": org.notes,
    }, "key", "name", "kind", "sector", "country", "zone")


def _person(person: Person, keys: dict[int, str]) -> dict[str, Any]:
    return _compact({
        "key": keys[person.id],
        "given_name": person.given_name,
        "family_name": person.family_name or (ERASED_NAME if is_erased(person) and not person.given_name else ""),
        "name_order": person.name_order if person.name_order != "given_first" else "",
        "local_name": person.local_name,
        "email": person.email,
        "phone": person.phone,
        "organisation": person.organisation.key if person.organisation else None,
        "job_title": person.job_title,
        "gender": person.gender,
        "nationality": person.nationality,
        "passport_expiry": person.passport_expiry.isoformat() if person.passport_expiry else None,
        "passport_number": person.passport_number,
        "dietary": person.dietary,
        "accessibility": person.accessibility,
        "notes": person.notes,
        "preferred_language": person.preferred_language,
    }, "key", "given_name", "family_name")


def _cluster(cluster: Cluster) -> dict[str, Any]:
    return _compact({
        "key": cluster.key, "name": cluster.name, "theme": cluster.theme, "description": cluster.description,
        "members": sorted(m.key for m in cluster.members),
    }, "key", "name", "members")


def _pairing(pairing: Pairing) -> dict[str, Any]:
    return _compact({
        "key": pairing.key, "eu": pairing.eu_organisation.key, "partner": pairing.partner_organisation.key,
        "theme": pairing.theme, "status": pairing.status, "fund_application": pairing.fund_application,
        "notes": pairing.notes,
    }, "key", "eu", "partner", "status")


def entry_of(row: Organisation | Person | Cluster | Pairing) -> dict[str, Any]:
    """One organisation, person, cluster or pairing as the programme file writes it."""
    if isinstance(row, Person):
        return _person(row, _person_keys([row]))
    if isinstance(row, Organisation):
        return _organisation(row)
    return _cluster(row) if isinstance(row, Cluster) else _pairing(row)


def event_fields(event: Event) -> dict[str, Any]:
    """An event's own fields and groups as the programme file writes them (no items, people or travel)."""
    organiser = _compact({"name": event.organiser_name, "email": event.organiser_email})
    entry = _compact({
        "code": event.code, "kind": event.kind, "title": event.title, "theme": event.theme,
        "status": event.status, "zone": event.zone, "zones": event.zones.split(), "start": event.start_date.isoformat(),
        "end": event.end_date.isoformat(), "capacity": event.capacity, "organiser": organiser or None,
        "cluster": event.cluster.key if event.cluster else None, "host": event.host.key if event.host else None,
        "visa_days": event.visa_days, "url": event.url,
        "description": event.description, "uid": event.uid, "sequence": event.sequence,
        "groups": [g.name for g in sorted(event.groups, key=lambda g: g.name)],
    }, "code", "kind", "title", "status", "zone", "start", "end")
    if event.capacity == 0:
        entry["capacity"] = 0
    return entry


def _event(event: Event, keys: dict[int, str]) -> dict[str, Any]:
    entry = event_fields(event)
    entry["items"] = [item_entry(i, keys) for i in sorted(event.items, key=lambda i: (i.start_utc, i.key))]
    parts = sorted(event.participations, key=lambda p: keys[p.person_id])
    entry["participants"] = [_compact({
        "person": keys[p.person_id], "role": p.role, "status": p.status, "group": p.group.name if p.group else None,
        "waitlist_position": p.waitlist_position, "visa_needed": p.visa_needed, "visa_status": p.visa_status,
        "notes": p.notes,
    }, "person", "role", "status") for p in parts]
    legs = sorted(event.travel_legs, key=lambda t: (t.depart_utc, keys[t.person_id], t.number, t.uid))
    entry["travel"] = [_compact({
        "person": keys[t.person_id], "kind": t.kind, "carrier": t.carrier, "number": t.number,
        "booking_ref": t.booking_ref, "from": t.from_place, "from_zone": t.from_zone,
        "depart": timeutil.format_local(t.depart_utc, t.from_zone), "to": t.to_place, "to_zone": t.to_zone,
        "arrive": timeutil.format_local(t.arrive_utc, t.to_zone), "uid": t.uid, "sequence": t.sequence,
    }, "person", "kind", "from", "from_zone", "depart", "to", "to_zone", "arrive") for t in legs]
    stays = sorted(event.stays, key=lambda s: (s.check_in, keys[s.person_id], s.hotel, s.uid))
    entry["stays"] = [_compact({
        "person": keys[s.person_id], "hotel": s.hotel, "hotel_local": s.hotel_local, "address_local": s.address_local,
        "zone": s.zone, "check_in": s.check_in.isoformat(),
        "check_out": s.check_out.isoformat(), "room": s.room,
        "shares_with": keys[s.shares_with_id] if s.shares_with_id else None, "uid": s.uid, "sequence": s.sequence,
    }, "person", "hotel", "zone", "check_in", "check_out", "room") for s in stays]
    return entry


def item_entry(item: Item, keys: dict[int, str]) -> dict[str, Any]:
    """An item as the file writes it, its people named by `keys` (person id -> key or e-mail)."""
    return _compact({
        "key": item.key, "title": item.title, "kind": item.kind,
        "start": timeutil.format_local(item.start_utc, item.zone), "end": timeutil.format_local(item.end_utc, item.zone),
        "zone": item.zone, "place": item.place, "host": item.host.key if item.host else None,
        "groups": [g.name for g in sorted(item.groups, key=lambda g: g.name)],
        "people": [
            {"person": keys[a.person_id], "role": a.role}
            for a in sorted(item.assigned, key=lambda a: keys[a.person_id])
        ],
        "url": item.url, "notes": item.notes, "status": item.status if item.status != "scheduled" else "",
        "uid": item.uid, "sequence": item.sequence,
    }, "key", "title", "kind", "start", "end", "zone")
