"""Airports by IATA code, from the maintained `airportsdata` table: where a leg departs and arrives, and in which zone."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Airport:
    code: str  # IATA, upper case
    name: str
    city: str
    country: str  # ISO 3166 alpha-2
    zone: str  # IANA

    @property
    def label(self) -> str:
        """'Brussels Airport, Brussels (BE)'."""
        where = f", {self.city}" if self.city and self.city not in self.name else ""
        return f"{self.name}{where} ({self.country})"


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    import airportsdata  # about 8,000 airports: read once, when a code is first looked up

    return airportsdata.load("IATA")


def airport(code: str) -> Airport | None:
    """The airport with this IATA code (any case), or None for anything else (a station, a city, a typo)."""
    key = code.strip().upper()
    if len(key) != 3 or not key.isalpha():
        return None
    row = _table().get(key)
    if row is None:
        return None
    return Airport(key, row["name"], row["city"], row["country"], row["tz"])
