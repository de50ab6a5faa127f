"""Undoable edits: each command calls an app use case to do, and another to undo.

A window owns one `QUndoStack`; every edit in the GUI is a `ServiceCommand`
pushed onto it. The command keeps only plain values: what it sets and what the
use case returned to revert it (the old values, or the removed row as an undo
token), never a session or an ORM object. If the use case refuses (a validation
error, a locked database, someone else's newer save), the error goes to the
window's reporter and the command drops itself from the stack, so the stack
never claims an edit that did not happen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from ...app.changes import Outcome, Topic

if TYPE_CHECKING:  # the database layer (SQLAlchemy) loads after the window's first paint
    from ...app.database import Database

Reporter = Callable[[BaseException], None]


class Changes(QObject):
    """Tells pages which kind of data changed (a `Topic`; pages ask `topic.concerns(...)`)."""

    changed = Signal(object)  # a Topic

    def notify(self, topic: Topic | str) -> None:
        """Say that data of `topic` changed; a string is read as a Topic's value ("people", "*")."""
        self.changed.emit(topic if isinstance(topic, Topic) else Topic(topic))

    def notify_all(self, topics: Iterable[Topic | str]) -> None:
        """Say each of `topics` changed: everything once if one of them is everything."""
        wanted = {t if isinstance(t, Topic) else Topic(t) for t in topics}
        if Topic.EVERYTHING in wanted:
            wanted = {Topic.EVERYTHING}
        for topic in sorted(wanted, key=lambda t: t.value):
            self.changed.emit(topic)


class ServiceCommand(QUndoCommand):
    """Base of every edit: `apply()` does and `revert()` undoes, each one app use case (its own transaction).

    Each returns the use case's `Outcome` (pages refresh what it says changed) or None (then `topic`).
    """

    topic: Topic | str = Topic.EVERYTHING  # what kind of data changes when a step says nothing or fails

    def __init__(self, db: Database, changes: Changes, report: Reporter, text: str) -> None:
        super().__init__(text)
        self._db = db
        self._changes = changes
        self._report = report

    def apply(self) -> Outcome[Any] | None:
        raise NotImplementedError

    def revert(self) -> Outcome[Any] | None:
        raise NotImplementedError

    def redo(self) -> None:
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, step: Callable[[], Outcome[Any] | None]) -> None:
        changed: Iterable[Topic | str] = (self.topic,)
        try:
            outcome = step()
            if outcome is not None and outcome.changed:
                changed = outcome.changed
        except Exception as exc:
            self.setObsolete(True)  # QUndoStack then removes it instead of recording it
            self._report(exc)
        finally:
            self._changes.notify_all(changed)
