"""Invite lists in one step: add people from a cluster, a pairing, another event or a filter."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..errors import NotFound, ValidationError
from ..events.listing import get_event_model, open_event_model
from ..models import Cluster, Organisation, Pairing, Participation, Person, cluster_members
from ..vocab import HOLDS_PLACE
from .participations import NewRegistration, register_many


@dataclass(frozen=True)
class InviteCriteria:
    cluster: str | None = None  # cluster key or name
    pairing: str | None = None  # pairing key
    from_event: str | None = None  # everyone who attended (or confirmed for) that event
    countries: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    organisation_kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class InviteResult:
    added: tuple[int, ...]  # participation ids created (undo removes exactly these)
    added_people: tuple[int, ...]
    already: tuple[int, ...]  # person ids already in the event
    skipped_no_email: tuple[int, ...]


def _cluster(session: Session, name: str) -> Cluster:
    found = session.scalar(select(Cluster).where((Cluster.key == name) | (Cluster.name == name)))
    if found is None:
        known = ", ".join(session.scalars(select(Cluster.key).order_by(Cluster.key)))
        raise NotFound(f"There is no thematic cluster {name!r}." + (f" Known clusters: {known}." if known else ""))
    return found


def candidate_people(session: Session, criteria: InviteCriteria) -> list[Person]:
    """The people the criteria select, in a stable order. Criteria combine with AND."""
    stmt = select(Person).join(Organisation, Person.organisation_id == Organisation.id, isouter=True)
    if not any([criteria.cluster, criteria.pairing, criteria.from_event, criteria.countries, criteria.sectors, criteria.organisation_kinds]):
        raise ValidationError("Say whom to invite: a cluster, a pairing, another event, or a country/sector/kind filter.")
    if criteria.cluster:
        cluster = _cluster(session, criteria.cluster)
        members = select(cluster_members.c.organisation_id).where(cluster_members.c.cluster_id == cluster.id)
        stmt = stmt.where(Person.organisation_id.in_(members))
    if criteria.pairing:
        pairing = session.scalar(select(Pairing).where(Pairing.key == criteria.pairing))
        if pairing is None:
            raise NotFound(f"There is no geographical pairing {criteria.pairing!r}.")
        stmt = stmt.where(Person.organisation_id.in_([pairing.eu_organisation_id, pairing.partner_organisation_id]))
    if criteria.from_event:
        other = get_event_model(session, criteria.from_event)
        came = select(Participation.person_id).where(
            Participation.event_id == other.id, Participation.status.in_(HOLDS_PLACE)
        )
        stmt = stmt.where(Person.id.in_(came))
    if criteria.countries:
        stmt = stmt.where(Organisation.country.in_([c.upper() for c in criteria.countries]))
    if criteria.sectors:
        stmt = stmt.where(Organisation.sector.in_(criteria.sectors))
    if criteria.organisation_kinds:
        stmt = stmt.where(Organisation.kind.in_(criteria.organisation_kinds))
    return list(session.scalars(stmt.order_by(Person.family_name, Person.given_name, Person.id)))


def invite(session: Session, event_code: str, criteria: InviteCriteria, *, by: str = "") -> InviteResult:
    """Add everyone the criteria select who is not yet in the event, as invited, in one step."""
    event = open_event_model(session, event_code)
    present = set(session.scalars(select(Participation.person_id).where(Participation.event_id == event.id)))
    adding: list[int] = []
    already: list[int] = []
    no_email: list[int] = []
    for person in candidate_people(session, criteria):
        if person.id in present:
            already.append(person.id)
        elif not person.email:
            no_email.append(person.id)
        else:
            adding.append(person.id)
            present.add(person.id)
    made = register_many(session, event.code, [NewRegistration(pid, status="invited") for pid in adding],
                         by=by, reason="invited in one step")
    return InviteResult(made.participation_ids, tuple(adding), tuple(already), tuple(no_email))


def remove_invited(session: Session, participation_ids: tuple[int, ...]) -> int:
    """Undo of `invite`: remove exactly these participations."""
    if not participation_ids:
        return 0
    result = session.execute(delete(Participation).where(Participation.id.in_(participation_ids)))
    return result.rowcount or 0
