"""An undoable move of a participant's visa state: undo writes the earlier state back and drops its history entry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...app.changes import Topic
from .base import Changes, Reporter, ServiceCommand

if TYPE_CHECKING:
    from ...app.changes import Outcome
    from ...app.database import Database
    from ...app.visas import VisaMove


class MoveVisa(ServiceCommand):
    """Move one participant's visa to a state, with a note; undo puts the earlier state back."""

    topic = Topic.PARTICIPANTS

    def __init__(self, db: Database, changes: Changes, report: Reporter, code: str, email: str, name: str,
                 to: str, note: str = "") -> None:
        super().__init__(db, changes, report, f"Visa of {name}: {to}")
        self.code, self.email, self.to, self.note = code, email, to, note
        self.made: VisaMove | None = None

    def apply(self) -> Outcome[Any]:
        from ...app import visas

        outcome = visas.move(self._db, self.code, self.email, self.to, note=self.note)
        self.made = outcome.value
        return outcome

    def revert(self) -> Outcome[Any]:
        from ...app import visas

        assert self.made is not None  # undo follows a redo that succeeded
        return visas.undo_move(self._db, self.made)
