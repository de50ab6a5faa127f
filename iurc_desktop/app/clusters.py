"""Thematic clusters and geographical pairings created, edited and removed (undoably)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..core.people.snapshots import Edited, Removed
from ..core.programme import clusters
from ..core.programme.clusters import CLUSTER_FIELDS, PAIRING_FIELDS
from .changes import Topic
from .unit_of_work import UnitOfWork, reads, writes

__all__ = [
    "CLUSTER_FIELDS", "PAIRING_FIELDS", "Edited", "Removed", "add_cluster", "add_pairing", "cluster_entry",
    "edit_cluster", "edit_pairing", "pairing_entry", "remove_cluster", "remove_pairing", "restore_record",
]


@reads
def cluster_entry(uow: UnitOfWork, key: str) -> dict[str, Any]:
    """The cluster as the programme file writes it, its members by organisation key."""
    return clusters.cluster_entry(uow.session, key)


@reads
def pairing_entry(uow: UnitOfWork, key: str) -> dict[str, Any]:
    """The pairing as the programme file writes it."""
    return clusters.pairing_entry(uow.session, key)


@writes(Topic.ORGANISATIONS)
def add_cluster(uow: UnitOfWork, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Create a cluster with its members; returns it as stored."""
    return clusters.add_cluster(uow.session, fields)


@writes(Topic.ORGANISATIONS)
def edit_cluster(uow: UnitOfWork, key: str, changes: Mapping[str, Any], *,
                 add: Sequence[str] = (), drop: Sequence[str] = ()) -> Edited:
    """Change a cluster's fields and members; the old values come back for undo."""
    return clusters.edit_cluster(uow.session, key, changes, add=add, drop=drop)


@writes(Topic.ORGANISATIONS, Topic.EVENTS)
def remove_cluster(uow: UnitOfWork, key: str) -> Removed:
    """Remove a cluster; its events lose the link; the token undoes it."""
    return clusters.remove_cluster(uow.session, key)


@writes(Topic.ORGANISATIONS)
def add_pairing(uow: UnitOfWork, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Create a pairing of an EU and a partner organisation; returns it as stored."""
    return clusters.add_pairing(uow.session, fields)


@writes(Topic.ORGANISATIONS)
def edit_pairing(uow: UnitOfWork, key: str, changes: Mapping[str, Any]) -> Edited:
    """Change a pairing's fields; the old values come back for undo."""
    return clusters.edit_pairing(uow.session, key, changes)


@writes(Topic.ORGANISATIONS)
def remove_pairing(uow: UnitOfWork, key: str) -> Removed:
    """Remove a pairing; the token undoes it."""
    return clusters.remove_pairing(uow.session, key)


@writes(Topic.ORGANISATIONS, Topic.EVENTS)
def restore_record(uow: UnitOfWork, removed: Removed) -> dict[str, Any]:
    """Put a removed cluster (with its members and events) or pairing back."""
    return clusters.restore_record(uow.session, removed)
