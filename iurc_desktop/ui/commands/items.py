"""Undoable edits of an event's items: create, change (in the programme file's fields), remove.

Undoing a create removes the item and keeps the removed row as an undo token, so
redoing it brings back the same item under the same calendar UID.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...app.changes import Topic
from .base import Changes, Reporter, ServiceCommand

if TYPE_CHECKING:
    from ...app.database import Database
    from ...app.changes import Outcome
    from ...app.items import ItemEdited, RemovedItem


class AddItem(ServiceCommand):
    """Create an item from programme-file fields; undo removes it, redo puts the same one back."""

    topic = Topic.ITEMS

    def __init__(self, db: Database, changes: Changes, report: Reporter, code: str, fields: dict[str, Any]) -> None:
        super().__init__(db, changes, report, f"Add item {fields.get('title', '')}")
        self.code, self.fields = code, fields
        self.removed: RemovedItem | None = None

    def apply(self) -> Outcome[Any]:
        from ...app import items

        if self.removed is None:
            return items.add_item(self._db, self.code, self.fields)
        return items.restore_item(self._db, self.code, self.removed)

    def revert(self) -> Outcome[Any]:
        from ...app import items

        outcome = items.remove_item(self._db, self.code, str(self.fields["key"]))
        self.removed = outcome.value
        return outcome


class ChangeItem(ServiceCommand):
    """Change an item's fields (programme-file names); undo writes back the item as it was."""

    topic = Topic.ITEMS

    def __init__(self, db: Database, changes: Changes, report: Reporter, code: str, key: str, title: str,
                 new: dict[str, Any]) -> None:
        super().__init__(db, changes, report, f"Edit item {title}")
        self.code, self.key, self.new = code, key, new
        self.edited: ItemEdited | None = None

    def apply(self) -> Outcome[Any]:
        from ...app import items

        outcome = items.edit_item(self._db, self.code, self.key, self.new)
        self.edited = outcome.value
        return outcome

    def revert(self) -> Outcome[Any]:
        from ...app import items

        assert self.edited is not None  # undo follows a redo that succeeded
        return items.edit_item(self._db, self.code, self.key, self.edited.before)


class RemoveItem(ServiceCommand):
    """Remove an item; undo puts it back under the same calendar UID."""

    topic = Topic.ITEMS

    def __init__(self, db: Database, changes: Changes, report: Reporter, code: str, key: str, title: str) -> None:
        super().__init__(db, changes, report, f"Remove item {title}")
        self.code, self.key = code, key
        self.removed: RemovedItem | None = None

    def apply(self) -> Outcome[Any]:
        from ...app import items

        outcome = items.remove_item(self._db, self.code, self.key)
        self.removed = outcome.value
        return outcome

    def revert(self) -> Outcome[Any]:
        from ...app import items

        assert self.removed is not None
        return items.restore_item(self._db, self.code, self.removed)
