"""Organisations, clusters and pairings: `add|edit|remove organisation|cluster|pairing`."""

from __future__ import annotations

from .verbs import Verbs


def register(verbs: Verbs) -> None:
    """Add this module's records to the verbs."""
