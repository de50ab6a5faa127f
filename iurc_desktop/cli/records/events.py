"""Events and their groups: `add|edit|remove event|group` and `cancel EVENT [--item KEY]`."""

from __future__ import annotations

from .verbs import Verbs


def register(verbs: Verbs) -> None:
    """Add this module's records to the verbs."""
