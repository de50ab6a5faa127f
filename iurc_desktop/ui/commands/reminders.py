"""Undoable edits of an event's reminder rules: add (one or the suggested ones at once), change, remove.

Undoing an add removes the rules and keeps them as undo tokens, so a redo puts
back the same rules under the same ids; a removed rule comes back with the
reminders it had already queued, so nothing is sent twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...app.changes import Topic
from ...core.counts import counted
from .base import Changes, Reporter, ServiceCommand

if TYPE_CHECKING:
    from ...app.changes import Outcome
    from ...app.database import Database
    from ...app.reminders import RemovedRule, RuleRow, RuleSpec


class AddRules(ServiceCommand):
    """Add one rule or several (the suggested ones) in one transaction; undo removes them all, redo restores them."""

    topic = Topic.REMINDERS

    def __init__(self, db: Database, changes: Changes, report: Reporter, code: str, specs: Sequence[RuleSpec]) -> None:
        text = f"Add reminder rule {specs[0].template}" if len(specs) == 1 else f"Add {counted(len(specs), 'reminder rule')}"
        super().__init__(db, changes, report, text)
        self.code, self.specs = code, tuple(specs)
        self.added: tuple[RuleRow, ...] = ()
        self.removed: tuple[RemovedRule, ...] = ()

    def apply(self) -> Outcome[Any]:
        from ...app import reminders

        outcome = (reminders.restore_rules(self._db, self.removed) if self.removed
                   else reminders.add_rules(self._db, self.code, self.specs))
        self.added = tuple(outcome.value)
        return outcome

    def revert(self) -> Outcome[Any]:
        from ...app import reminders

        outcome = reminders.remove_rules(self._db, [row.id for row in self.added])
        self.removed = tuple(outcome.value)
        return outcome


class EditRule(ServiceCommand):
    """Change a rule (or only turn it on or off); undo writes back the rule as it was."""

    topic = Topic.REMINDERS

    def __init__(self, db: Database, changes: Changes, report: Reporter, rule_id: int, spec: RuleSpec,
                 text: str = "") -> None:
        super().__init__(db, changes, report, text or f"Edit reminder rule {spec.template}")
        self.rule_id, self.spec = rule_id, spec
        self.before: RuleRow | None = None

    def apply(self) -> Outcome[Any]:
        from ...app import reminders

        outcome = reminders.edit_rule(self._db, self.rule_id, self.spec)
        self.before = outcome.value
        return outcome

    def revert(self) -> Outcome[Any]:
        from ...app import reminders

        assert self.before is not None  # undo follows a redo that succeeded
        return reminders.edit_rule(self._db, self.rule_id, self.before.spec)


class RemoveRule(ServiceCommand):
    """Remove a rule; undo puts it back under its id with the reminders it had queued."""

    topic = Topic.REMINDERS

    def __init__(self, db: Database, changes: Changes, report: Reporter, row: RuleRow) -> None:
        super().__init__(db, changes, report, f"Remove reminder rule {row.template}")
        self.rule_id = row.id
        self.removed: RemovedRule | None = None

    def apply(self) -> Outcome[Any]:
        from ...app import reminders

        outcome = reminders.remove_rule(self._db, self.rule_id)
        self.removed = outcome.value
        return outcome

    def revert(self) -> Outcome[Any]:
        from ...app import reminders

        assert self.removed is not None  # undo follows a redo that succeeded
        return reminders.restore_rule(self._db, self.removed)
