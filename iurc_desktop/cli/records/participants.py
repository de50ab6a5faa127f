"""An event's participants: `add|edit|remove participant`."""

from __future__ import annotations

from .verbs import Verbs


def register(verbs: Verbs) -> None:
    """Add this module's records to the verbs."""
