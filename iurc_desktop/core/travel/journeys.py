"""A person's journey to and from an event: which leg brings them in, which takes them out.

The event's zones are its own and those of its items that are not cancelled
(`event_zones`). The arrival is the first leg that
enters those zones from outside them, so a stopover on the way (Paris → Helsinki
→ Tokyo) arrives once, and trains between the event's places (Kyoto → Tokyo on
the last day) are no arrival at all. The departure is the first leg after the
arrival that leaves the zones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Protocol, TypeVar


class Zoned(Protocol):
    """Where a leg goes from and to (a TravelLeg, a LegView, a roster row)."""

    from_zone: str
    to_zone: str


class Leg(Zoned, Protocol):
    """What a journey needs of a travel leg (a TravelLeg, or a row with these attributes)."""

    depart_utc: datetime
    arrive_utc: datetime


L = TypeVar("L", bound=Leg)


def event_zones(zone: str, items: Iterable[Any]) -> set[str]:
    """Where an event happens: its own zone and those of its items (anything with `zone` and `status`) not cancelled."""
    return {zone, *(item.zone for item in items if item.status != "cancelled")}


def crosses(leg: Zoned, zones: set[str] | frozenset[str]) -> bool:
    """Whether a leg enters or leaves `zones` (an arrival or departure, not a ride within or a connection outside)."""
    return (leg.from_zone in zones) != (leg.to_zone in zones)


def _by_departure(legs: Iterable[L]) -> list[L]:
    return sorted(legs, key=lambda leg: leg.depart_utc)


def arrival_leg(legs: Iterable[L], zones: set[str] | frozenset[str]) -> L | None:
    """The first leg (by departure) that brings a person into `zones` from outside them."""
    return next((leg for leg in _by_departure(legs) if leg.to_zone in zones and leg.from_zone not in zones), None)


def departure_leg(legs: Sequence[L], zones: set[str] | frozenset[str]) -> L | None:
    """The first leg after the arrival (or at all, without one) that takes a person out of `zones`."""
    arrival = arrival_leg(legs, zones)
    after = [leg for leg in _by_departure(legs) if arrival is None or leg.depart_utc >= arrival.arrive_utc]
    return next((leg for leg in after if leg.from_zone in zones and leg.to_zone not in zones), None)
