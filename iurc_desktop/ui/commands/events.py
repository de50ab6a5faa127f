"""Undoable edits of a whole event: create, edit, rename, remove, cancel, duplicate (undo deletes the copy), groups."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from ...app.changes import Outcome, Topic
from ...app.templates import DuplicateResult, duplicate_event, remove_duplicate
from .base import Changes, Reporter, ServiceCommand

if TYPE_CHECKING:
    from ...app.database import Database
    from ...app.events import Cancellation, RemovedGroup
    from ..shell.context import Context  # type only: shell.context imports commands.base


class RenameEvent(ServiceCommand):
    """Change an event's title."""

    topic = Topic.EVENTS

    def __init__(self, db: Database, changes: Changes, report: Reporter, code: str, old: str, new: str,
                 *, version: int | None = None) -> None:
        super().__init__(db, changes, report, f"Rename event {code}")
        self.code, self.old, self.new = code, old, new
        self.seen = version  # the version the user was looking at; checked on the first save only

    def apply(self) -> Outcome[str]:
        from ...app import items

        outcome = items.rename_event(self._db, self.code, self.new, expected_version=self.seen)
        self.old, self.seen = outcome.value, None  # redo after undo re-applies our own edit
        return outcome

    def revert(self) -> Outcome[str]:
        from ...app import items

        return items.rename_event(self._db, self.code, self.old)


class DuplicateEvent(ServiceCommand):
    """Copy an event to new dates; undo removes the copy. Keeps only the codes, dates and the copy's result."""

    topic = Topic.EVENTS

    def __init__(self, ctx: Context, code: str, new_code: str, new_start: date, with_participants: bool,
                 *, dst: str | None = None, report: Reporter | None = None) -> None:
        super().__init__(ctx.db, ctx.changes, report or ctx.report, f"Duplicate {code} as {new_code}")
        self.code, self.new_code, self.new_start, self.with_participants = code, new_code, new_start, with_participants
        self.dst = dst  # the reading of times on a daylight-saving change, once chosen
        self.result: DuplicateResult | None = None
        self.before_undo: Callable[[str], None] | None = None  # e.g. the window leaving the copy's page

    def apply(self) -> Outcome[DuplicateResult]:
        outcome = duplicate_event(self._db, self.code, new_code=self.new_code, new_start=self.new_start,
                                  with_participants=self.with_participants, dst=self.dst)
        self.result = outcome.value
        return outcome

    def revert(self) -> Outcome[Any]:
        return remove_duplicate(self._db, self.new_code)

    def undo(self) -> None:
        if self.before_undo is not None:
            self.before_undo(self.new_code)
        super().undo()


class CreateEvent(ServiceCommand):
    """Add an event from its programme-file record; undo removes it, redo brings it back under the same UID."""

    topic = Topic.EVENTS

    def __init__(self, ctx: Context, record: dict[str, Any], report: Reporter | None = None) -> None:
        super().__init__(ctx.db, ctx.changes, report or ctx.report, f"New event {record.get('code', '')}")
        self.record = dict(record)
        self.before_undo: Callable[[str], None] | None = None  # e.g. the window leaving the event's page

    @property
    def code(self) -> str:
        return str(self.record.get("code", ""))

    def apply(self) -> Outcome[dict[str, Any]]:
        from ...app import events

        outcome = events.create_event(self._db, self.record)
        self.record["uid"] = outcome.value["uid"]  # redo makes the same calendar event again
        return outcome

    def revert(self) -> Outcome[str]:
        from ...app import events

        return events.remove_event(self._db, self.code)

    def undo(self) -> None:
        if self.before_undo is not None:
            self.before_undo(self.code)
        super().undo()


class EditEvent(ServiceCommand):
    """Change some fields of an event (programme-file names); undo writes the old values back."""

    topic = Topic.EVENTS

    def __init__(self, ctx: Context, code: str, changes: dict[str, Any], report: Reporter | None = None) -> None:
        super().__init__(ctx.db, ctx.changes, report or ctx.report, f"Edit event {code}")
        self.code, self.changes = code, dict(changes)
        self.old: dict[str, Any] = {}
        self.follow: Callable[[str, str], None] | None = None  # told (old code, new code) when the code changes

    def apply(self) -> Outcome[Any]:
        from ...app import events

        outcome = events.edit_event(self._db, self.code, self.changes)
        self.old = outcome.value[0]
        self._moved(self.code, str(self.changes.get("code", self.code)))
        return outcome

    def revert(self) -> Outcome[Any]:
        from ...app import events

        now = str(self.changes.get("code", self.code))
        outcome = events.edit_event(self._db, now, self.old)
        self._moved(now, self.code)
        return outcome

    def _moved(self, before: str, after: str) -> None:
        if before != after and self.follow is not None:
            self.follow(before, after)


class RemoveEvent(ServiceCommand):
    """Remove an event with all it holds; undo puts it back from the programme file it was (same UIDs)."""

    topic = Topic.EVENTS

    def __init__(self, ctx: Context, code: str, report: Reporter | None = None) -> None:
        super().__init__(ctx.db, ctx.changes, report or ctx.report, f"Remove event {code}")
        self.code = code
        self.token = ""
        self.before_apply: Callable[[str], None] | None = None  # e.g. the window leaving the event's page

    def apply(self) -> Outcome[str]:
        from ...app import events

        if self.before_apply is not None:
            self.before_apply(self.code)
        outcome = events.remove_event(self._db, self.code)
        self.token = outcome.value
        return outcome

    def revert(self) -> Outcome[str]:
        from ...app import events

        return events.restore_event(self._db, self.token)


class CancelEvent(ServiceCommand):
    """Cancel an event (or one item): SEQUENCE rises; undo schedules again what it cancelled."""

    topic = Topic.EVENTS

    def __init__(self, ctx: Context, code: str, item_key: str | None = None, report: Reporter | None = None) -> None:
        super().__init__(ctx.db, ctx.changes, report or ctx.report, f"Cancel {item_key or code}")
        self.code, self.item_key = code, item_key
        self.cancellation: Cancellation | None = None

    def apply(self) -> Outcome[Cancellation]:
        from ...app import events

        outcome = events.cancel(self._db, self.code, self.item_key)
        self.cancellation = outcome.value
        return outcome

    def revert(self) -> Outcome[None] | None:
        from ...app import events

        return events.reinstate(self._db, self.cancellation) if self.cancellation else None


class AddGroup(ServiceCommand):
    """Add a group to an event; undo removes it."""

    topic = Topic.EVENTS

    def __init__(self, ctx: Context, code: str, name: str, report: Reporter | None = None) -> None:
        super().__init__(ctx.db, ctx.changes, report or ctx.report, f"Add group {name.strip()}")
        self.code, self.name = code, name

    def apply(self) -> Outcome[str]:
        from ...app import events

        outcome = events.add_group(self._db, self.code, self.name)
        self.name = outcome.value
        return outcome

    def revert(self) -> Outcome[RemovedGroup]:
        from ...app import events

        return events.remove_group(self._db, self.code, self.name)


class RenameGroup(ServiceCommand):
    """Rename a group (members and items follow); undo gives the old name back."""

    topic = Topic.EVENTS

    def __init__(self, ctx: Context, code: str, name: str, new_name: str, report: Reporter | None = None) -> None:
        super().__init__(ctx.db, ctx.changes, report or ctx.report, f"Rename group {name}")
        self.code, self.name, self.new_name = code, name, new_name

    def apply(self) -> Outcome[str]:
        from ...app import events

        outcome = events.rename_group(self._db, self.code, self.name, self.new_name)
        self.new_name = outcome.value
        return outcome

    def revert(self) -> Outcome[str]:
        from ...app import events

        return events.rename_group(self._db, self.code, self.new_name, self.name)


class RemoveGroup(ServiceCommand):
    """Remove a group; undo puts it back with its members and items."""

    topic = Topic.EVENTS

    def __init__(self, ctx: Context, code: str, name: str, report: Reporter | None = None) -> None:
        super().__init__(ctx.db, ctx.changes, report or ctx.report, f"Remove group {name}")
        self.code, self.name = code, name
        self.removed: RemovedGroup | None = None

    def apply(self) -> Outcome[RemovedGroup]:
        from ...app import events

        outcome = events.remove_group(self._db, self.code, self.name)
        self.removed = outcome.value
        return outcome

    def revert(self) -> Outcome[None] | None:
        from ...app import events

        return events.restore_group(self._db, self.code, self.removed) if self.removed else None
