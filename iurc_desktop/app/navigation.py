"""Where the window goes next: small reads that turn what a page names into what opens."""

from __future__ import annotations

from ..core.people.listing import person_by_email
from .unit_of_work import UnitOfWork, reads

__all__ = ["person_id_by_email"]


@reads
def person_id_by_email(uow: UnitOfWork, email: str) -> int:
    """The id of the person with this e-mail (any case); NotFound names the address."""
    return person_by_email(uow.session, email).id
