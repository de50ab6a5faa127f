"""Undoable create, edit and remove of a record named by a key or id: organisation, person, cluster, pairing.

Each command keeps plain values only: the fields it sets, the old values the
edit use case gave back, and the `Removed` token a removal returns. Undoing a
create removes the record; redoing it puts the same record back (same id where
free) from that token, so later commands on the stack still find it.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...app.changes import Outcome, Topic
from .base import Changes, Reporter, ServiceCommand

if TYPE_CHECKING:
    from ...app.database import Database


@dataclass(frozen=True)
class RecordSteps:
    """The app use cases of one kind of record, by name (the database layer loads after the first paint)."""

    module: str  # in iurc_desktop.app
    noun: str
    topic: Topic
    add: str
    edit: str
    remove: str
    restore: str
    message: str = ""  # a function of `module` saying what a removal did
    by_id: bool = False  # named by id (people), not by a key that an edit may change

    def call(self, step: str, db: Database, *args: Any, **kwargs: Any) -> Outcome[Any]:
        module = importlib.import_module(f"iurc_desktop.app.{self.module}")
        return getattr(module, getattr(self, step))(db, *args, **kwargs)  # type: ignore[no-any-return]

    def ref_of(self, stored: Any) -> Any:
        """How the record is named after `add` or `restore` returned `stored`."""
        return stored.id if self.by_id else stored["key"]

    def removal_message(self, removed: Any) -> str:
        if not self.message:
            return f"Removed the {self.noun} {removed.label}."
        module = importlib.import_module(f"iurc_desktop.app.{self.module}")
        return str(getattr(module, self.message)(removed))


class RecordCommand(ServiceCommand):
    """A command on one record through its kind's use cases; `status` says what its last step did."""

    def __init__(self, db: Database, changes: Changes, report: Reporter, steps: RecordSteps, text: str) -> None:
        super().__init__(db, changes, report, text)
        self.steps = steps
        self.topic = steps.topic
        self.status = ""  # what the last step did, for the status bar


class AddRecord(RecordCommand):
    """Create a record from programme-file fields."""

    def __init__(self, db: Database, changes: Changes, report: Reporter, steps: RecordSteps,
                 fields: Mapping[str, Any], label: str) -> None:
        super().__init__(db, changes, report, steps, f"New {steps.noun} {label}")
        self.fields = dict(fields)
        self.ref: Any = None
        self.removed: Any = None

    def apply(self) -> Outcome[Any]:
        if self.removed is None:
            outcome = self.steps.call("add", self._db, self.fields)
        else:
            outcome = self.steps.call("restore", self._db, self.removed)
        self.ref = self.steps.ref_of(outcome.value)
        self.status = f"Added the {self.steps.noun} {self.text().removeprefix(f'New {self.steps.noun} ')}."
        return outcome

    def revert(self) -> Outcome[Any]:
        outcome = self.steps.call("remove", self._db, self.ref)
        self.removed = outcome.value
        self.status = self.steps.removal_message(self.removed)
        return outcome


class EditRecord(RecordCommand):
    """Change some fields of a record; undo writes the old values back."""

    def __init__(self, db: Database, changes: Changes, report: Reporter, steps: RecordSteps, ref: Any,
                 new: Mapping[str, Any], label: str, *, version: int | None = None) -> None:
        super().__init__(db, changes, report, steps, f"Edit {steps.noun} {label}")
        self.ref, self.new = ref, dict(new)
        self.old: dict[str, Any] = {}
        self.seen = version  # the version the user was looking at; checked on the first save only

    def apply(self) -> Outcome[Any]:
        kwargs = {"expected_version": self.seen} if self.seen is not None else {}
        outcome = self.steps.call("edit", self._db, self.ref, self.new, **kwargs)
        self.old, self.seen = outcome.value.old, None
        self._follow(outcome)
        return outcome

    def revert(self) -> Outcome[Any]:
        outcome = self.steps.call("edit", self._db, self.ref, self.old)
        self._follow(outcome)
        return outcome

    def _follow(self, outcome: Outcome[Any]) -> None:
        """Keep naming the record by its key after an edit renamed it."""
        if not self.steps.by_id:
            self.ref = outcome.value.entry["key"]
        self.status = f"Saved the {self.text().removeprefix('Edit ')}."


class RemoveRecord(RecordCommand):
    """Remove a record with what goes with it; undo puts all of it back."""

    def __init__(self, db: Database, changes: Changes, report: Reporter, steps: RecordSteps, ref: Any, label: str) -> None:
        super().__init__(db, changes, report, steps, f"Remove {steps.noun} {label}")
        self.ref = ref
        self.removed: Any = None

    def apply(self) -> Outcome[Any]:
        outcome = self.steps.call("remove", self._db, self.ref)
        self.removed = outcome.value
        self.status = self.steps.removal_message(self.removed)
        return outcome

    def revert(self) -> Outcome[Any]:
        outcome = self.steps.call("restore", self._db, self.removed)
        self.ref = self.steps.ref_of(outcome.value)
        self.status = f"Put back the {self.steps.noun} {self.removed.label}."
        return outcome
