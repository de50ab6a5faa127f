"""The programme in figures: the dashboard's counts and targets, clusters and pairings."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.programme import clusters, report as reporting
from ..core.programme.clusters import ClusterView, MemberView, PairingView
from ..core.programme.report import CountRow, EngagedRow, EventCountRow, ProgrammeFigures, ProgrammeReport, TargetRow
from .unit_of_work import UnitOfWork, reads

__all__ = [
    "ClusterView", "CountRow", "EngagedRow", "EventCountRow", "MemberView", "PairingView", "ProgrammeFigures",
    "ProgrammeReport", "ProgrammeSummary", "TargetRow", "engaged_places", "pairings", "programme_figures",
    "programme_report", "programme_summary",
]


@dataclass(frozen=True)
class ProgrammeSummary:
    """What the Programme page shows first: the targets, the clusters with their members, how many pairings."""

    targets: tuple[TargetRow, ...]
    clusters: tuple[ClusterView, ...]
    pairings: int


@reads
def programme_figures(uow: UnitOfWork) -> ProgrammeFigures:
    """The dashboard's figures (a handful of queries over running totals)."""
    return reporting.programme_figures(uow.session)


@reads
def programme_report(uow: UnitOfWork) -> ProgrammeReport:
    """The dashboard's figures and the engaged cities and regions."""
    return reporting.programme_report(uow.session)


@reads
def programme_summary(uow: UnitOfWork) -> ProgrammeSummary:
    """The Programme page's first view; its pairings and engaged places are read when their tab is shown."""
    session = uow.session
    return ProgrammeSummary(reporting.targets(session), clusters.list_clusters(session), clusters.count_pairings(session))


@reads
def pairings(uow: UnitOfWork) -> tuple[PairingView, ...]:
    """Every geographical pairing, by EU partner's name."""
    return clusters.list_pairings(uow.session)


@reads
def engaged_places(uow: UnitOfWork) -> tuple[EngagedRow, ...]:
    """The engaged cities and regions, by category, country and name."""
    return reporting.engaged_organisations(uow.session)
