"""The helix sector an organisation of each kind belongs to unless told otherwise."""

from __future__ import annotations

# Kinds not named here (cities, regions, prefectures, national bodies, EU institutions) are government.
SECTOR_OF_KIND = {"university": "research", "business": "business", "ngo": "civil_society"}


def sector_of(kind: str) -> str:
    """The usual helix sector of an organisation of `kind`."""
    return SECTOR_OF_KIND.get(kind, "government")
