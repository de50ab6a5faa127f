"""Organisations created, edited and removed (undoably), by the programme file's rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..core.people import organisations
from ..core.people.organisations import ORGANISATION_FIELDS, Ties
from ..core.people.snapshots import Edited, Removed
from .changes import Topic
from .unit_of_work import UnitOfWork, reads, writes

__all__ = [
    "ORGANISATION_FIELDS", "Edited", "Removed", "Ties", "add_organisation", "edit_organisation", "organisation_entry",
    "organisation_ties", "removal_message", "remove_organisation", "restore_organisation",
]

removal_message = organisations.removal_message


@reads
def organisation_entry(uow: UnitOfWork, key: str) -> dict[str, Any]:
    """The organisation as the programme file writes it."""
    return organisations.organisation_entry(uow.session, key)


@reads
def organisation_ties(uow: UnitOfWork, key: str) -> Ties:
    """How many people, hosted items, clusters and pairings refer to the organisation."""
    return organisations.organisation_ties(uow.session, key)


@writes(Topic.ORGANISATIONS)
def add_organisation(uow: UnitOfWork, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Create an organisation from programme-file fields; returns it as stored."""
    return organisations.add_organisation(uow.session, fields)


@writes(Topic.ORGANISATIONS, Topic.PEOPLE)
def edit_organisation(uow: UnitOfWork, key: str, changes: Mapping[str, Any]) -> Edited:
    """Change fields of an organisation (`key` renames it); the old values come back for undo."""
    return organisations.edit_organisation(uow.session, key, changes)


@writes(Topic.ORGANISATIONS, Topic.PEOPLE, Topic.ITEMS)
def remove_organisation(uow: UnitOfWork, key: str) -> Removed:
    """Remove an organisation; its people and hosted items lose the link, its pairings go; the token undoes it."""
    return organisations.remove_organisation(uow.session, key)


@writes(Topic.ORGANISATIONS, Topic.PEOPLE, Topic.ITEMS)
def restore_organisation(uow: UnitOfWork, removed: Removed) -> dict[str, Any]:
    """Put a removed organisation back with its links, pairings and cluster memberships."""
    return organisations.restore_organisation(uow.session, removed)
