"""An event's programme edited: its title, and its items created, edited, moved, removed and put back.

Each edit returns what undoing it needs: the old title, the item's new state
(the caller keeps the values it replaced), or for a removal the whole item as
it was, which `restore_item` puts back under the same calendar UID.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from ..core.events import admin, items
from ..core.events.items import ItemChange, ItemEdited, ItemForm, RemovedItem
from .changes import Topic
from .unit_of_work import UnitOfWork, reads, writes

__all__ = [
    "ItemChange", "ItemEdited", "ItemForm", "RemovedItem",
    "add_item", "create_item", "edit_item", "item_form", "item_record", "move_item", "remove_item", "rename_event", "restore_item",
    "update_item",
]


@writes(Topic.EVENTS)
def rename_event(uow: UnitOfWork, code: str, title: str, *, expected_version: int | None = None) -> str:
    """Set an event's title; returns the old one. With `expected_version`, refused with EditConflict if saved since."""
    return admin.rename_event(uow.session, code, title, expected_version=expected_version)


@writes(Topic.ITEMS)
def create_item(uow: UnitOfWork, code: str, **fields: object) -> int:
    """Add an item at local times in its zone (see `core.events.items.create_item`); returns its id."""
    return items.create_item(uow.session, code, **fields)  # type: ignore[arg-type]


@reads
def item_form(uow: UnitOfWork, code: str, key: str | None = None) -> ItemForm:
    """What the item dialog shows: the event's zone, dates, groups, hosts and people, and the item (None: a new one)."""
    return items.item_form(uow.session, code, key)


@reads
def item_record(uow: UnitOfWork, code: str, key: str) -> dict[str, Any]:
    """An item in the programme file's shape, every field given (people by e-mail)."""
    return items.item_record(uow.session, code, key)


@writes(Topic.ITEMS)
def add_item(uow: UnitOfWork, code: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Add an item given in the programme file's names and formats, checked by its rules and within the event's dates."""
    return items.add_item(uow.session, code, fields)


@writes(Topic.ITEMS)
def edit_item(uow: UnitOfWork, code: str, key: str, changes: dict[str, Any]) -> ItemEdited:
    """Change fields of an item (programme file names); `before` in the result undoes it."""
    return items.edit_item(uow.session, code, key, changes)


@writes(Topic.ITEMS)
def update_item(uow: UnitOfWork, code: str, key: str, **changes: object) -> ItemChange:
    """Change fields of an item; the sequence rises when an invitee would see the change."""
    return items.update_item(uow.session, code, key, **changes)


@writes(Topic.ITEMS)
def move_item(uow: UnitOfWork, code: str, key: str, *, start_local: datetime, zone: str | None = None,
              offset: timedelta | None = None) -> ItemChange:
    """Move an item to a new local start, keeping its true duration."""
    return items.move_item(uow.session, code, key, start_local=start_local, zone=zone, offset=offset)


@writes(Topic.ITEMS)
def remove_item(uow: UnitOfWork, code: str, key: str) -> RemovedItem:
    """Delete an item; the returned value is the undo token for `restore_item`."""
    return items.delete_item(uow.session, code, key)


@writes(Topic.ITEMS)
def restore_item(uow: UnitOfWork, code: str, removed: RemovedItem) -> int:
    """Put a removed item back under its old calendar UID; returns its new id."""
    return items.restore_item(uow.session, code, removed)
