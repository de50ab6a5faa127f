"""Undoable edits of a person: one free-text field at a time, or the whole record (create, edit, remove)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...app.changes import Outcome, Topic
from .base import Changes, Reporter, ServiceCommand
from .keyed_records import RecordSteps

if TYPE_CHECKING:
    from ...app.database import Database


class SetPersonField(ServiceCommand):
    """Change one free-text field of a person."""

    topic = Topic.PEOPLE

    def __init__(self, db: Database, changes: Changes, report: Reporter, person_id: int, name: str,
                 field: str, old: str, new: str, *, version: int | None = None) -> None:
        super().__init__(db, changes, report, f"Edit {field.replace('_', ' ')} of {name}")
        self.person_id, self.field, self.old, self.new = person_id, field, old, new
        self.seen = version  # the version the user was looking at; checked on the first save only

    def apply(self) -> Outcome[str]:
        from ...app import people

        outcome = people.set_person_field(self._db, self.person_id, self.field, self.new, expected_version=self.seen)
        self.old, self.seen = outcome.value, None  # redo after undo re-applies our own edit
        return outcome

    def revert(self) -> Outcome[str]:
        from ...app import people

        return people.set_person_field(self._db, self.person_id, self.field, self.old)


PERSON_STEPS = RecordSteps("people", "person", Topic.PEOPLE, "add_person", "edit_person", "remove_person",
                           "restore_person", message="person_removal_message", by_id=True)
