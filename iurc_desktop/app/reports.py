"""The programme in figures: the dashboard's counts and targets, clusters and pairings."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.programme import clusters, report as reporting
from ..core.programme.clusters import ClusterView, MemberView, PairingView
from ..core.programme.report import CountRow, EventCountRow, ProgrammeFigures, ProgrammeReport, TargetRow
from .unit_of_work import UnitOfWork, reads

__all__ = [
    "ClusterView", "CountRow", "EventCountRow", "MemberView", "PairingView", "ProgrammeFigures", "ProgrammeOverview",
    "ProgrammeReport", "TargetRow", "programme_figures", "programme_overview", "programme_report",
]


@dataclass(frozen=True)
class ProgrammeOverview:
    """What the Programme page shows: the report, the clusters and the pairings."""

    report: ProgrammeReport
    clusters: tuple[ClusterView, ...]
    pairings: tuple[PairingView, ...]


@reads
def programme_figures(uow: UnitOfWork) -> ProgrammeFigures:
    """The dashboard's figures (a handful of queries over running totals)."""
    return reporting.programme_figures(uow.session)


@reads
def programme_report(uow: UnitOfWork) -> ProgrammeReport:
    """The dashboard's figures and the engaged cities and regions."""
    return reporting.programme_report(uow.session)


@reads
def programme_overview(uow: UnitOfWork) -> ProgrammeOverview:
    session = uow.session
    return ProgrammeOverview(reporting.programme_report(session), clusters.list_clusters(session),
                             clusters.list_pairings(session))
