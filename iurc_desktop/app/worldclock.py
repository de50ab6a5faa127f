"""An item's time around the world of its participants, and the best times for a new session."""

from __future__ import annotations

from ..core.events import worldclock
from ..core.events.worldclock import Slot, WorldClock, ZoneTime, find_slots
from .unit_of_work import UnitOfWork, reads

__all__ = ["Slot", "WorldClock", "ZoneTime", "find_slots", "world_clock"]


@reads
def world_clock(uow: UnitOfWork, code: str, item_key: str | None = None, *,
                working_hours: tuple[int, int] = (8, 20), extra_zones: tuple[str, ...] = ()) -> WorldClock:
    """The item's (or first item's) time in every participant zone and in `extra_zones`, with out-of-hours, date and DST notes."""
    return worldclock.world_clock(uow.session, code, item_key, working_hours=working_hours, extra_zones=extra_zones)
