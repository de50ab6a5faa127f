"""The valid choices an error message names, so a person can pick one without guessing what was left out."""

from __future__ import annotations

from collections.abc import Iterable

LIMIT = 40


def listed(keys: Iterable[str], *, limit: int = LIMIT, none: str = "none") -> str:
    """The keys sorted and comma-separated; beyond `limit`, the first `limit` and '… and N more'."""
    ordered = sorted(set(keys), key=lambda k: (k.casefold(), k))
    if not ordered:
        return none
    shown = ", ".join(ordered[:limit])
    rest = len(ordered) - limit
    return f"{shown} … and {rest} more" if rest > 0 else shown
