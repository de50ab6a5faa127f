"""Undoable outbox moves: cancel, retry and queueing; each undo puts the messages back in the state they were in."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ...app.changes import Topic
from ...core.counts import counted
from ...core.errors import ValidationError
from .base import Changes, Reporter, ServiceCommand

if TYPE_CHECKING:
    from ...app.changes import Outcome
    from ...app.database import Database
    from ...app.outbox import Moved


class MoveMessages(ServiceCommand):
    """Retry or cancel messages; undo puts each back in its state before (if it has not moved on since)."""

    topic = Topic.OUTBOX

    def __init__(self, db: Database, changes: Changes, report: Reporter, ids: Sequence[int], to: str) -> None:
        super().__init__(db, changes, report, f"{'Cancel' if to == 'cancelled' else 'Retry'} {counted(len(ids), 'message')}")
        self.ids, self.to = tuple(ids), to
        self.moved: Moved | None = None

    def apply(self) -> Outcome[Any]:
        from ...app import outbox

        outcome = (outbox.cancel if self.to == "cancelled" else outbox.retry)(self._db, self.ids)
        self.moved = outcome.value
        return outcome

    def revert(self) -> Outcome[Any]:
        from ...app import outbox

        assert self.moved is not None  # undo follows a redo that succeeded
        return outbox.put_back(self._db, self.moved)


class QueueMessages(ServiceCommand):
    """Queue messages through `queue` (a use case whose value has the queued `ids`); undo cancels them, redo queues
    the same messages again (the same Message-IDs: nothing is composed twice)."""

    topic = Topic.OUTBOX

    def __init__(self, db: Database, changes: Changes, report: Reporter, queue: Callable[[], Outcome[Any]],
                 text: str) -> None:
        super().__init__(db, changes, report, text)
        self._queue: Callable[[], Outcome[Any]] | None = queue
        self.ids: tuple[int, ...] = ()
        self.skipped: tuple[str, ...] = ()  # why some chosen got nothing (a template's), for the user to read
        self.cancelled: Moved | None = None

    def apply(self) -> Outcome[Any]:
        from ...app import outbox

        if self.cancelled is not None:
            return outbox.put_back(self._db, self.cancelled)
        assert self._queue is not None
        outcome = self._queue()
        self._queue = None  # its closure holds the drafts: let them go
        self.ids = tuple(outcome.value.ids)
        self.skipped = tuple(getattr(outcome.value, "skipped", ()))
        return outcome

    def revert(self) -> Outcome[Any]:
        from ...app import outbox

        outcome = outbox.cancel(self._db, self.ids)
        self.cancelled = outcome.value
        gone = len(self.ids) - len(outcome.value.ids)  # sent (or being sent) meanwhile: mail cannot be called back
        if gone == len(self.ids):
            raise ValidationError(f"{'It was' if gone == 1 else f'All {gone} were'} already sent: an e-mail cannot be"
                                  " taken back once it went out.")
        if gone:
            self._report(ValidationError(f"{counted(gone, 'message')} of the {len(self.ids)} already went out and"
                                         " cannot be taken back; the others are cancelled."))
        return outcome
