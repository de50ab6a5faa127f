"""The undoable edit of an item: some of its fields now, the old values back on undo."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ...app.changes import Outcome, Topic
from .base import Changes, Reporter, ServiceCommand

if TYPE_CHECKING:
    from ...app.database import Database
    from ...app.items import ItemChange
    from ...core.events.listing import ItemView


def local_of(value: datetime) -> tuple[datetime, timedelta | None]:
    """A local aware datetime as the naive wall-clock time and its offset (which picks a fold's reading)."""
    return value.replace(tzinfo=None), value.utcoffset()


class EditItem(ServiceCommand):
    """Change some fields of an item; undo writes the old values back."""

    topic = Topic.ITEMS

    def __init__(self, db: Database, changes: Changes, report: Reporter, code: str, old: ItemView,
                 new: dict[str, object]) -> None:
        super().__init__(db, changes, report, f"Edit item {old.title}")
        self.code, self.key, self.new = code, old.key, new
        start, start_offset = local_of(old.start)
        end, end_offset = local_of(old.end)
        everything = {
            "title": old.title, "kind": old.kind, "place": old.place, "zone": old.zone, "groups": list(old.groups),
            "start_local": start, "end_local": end, "offset": start_offset, "end_offset": end_offset,
        }
        self.old = {name: value for name, value in everything.items() if name in new or _timing(name, new)}

    def apply(self) -> Outcome[ItemChange]:
        from ...app import items

        return items.update_item(self._db, self.code, self.key, **self.new)

    def revert(self) -> Outcome[ItemChange]:
        from ...app import items

        return items.update_item(self._db, self.code, self.key, **self.old)


def _timing(name: str, new: dict[str, object]) -> bool:
    """Whether the old value of `name` must be restored because the item's time changed."""
    timing = {"zone", "start_local", "end_local", "offset", "end_offset"}
    return name in timing and bool(timing & set(new))
