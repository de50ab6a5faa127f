"""How ready upcoming events are, for the home page's cards."""

from __future__ import annotations

from collections.abc import Sequence

from ..core.events import readiness as core_readiness
from ..core.events.readiness import Readiness
from .unit_of_work import UnitOfWork, reads

__all__ = ["Readiness", "readiness"]


@reads
def readiness(uow: UnitOfWork, codes: Sequence[str]) -> dict[str, Readiness]:
    """How ready each event is: its first and last times, travel documents, invites sent."""
    return core_readiness.readiness(uow.session, codes)
