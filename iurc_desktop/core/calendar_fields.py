"""The fields a calendar entry shows, per row kind: changing one makes a re-sent invite an update.

Calendar clients take a re-sent entry as news only when its SEQUENCE rose (RFC
5546), so every write path (edits, programme loads, conflict resolution) raises
a row's `sequence` when one of these fields changed, and only then.
"""

from __future__ import annotations

from typing import Any

from .models import Event, Item, Stay, TravelLeg

ITEM = ("title", "start_utc", "end_utc", "zone", "place", "status")
EVENT = ("title", "start_date", "end_date", "zone", "status")
LEG = ("kind", "carrier", "number", "from_place", "from_zone", "depart_utc", "to_place", "to_zone", "arrive_utc")
STAY = ("hotel", "zone", "check_in", "check_out", "room", "shares_with_id")

BY_MODEL: dict[type[Any], tuple[str, ...]] = {Item: ITEM, Event: EVENT, TravelLeg: LEG, Stay: STAY}


def shown_changed(model: type[Any], fields: Any) -> bool:
    """Whether any of `fields` (names) is one the model's calendar entry shows."""
    return any(name in BY_MODEL.get(model, ()) for name in fields)
