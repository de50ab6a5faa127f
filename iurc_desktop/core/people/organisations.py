"""Organisations: searchable, sortable listing; created, edited and removed by the programme file's rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from ..editing import check_editable
from ..errors import NotFound
from ..models import Item, Organisation, Pairing, Person, cluster_members
from ..paging import ListQuery, apply_window_first, like_any
from ..programme.dump import entry_of
from ..programme.validate import validate_organisation
from .sectors import sector_of
from .snapshots import Edited, Removed, restore, take, unlink


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    key: str
    name: str
    local_name: str
    kind: str
    sector: str
    country: str
    zone: str
    people: int


_PEOPLE = select(func.count()).select_from(Person).where(Person.organisation_id == Organisation.id).correlate(Organisation).scalar_subquery()

SORTS = {
    "name": func.lower(Organisation.name),
    "local_name": Organisation.local_name,
    "kind": Organisation.kind,
    "sector": Organisation.sector,
    "country": Organisation.country,
    "zone": Organisation.zone,
    "people": _PEOPLE,
}


def _match(text: str):  # type: ignore[no-untyped-def]
    return like_any(text, Organisation.search_text)


def list_organisations(session: Session, query: ListQuery = ListQuery()) -> list[OrganisationRow]:
    keys = select(Organisation.id)
    match = _match(query.text)
    if match is not None:
        keys = keys.where(match)
    row = select(Organisation.id, Organisation.key, Organisation.name, Organisation.local_name, Organisation.kind,
                 Organisation.sector, Organisation.country, Organisation.zone, _PEOPLE)
    return [OrganisationRow(*r) for r in session.execute(apply_window_first(row, keys, query, SORTS, "name", Organisation.id))]


def count_organisations(session: Session, text: str = "") -> int:
    stmt = select(func.count()).select_from(Organisation)
    match = _match(text)
    return session.scalar(stmt.where(match) if match is not None else stmt) or 0


# Fields of an organisation as the programme file names them; all of them may be edited, the key too.
ORGANISATION_FIELDS = ("key", "name", "local_name", "kind", "sector", "country", "zone", "place", "notes")


@dataclass(frozen=True)
class Ties:
    """What refers to an organisation: what its removal clears or takes with it."""

    people: int
    items: int
    clusters: int
    pairings: int

    def consequences(self, *, done: bool = False) -> str:
        """What removing the organisation does (or, `done`, did) to what refers to it; "" when nothing does."""
        said = []
        if self.people or self.items:
            who = " and ".join(x for x in (_n(self.people, "person", "people"), _n(self.items, "hosted item")) if x)
            said.append(f"{who} {'no longer name' if done else 'will no longer name'} it (everything else about them is kept)")
        if self.clusters:
            said.append(f"it {'left' if done else 'leaves'} {_n(self.clusters, 'cluster')}")
        if self.pairings:
            said.append(f"{_n(self.pairings, 'pairing')} with it {'removed' if done else 'will be removed'}")
        return "; ".join(said)


def get_organisation(session: Session, key: str) -> Organisation:
    """The organisation with this key; NotFound says so."""
    org = session.scalar(select(Organisation).where(Organisation.key == key))
    if org is None:
        raise NotFound(f"There is no organisation with the key {key!r}.")
    return org


def organisation_entry(session: Session, key: str) -> dict[str, Any]:
    """The organisation as the programme file writes it."""
    return entry_of(get_organisation(session, key))


def add_organisation(session: Session, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Create an organisation from programme-file fields, by the file's rules; returns it as stored."""
    check_editable("an organisation", fields, ORGANISATION_FIELDS)
    fields = dict(fields)
    if not fields.get("sector") and fields.get("kind"):  # a bad kind is told once, not again as a missing sector
        fields["sector"] = sector_of(fields["kind"])
    plan = validate_organisation(session, fields, _taken(session, fields.get("key")))
    org = Organisation(key=plan.key, local_name="", place="", notes="")
    for name, value in plan.values.items():
        setattr(org, name, value)
    session.add(org)
    session.flush()
    return entry_of(org)


def edit_organisation(session: Session, key: str, changes: Mapping[str, Any]) -> Edited:
    """Change fields of an organisation (a new `key` renames it); the file's rules apply to the result."""
    check_editable(f"organisation {key}", changes, ORGANISATION_FIELDS)
    org = get_organisation(session, key)
    before = entry_of(org)
    renamed = changes.get("key") if changes.get("key") != org.key else None
    plan = validate_organisation(session, {**before, **changes}, _taken(session, renamed))
    org.key = plan.key
    for name, value in plan.values.items():
        setattr(org, name, value)
    session.flush()
    return Edited(entry_of(org), {name: before.get(name) for name in changes})


def organisation_ties(session: Session, key: str) -> Ties:
    """How many people, hosted items, clusters and pairings refer to the organisation."""
    org_id = get_organisation(session, key).id

    def count(table: Any, where: Any) -> int:
        return session.scalar(select(func.count()).select_from(table).where(where)) or 0

    return Ties(
        count(Person, Person.organisation_id == org_id),
        count(Item, Item.host_id == org_id),
        count(cluster_members, cluster_members.c.organisation_id == org_id),
        count(Pairing, or_(Pairing.eu_organisation_id == org_id, Pairing.partner_organisation_id == org_id)),
    )


def remove_organisation(session: Session, key: str) -> Removed:
    """Remove an organisation: its people and hosted items keep everything but the link; its pairings go."""
    org = get_organisation(session, key)
    org_id, label = org.id, f"{org.name} ({org.key})"
    pairings = or_(Pairing.eu_organisation_id == org_id, Pairing.partner_organisation_id == org_id)
    membership = cluster_members.c.organisation_id == org_id
    removed = Removed(
        "organisation", label, org_id,
        rows=(take(session, Organisation.__table__, Organisation.id == org_id), take(session, Pairing.__table__, pairings),
              take(session, cluster_members, membership)),
        links=(unlink(session, Person.__table__.c.organisation_id, org_id), unlink(session, Item.__table__.c.host_id, org_id)),
    )
    session.execute(delete(cluster_members).where(membership))
    session.execute(delete(Pairing).where(pairings))
    session.execute(delete(Organisation).where(Organisation.id == org_id))
    session.expire_all()
    return removed


def restore_organisation(session: Session, removed: Removed) -> dict[str, Any]:
    """Put a removed organisation back with its pairings, memberships and links; returns it as stored."""
    org = session.get(Organisation, restore(session, removed))
    assert org is not None  # just inserted
    return entry_of(org)


def removal_message(removed: Removed) -> str:
    """What removing the organisation did, in a sentence."""
    ties = Ties(removed.count("people"), removed.count("items"), removed.count("cluster_members"), removed.count("pairings"))
    said = ties.consequences(done=True)
    return f"Removed the organisation {removed.label}" + (f": {said}." if said else ".")


def _taken(session: Session, key: Any) -> list[str]:
    """The problem of a key another organisation has."""
    other = session.scalar(select(Organisation.name).where(Organisation.key == key)) if isinstance(key, str) else None
    return [f"key: {key!r} is already the key of {other}"] if other is not None else []


def _n(count: int, noun: str, plural: str = "") -> str:
    if not count:
        return ""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
