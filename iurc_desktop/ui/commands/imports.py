"""An import as one undoable step: undo takes back all it did, redo imports the same plan again.

The wizard imports on the window's worker and then pushes this command; its
first redo (the push) only tells the pages what changed. Undo removes the
organisations, people and registrations the import created and puts back the
fields and statuses it changed (`app.imports.undo_import`); redo runs the import
again in one transaction, with the same choices.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...app.changes import Outcome, Topic
from .base import Changes, Reporter, ServiceCommand

if TYPE_CHECKING:
    from ...app.database import Database
    from ...app.imports import ImportPlan, ImportResult, NewOrganisation


class ImportFile(ServiceCommand):
    """A done import of people and registrations (or attendance) from a file."""

    topic = Topic.PEOPLE

    def __init__(self, db: Database, changes: Changes, report: Reporter, plan: ImportPlan, done: Outcome[ImportResult], *,
                 skip_invalid: bool, organisations: Sequence[NewOrganisation] = ()) -> None:
        super().__init__(db, changes, report, f"Import {plan.path.name} into {plan.event_code}")
        self.plan, self.skip_invalid, self.organisations = plan, skip_invalid, tuple(organisations)
        self._done: Outcome[ImportResult] | None = done  # the worker's import, which the push only announces
        self.result = done.value

    def apply(self) -> Outcome[Any]:
        from ...app import imports

        if self._done is not None:
            done, self._done = self._done, None
            return done
        outcome = imports.apply_import(self._db, self.plan, skip_invalid=self.skip_invalid, organisations=self.organisations)
        self.result = outcome.value
        return outcome

    def revert(self) -> Outcome[Any]:
        from ...app import imports

        assert self.result.undo is not None  # every import returns how to take it back
        return imports.undo_import(self._db, self.result.undo)
