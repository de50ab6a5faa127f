"""The home page's data: the next events, how ready they are, what they need doing."""

from __future__ import annotations

from datetime import date

from ..core.events import home as core_home
from ..core.events.home import Home
from .unit_of_work import UnitOfWork, reads

__all__ = ["Home", "home"]


@reads
def home(uow: UnitOfWork, today: date, *, cards: int, working_hours: tuple[int, int] = (8, 20)) -> Home:
    """The next `cards` events not over with their checks counted, readiness and to-do; how many are not over."""
    return core_home.home(uow.session, today, cards=cards, working_hours=working_hours)
