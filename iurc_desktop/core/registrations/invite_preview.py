"""What an invite would do before it is done: the choices to invite from, who is in, who would be added."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..events.listing import get_event_model
from ..models import Cluster, Event, Organisation, Pairing, Participation
from .invitations import InviteCriteria, candidate_people


@dataclass(frozen=True)
class InviteSources:
    """The values the invite dialog offers, as (value, label) pairs."""

    clusters: tuple[tuple[str, str], ...]
    pairings: tuple[tuple[str, str], ...]
    events: tuple[tuple[str, str], ...]
    countries: tuple[str, ...]
    sectors: tuple[str, ...]
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    person_id: int
    name: str
    email: str
    organisation: str
    country: str
    state: str  # "in" (already in the event, with their status), "add", or "no e-mail"


def invite_sources(session: Session, event_code: str) -> InviteSources:
    """Clusters, pairings, other events and the filter values present in the data."""
    clusters = tuple((k, n) for k, n in session.execute(select(Cluster.key, Cluster.name).order_by(Cluster.name)))
    eu, partner = Organisation.__table__.alias("eu"), Organisation.__table__.alias("partner")
    pairs = session.execute(
        select(Pairing.key, eu.c.name, partner.c.name)
        .join(eu, Pairing.eu_organisation_id == eu.c.id).join(partner, Pairing.partner_organisation_id == partner.c.id)
        .order_by(eu.c.name, partner.c.name)
    )
    pairings = tuple((k, f"{a} – {b}") for k, a, b in pairs)
    events = tuple(
        (c, f"{c} · {t}")
        for c, t in session.execute(select(Event.code, Event.title).where(Event.code != event_code).order_by(Event.start_date.desc()))
    )

    def distinct(column: object) -> tuple[str, ...]:
        return tuple(v for v in session.scalars(select(column).distinct().order_by(column)) if v)  # type: ignore[call-overload]

    return InviteSources(clusters, pairings, events, distinct(Organisation.country), distinct(Organisation.sector), distinct(Organisation.kind))


def preview_invite(session: Session, event_code: str, criteria: InviteCriteria) -> list[Candidate]:
    """Everyone the criteria select, each marked as already in, to be added, or without an e-mail."""
    event = get_event_model(session, event_code)
    present = dict(session.execute(select(Participation.person_id, Participation.status).where(Participation.event_id == event.id)).all())
    out = []
    for person in candidate_people(session, criteria):
        org = person.organisation
        if person.id in present:
            state = f"in ({present[person.id]})"
        else:
            state = "add" if person.email else "no e-mail"
        out.append(Candidate(person.id, person.display_name, person.email or "", org.name if org else "", org.country if org else "", state))
    return out
