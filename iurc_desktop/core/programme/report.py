"""Programme report figures, counted in the database with GROUP BY queries.

Definitions used throughout:

* An organisation is a *city* if its kind is ``city`` and a *region* if its kind is
  ``region`` or ``prefecture`` (Japanese prefectures are regions for the targets).
* A city or region is *engaged* if at least one of these holds: one of its people
  has a participation that is confirmed or attended (in any event); it is a
  member of a thematic cluster; it is the EU or the partner side of a geographical
  pairing (any status); or it hosts an item of an event that is not cancelled.
* *EU* means the organisation's country is one of the 27 member states (`EU_COUNTRIES`);
  the United Kingdom (GB) is not.
* A *participant* is a person with at least one confirmed or attended participation;
  *participations* count each such person once per event. Their country is their
  organisation's, else their nationality; their sector is their organisation's.
* Cancelled events are left out of every figure.

The counts over participations come from running totals that triggers keep in
step (migration 0015): `participant_tallies` per organisation (nationality when
there is none) and gender, `label_tallies` per country, sector and gender,
`event_tallies` per event. So the report reads a few rows per label, organisation
and event rather than every participation.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Integer, String, case, column, exists, func, literal, or_, select, table
from sqlalchemy.orm import Session

from .. import timeutil
from ..models import Event, Item, Organisation, Pairing, cluster_members

TARGETS = {"cities": 60, "regions": 28}
CITY_KINDS = ("city",)
REGION_KINDS = ("region", "prefecture")
EU_COUNTRIES = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR EL HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)  # EL: the EU's own code for Greece
UNKNOWN = "(not given)"

# The running totals of migration 0015 (not ORM tables: `copy` leaves them to the triggers).
participant_tallies = table(
    "participant_tallies", column("organisation_id", Integer), column("nationality", String), column("gender", String),
    column("participants", Integer), column("participations", Integer),
)
label_tallies = table(
    "label_tallies", column("country", String), column("sector", String), column("gender", String),
    column("participants", Integer), column("participations", Integer),
)
event_tallies = table("event_tallies", column("event_id", Integer), column("participations", Integer))


@dataclass(frozen=True)
class TargetRow:
    """Engaged cities or regions against the programme's target, split EU / non-EU."""

    category: str  # cities | regions
    target: int
    eu: int
    non_eu: int

    @property
    def total(self) -> int:
        return self.eu + self.non_eu

    @property
    def share(self) -> float:
        return self.total / self.target if self.target else 0.0


@dataclass(frozen=True)
class CountRow:
    """A label with how many participants (distinct people) and participations it has."""

    label: str
    participants: int
    participations: int


@dataclass(frozen=True)
class EventCountRow:
    """Events of one kind, theme or year, with their confirmed-or-attended participations."""

    label: str
    events: int
    participations: int


class EngagedRow(NamedTuple):
    """An engaged city or region (a plain tuple: thousands of them at a season's scale)."""

    name: str
    local_name: str
    category: str  # city | region
    kind: str
    country: str
    eu: bool


@dataclass(frozen=True)
class ProgrammeFigures:
    """The figures of the dashboard."""

    generated: datetime  # aware UTC
    targets: tuple[TargetRow, ...]
    by_country: tuple[CountRow, ...]
    by_sector: tuple[CountRow, ...]
    by_gender: tuple[CountRow, ...]
    events_by_kind: tuple[EventCountRow, ...]
    events_by_theme: tuple[EventCountRow, ...]
    per_year: tuple[EventCountRow, ...]


@dataclass(frozen=True)
class ProgrammeReport(ProgrammeFigures):
    """The figures and the engaged cities and regions themselves (the Programme page, the report workbook)."""

    engaged: tuple[EngagedRow, ...]


@dataclass(frozen=True)
class PeopleFigures:
    """Participants and participations by country, helix sector and gender, each most first."""

    by_country: tuple[CountRow, ...]
    by_sector: tuple[CountRow, ...]
    by_gender: tuple[CountRow, ...]


def engaged():  # type: ignore[no-untyped-def]
    """Whether an organisation is engaged: one look-up per way, through an index, stopping at the first that holds."""
    tallies = participant_tallies.c
    live = select(Event.id).where(Event.status != "cancelled")
    return or_(
        exists().where(tallies.organisation_id == Organisation.id, tallies.participants > 0),
        exists().where(cluster_members.c.organisation_id == Organisation.id),
        exists().where(Pairing.eu_organisation_id == Organisation.id),
        exists().where(Pairing.partner_organisation_id == Organisation.id),
        exists().where(Item.host_id == Organisation.id, Item.status != "cancelled", Item.event_id.in_(live)),
    )


def _is_eu(column):  # type: ignore[no-untyped-def]
    return case((func.upper(column).in_(sorted(EU_COUNTRIES)), literal(True)), else_=literal(False))


def _category():  # type: ignore[no-untyped-def]
    return case((Organisation.kind.in_(CITY_KINDS), literal("city")), else_=literal("region"))


def targets(session: Session) -> tuple[TargetRow, ...]:
    """Engaged cities and regions, EU and non-EU, against the targets (60 cities, 28 regions)."""
    category, eu = _category().label("category"), _is_eu(Organisation.country).label("eu")
    stmt = (
        select(category, eu, func.count())
        .where(Organisation.kind.in_(CITY_KINDS + REGION_KINDS), engaged())
        .group_by(category, eu)
    )
    counts = {(c, bool(e)): n for c, e, n in session.execute(stmt)}
    return (
        TargetRow("cities", TARGETS["cities"], counts.get(("city", True), 0), counts.get(("city", False), 0)),
        TargetRow("regions", TARGETS["regions"], counts.get(("region", True), 0), counts.get(("region", False), 0)),
    )


def engaged_organisations(session: Session) -> tuple[EngagedRow, ...]:
    """The engaged cities and regions themselves, by category, country and name."""
    stmt = (
        select(Organisation.name, Organisation.local_name, _category(), Organisation.kind, Organisation.country,
               _is_eu(Organisation.country))
        .where(Organisation.kind.in_(CITY_KINDS + REGION_KINDS), engaged())
        .order_by(_category(), Organisation.country, Organisation.name)
    )
    return tuple(EngagedRow(n, ln, c, k, cc, bool(e)) for n, ln, c, k, cc, e in session.execute(stmt))


def people_figures(session: Session) -> PeopleFigures:
    """Participants and participations by country, sector and gender, from the running totals of each three.

    Every person is counted under one label of each, so the sums over the other two are distinct people.
    """
    tallies = label_tallies.c
    stmt = select(tallies.country, tallies.sector, tallies.gender, tallies.participants, tallies.participations).where(
        tallies.participants > 0)
    sums: tuple[dict[str, list[int]], ...] = ({}, {}, {})
    for *labels, people, n in session.execute(stmt):
        for dimension, label in zip(sums, labels):
            total = dimension.setdefault(label or UNKNOWN, [0, 0])
            total[0] += int(people)
            total[1] += int(n)
    by_country, by_sector, by_gender = (
        tuple(sorted((CountRow(label, p, n) for label, (p, n) in dimension.items()), key=lambda r: (-r.participants, r.label)))
        for dimension in sums
    )
    return PeopleFigures(by_country, by_sector, by_gender)


def by_country(session: Session) -> tuple[CountRow, ...]:
    return people_figures(session).by_country


def by_sector(session: Session) -> tuple[CountRow, ...]:
    return people_figures(session).by_sector


def by_gender(session: Session) -> tuple[CountRow, ...]:
    return people_figures(session).by_gender


def _events_by(session: Session, label) -> tuple[EventCountRow, ...]:  # type: ignore[no-untyped-def]
    """Live events and their confirmed/attended participations grouped by an expression over Event."""
    n_parts = event_tallies.c
    labelled = label.label("label")
    stmt = (
        select(labelled, func.count(Event.id), func.coalesce(func.sum(n_parts.participations), 0))
        .outerjoin(event_tallies, n_parts.event_id == Event.id)
        .where(Event.status != "cancelled")
        .group_by(labelled)
        .order_by(labelled)
    )
    return tuple(EventCountRow(str(lbl) if lbl not in (None, "") else UNKNOWN, events, int(n))
                 for lbl, events, n in session.execute(stmt))


def events_by_kind(session: Session) -> tuple[EventCountRow, ...]:
    return _events_by(session, Event.kind)


def events_by_theme(session: Session) -> tuple[EventCountRow, ...]:
    return _events_by(session, Event.theme)


def per_year(session: Session) -> tuple[EventCountRow, ...]:
    """Events by the year they start in (the event's local date)."""
    return _events_by(session, func.extract("year", Event.start_date))


def programme_figures(session: Session) -> ProgrammeFigures:
    """The dashboard's figures: targets, people in one query, events in one query per grouping."""
    people = people_figures(session)
    return ProgrammeFigures(
        timeutil.utc_now(), targets(session), people.by_country, people.by_sector, people.by_gender,
        events_by_kind(session), events_by_theme(session), per_year(session),
    )


def programme_report(session: Session) -> ProgrammeReport:
    """The dashboard's figures and the engaged cities and regions."""
    figures = programme_figures(session)
    return ProgrammeReport(**{f.name: getattr(figures, f.name) for f in fields(figures)},
                           engaged=engaged_organisations(session))
