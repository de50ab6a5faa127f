"""Thematic clusters with their members, and geographical pairings, as plain rows for the Programme page."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased, selectinload

from ..models import Cluster, Organisation, Pairing
from .report import CITY_KINDS, EU_COUNTRIES


@dataclass(frozen=True)
class MemberView:
    """A city or region of a cluster."""

    name: str
    local_name: str
    kind: str
    country: str
    eu: bool


@dataclass(frozen=True)
class ClusterView:
    key: str
    name: str
    theme: str
    description: str
    members: tuple[MemberView, ...]

    @property
    def eu_members(self) -> int:
        return sum(m.eu for m in self.members)


@dataclass(frozen=True)
class PairingView:
    """An EU and a non-EU partner with their theme, status and competitive-fund application."""

    key: str
    eu_name: str
    eu_country: str
    partner_name: str
    partner_local_name: str
    partner_country: str
    theme: str
    status: str
    fund_application: str
    notes: str


def is_eu(country: str) -> bool:
    return (country or "").upper() in EU_COUNTRIES


def _member(org: Organisation) -> MemberView:
    category = "city" if org.kind in CITY_KINDS else org.kind
    return MemberView(org.name, org.local_name or "", category, org.country or "", is_eu(org.country or ""))


def list_clusters(session: Session) -> tuple[ClusterView, ...]:
    """Every cluster by name, its members EU first then by country and name."""
    clusters = session.scalars(select(Cluster).options(selectinload(Cluster.members)).order_by(Cluster.name))
    out = []
    for cluster in clusters:
        members = sorted((_member(o) for o in cluster.members), key=lambda m: (not m.eu, m.country, m.name))
        out.append(ClusterView(cluster.key, cluster.name, cluster.theme or "", cluster.description or "", tuple(members)))
    return tuple(out)


def list_pairings(session: Session) -> tuple[PairingView, ...]:
    """Every pairing, by EU partner's name."""
    eu, partner = aliased(Organisation), aliased(Organisation)
    stmt = (
        select(Pairing, eu.name, eu.country, partner.name, partner.local_name, partner.country)
        .join(eu, Pairing.eu_organisation_id == eu.id)
        .join(partner, Pairing.partner_organisation_id == partner.id)
        .order_by(eu.name, partner.name)
    )
    return tuple(
        PairingView(p.key, en, ec or "", pn, pl or "", pc or "", p.theme or "", p.status or "", p.fund_application or "", p.notes or "")
        for p, en, ec, pn, pl, pc in session.execute(stmt)
    )
