"""Undoable edits of a whole event: renaming it, and duplicating it (undo deletes the copy)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from ...app.changes import Outcome, Topic
from ...app.templates import DuplicateResult, duplicate_event, remove_duplicate
from .base import Changes, Reporter, ServiceCommand

if TYPE_CHECKING:
    from ...app.database import Database
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

    def __init__(self, ctx: Context, code: str, new_code: str, new_start: date, with_participants: bool) -> None:
        super().__init__(ctx.db, ctx.changes, ctx.report, f"Duplicate {code} as {new_code}")
        self.code, self.new_code, self.new_start, self.with_participants = code, new_code, new_start, with_participants
        self.result: DuplicateResult | None = None
        self.before_undo: Callable[[str], None] | None = None  # e.g. the window leaving the copy's page

    def apply(self) -> Outcome[DuplicateResult]:
        outcome = duplicate_event(self._db, self.code, new_code=self.new_code, new_start=self.new_start,
                                  with_participants=self.with_participants)
        self.result = outcome.value
        return outcome

    def revert(self) -> Outcome[Any]:
        return remove_duplicate(self._db, self.new_code)

    def undo(self) -> None:
        if self.before_undo is not None:
            self.before_undo(self.new_code)
        super().undo()
