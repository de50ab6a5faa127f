"""Thematic clusters with their members, and geographical pairings: rows for the Programme page, and their edits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, aliased

from ..editing import check_editable
from ..errors import NotFound, ValidationError
from ..models import Cluster, Event, Organisation, Pairing, cluster_members
from ..people.snapshots import Edited, Removed, restore, take, unlink
from .dump import entry_of
from .report import CITY_KINDS, EU_COUNTRIES
from .schema import ClusterPlan, PairingPlan
from .validate import validate_cluster, validate_pairing


class MemberView(NamedTuple):
    """A city or region of a cluster (a plain tuple: thousands of them at a season's scale)."""

    name: str
    local_name: str
    kind: str
    country: str
    eu: bool
    key: str = ""


class ClusterView(NamedTuple):
    """A thematic cluster with its members, EU first then by country and name."""

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


def list_clusters(session: Session) -> tuple[ClusterView, ...]:
    """Every cluster by name, its members EU first then by country and name (plain rows: 1,700 members at 100x)."""
    members: dict[int, list[MemberView]] = {}
    for cluster_id, name, local_name, kind, country, key in session.execute(
        select(cluster_members.c.cluster_id, Organisation.name, Organisation.local_name, Organisation.kind,
               Organisation.country, Organisation.key)
        .join(Organisation, Organisation.id == cluster_members.c.organisation_id)
    ):
        country = country or ""
        members.setdefault(cluster_id, []).append(MemberView(
            name, local_name or "", "city" if kind in CITY_KINDS else kind, country, is_eu(country), key))
    clusters = session.execute(
        select(Cluster.id, Cluster.key, Cluster.name, Cluster.theme, Cluster.description).order_by(Cluster.name))
    return tuple(
        ClusterView(key, name, theme or "", description or "", tuple(sorted(members.get(cid, ()), key=_member_order)))
        for cid, key, name, theme, description in clusters
    )


def _member_order(member: MemberView) -> tuple[bool, str, str, str]:
    """EU members first, then by country, name and key."""
    return not member.eu, member.country, member.name, member.key


def list_pairings(session: Session) -> tuple[PairingView, ...]:
    """Every pairing, by EU partner's name (plain rows: 400 pairings at 100x)."""
    eu, partner = aliased(Organisation), aliased(Organisation)
    stmt = (
        select(Pairing.key, eu.name, eu.country, partner.name, partner.local_name, partner.country, Pairing.theme,
               Pairing.status, Pairing.fund_application, Pairing.notes)
        .join(eu, Pairing.eu_organisation_id == eu.id)
        .join(partner, Pairing.partner_organisation_id == partner.id)
        .order_by(eu.name, partner.name)
    )
    return tuple(PairingView(key, en, *(value or "" for value in rest)) for key, en, *rest in session.execute(stmt))


def count_pairings(session: Session) -> int:
    """How many pairings there are."""
    return session.scalar(select(func.count()).select_from(Pairing)) or 0


CLUSTER_FIELDS = ("key", "name", "theme", "description", "members")
PAIRING_FIELDS = ("key", "eu", "partner", "theme", "status", "fund_application", "notes")


def get_cluster(session: Session, key: str) -> Cluster:
    """The cluster with this key; NotFound names the known ones."""
    cluster = session.scalar(select(Cluster).where(Cluster.key == key))
    if cluster is None:
        known = ", ".join(session.scalars(select(Cluster.key).order_by(Cluster.key))) or "none yet"
        raise NotFound(f"There is no cluster with the key {key!r} (clusters: {known}).")
    return cluster


def get_pairing(session: Session, key: str) -> Pairing:
    """The pairing with this key; NotFound says so."""
    pairing = session.scalar(select(Pairing).where(Pairing.key == key))
    if pairing is None:
        raise NotFound(f"There is no pairing with the key {key!r}.")
    return pairing


def cluster_entry(session: Session, key: str) -> dict[str, Any]:
    """The cluster as the programme file writes it, its members by key."""
    return entry_of(get_cluster(session, key))


def pairing_entry(session: Session, key: str) -> dict[str, Any]:
    """The pairing as the programme file writes it."""
    return entry_of(get_pairing(session, key))


def add_cluster(session: Session, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Create a thematic cluster (with its members) by the programme file's rules; returns it as stored."""
    check_editable("a cluster", fields, CLUSTER_FIELDS)
    plan = validate_cluster(session, dict(fields), _taken(session, Cluster, fields.get("key"), "cluster"))
    cluster = Cluster(key=plan.key, theme="", description="")
    _apply_cluster(session, cluster, plan)
    session.add(cluster)
    session.flush()
    return entry_of(cluster)


def edit_cluster(session: Session, key: str, changes: Mapping[str, Any], *,
                 add: Sequence[str] = (), drop: Sequence[str] = ()) -> Edited:
    """Change a cluster's fields (a new `key` renames it), and add or drop members by organisation key."""
    check_editable(f"cluster {key}", changes, CLUSTER_FIELDS)
    cluster = get_cluster(session, key)
    before = entry_of(cluster)
    merged = {**before, **changes}
    if add or drop:
        members = list(merged.get("members") or [])
        absent = [k for k in drop if k not in members]
        if absent:
            raise ValidationError(f"members: {', '.join(absent)} {'is' if len(absent) == 1 else 'are'} not a member of {key}")
        merged["members"] = [k for k in members if k not in drop] + [k for k in add if k not in members]
    renamed = changes.get("key") if changes.get("key") != cluster.key else None
    plan = validate_cluster(session, merged, _taken(session, Cluster, renamed, "cluster"))
    cluster.key = plan.key
    _apply_cluster(session, cluster, plan)
    session.flush()
    changed = set(changes) | ({"members"} if add or drop else set())
    return Edited(entry_of(cluster), {name: before.get(name) for name in changed})


def remove_cluster(session: Session, key: str) -> Removed:
    """Remove a cluster and its memberships; its events keep everything but the link."""
    cluster = get_cluster(session, key)
    cluster_id = cluster.id
    membership = cluster_members.c.cluster_id == cluster_id
    removed = Removed(
        "cluster", f"{cluster.name} ({cluster.key})", cluster_id,
        rows=(take(session, Cluster.__table__, Cluster.id == cluster_id), take(session, cluster_members, membership)),
        links=(unlink(session, Event.__table__.c.cluster_id, cluster_id),),
    )
    session.execute(delete(cluster_members).where(membership))
    session.execute(delete(Cluster).where(Cluster.id == cluster_id))
    session.expire_all()
    return removed


def add_pairing(session: Session, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Create a geographical pairing of two organisations by the programme file's rules; returns it as stored."""
    check_editable("a pairing", fields, PAIRING_FIELDS)
    plan = validate_pairing(session, dict(fields), _taken(session, Pairing, fields.get("key"), "pairing"))
    pairing = Pairing(key=plan.key, theme="", status="active", fund_application="", notes="")
    _apply_pairing(session, pairing, plan)
    session.add(pairing)
    session.flush()
    return entry_of(pairing)


def edit_pairing(session: Session, key: str, changes: Mapping[str, Any]) -> Edited:
    """Change a pairing's fields (a new `key` renames it) by the programme file's rules."""
    check_editable(f"pairing {key}", changes, PAIRING_FIELDS)
    pairing = get_pairing(session, key)
    before = entry_of(pairing)
    renamed = changes.get("key") if changes.get("key") != pairing.key else None
    plan = validate_pairing(session, {**before, **changes}, _taken(session, Pairing, renamed, "pairing"))
    pairing.key = plan.key
    _apply_pairing(session, pairing, plan)
    session.flush()
    return Edited(entry_of(pairing), {name: before.get(name) for name in changes})


def remove_pairing(session: Session, key: str) -> Removed:
    """Remove a pairing (its organisations stay)."""
    pairing = get_pairing(session, key)
    removed = Removed("pairing", pairing.key, pairing.id, rows=(take(session, Pairing.__table__, Pairing.id == pairing.id),))
    session.execute(delete(Pairing).where(Pairing.id == pairing.id))
    session.expire_all()
    return removed


def restore_record(session: Session, removed: Removed) -> dict[str, Any]:
    """Put a removed cluster or pairing back (a cluster with its members and events); returns it as stored."""
    model = Cluster if removed.kind == "cluster" else Pairing
    row = session.get(model, restore(session, removed))
    assert row is not None  # just inserted
    return entry_of(row)


def _apply_cluster(session: Session, cluster: Cluster, plan: ClusterPlan) -> None:
    if plan.members is not None:
        orgs = _organisations(session, plan.members)
        cluster.members = [orgs[k] for k in plan.members]
    for name, value in plan.values.items():
        setattr(cluster, name, value)


def _apply_pairing(session: Session, pairing: Pairing, plan: PairingPlan) -> None:
    orgs = _organisations(session, (plan.eu, plan.partner))
    pairing.eu_organisation, pairing.partner_organisation = orgs[plan.eu], orgs[plan.partner]
    for name, value in plan.values.items():
        setattr(pairing, name, value)


def _organisations(session: Session, keys: Sequence[str]) -> dict[str, Organisation]:
    with session.no_autoflush:  # a new cluster or pairing is still half-filled
        return {o.key: o for o in session.scalars(select(Organisation).where(Organisation.key.in_(keys)))}


def _taken(session: Session, model: Any, key: Any, what: str) -> list[str]:
    """The problem of a key another cluster or pairing has."""
    if isinstance(key, str) and session.scalar(select(model.id).where(model.key == key)) is not None:
        return [f"key: {key!r} is already the key of another {what}"]
    return []
