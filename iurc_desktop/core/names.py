"""How a person's name is shown: the one rule, for Python values here and for SQL in `Person.display_name`."""

from __future__ import annotations

FAMILY_FIRST = "family_first"


def display_name(given: str | None, family: str | None, name_order: str | None) -> str:
    """The romanised name in the person's own order (family first for e.g. Japanese and Korean names)."""
    parts = (family, given) if name_order == FAMILY_FIRST else (given, family)
    return f"{parts[0] or ''} {parts[1] or ''}".strip()
