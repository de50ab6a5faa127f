"""Undoable edits: each command calls a service in one transaction to do, and again to undo.

A window owns one `QUndoStack`; every edit in the GUI is a `ServiceCommand`
pushed onto it. The command keeps the old and new values as plain data, never
ORM objects. If the service refuses (a validation error, a locked database),
the error goes to the window's reporter and the command drops itself from the
stack, so the stack never claims an edit that did not happen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:  # the database layer (SQLAlchemy) loads after the window's first paint
    from sqlalchemy.orm import Session

    from ..core.db import Database

Reporter = Callable[[BaseException], None]


class Changes(QObject):
    """Tells pages that data of a kind ("events", "people", "organisations", …) changed."""

    changed = Signal(str)

    def notify(self, topic: str) -> None:
        self.changed.emit(topic)


class ServiceCommand(QUndoCommand):
    """Base of every edit: `apply(session)` does, `revert(session)` undoes; each runs in its own transaction."""

    topic = ""  # what kind of data changes, for the pages to refresh

    def __init__(self, db: Database, changes: Changes, report: Reporter, text: str) -> None:
        super().__init__(text)
        self._db = db
        self._changes = changes
        self._report = report

    def apply(self, session: Session) -> None:
        raise NotImplementedError

    def revert(self, session: Session) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, step: Callable[[Session], None]) -> None:
        try:
            with self._db.transaction() as session:
                step(session)
        except Exception as exc:
            self.setObsolete(True)  # QUndoStack then removes it instead of recording it
            self._report(exc)
        finally:
            self._changes.notify(self.topic)


class RenameEvent(ServiceCommand):
    """Change an event's title."""

    topic = "events"

    def __init__(self, db: Database, changes: Changes, report: Reporter, code: str, old: str, new: str,
                 *, version: int | None = None) -> None:
        super().__init__(db, changes, report, f"Rename event {code}")
        self.code, self.old, self.new = code, old, new
        self.seen = version  # the version the user was looking at; checked on the first save only

    def apply(self, session: Session) -> None:
        from ..core import editing

        self.old = editing.rename_event(session, self.code, self.new, expected_version=self.seen)
        self.seen = None  # redo after undo re-applies our own edit

    def revert(self, session: Session) -> None:
        from ..core import editing

        editing.rename_event(session, self.code, self.old)


class SetPersonField(ServiceCommand):
    """Change one free-text field of a person."""

    topic = "people"

    def __init__(self, db: Database, changes: Changes, report: Reporter, person_id: int, name: str,
                 field: str, old: str, new: str, *, version: int | None = None) -> None:
        super().__init__(db, changes, report, f"Edit {field.replace('_', ' ')} of {name}")
        self.person_id, self.field, self.old, self.new = person_id, field, old, new
        self.seen = version  # the version the user was looking at; checked on the first save only

    def apply(self, session: Session) -> None:
        from ..core import editing

        self.old = editing.set_person_field(session, self.person_id, self.field, self.new, expected_version=self.seen)
        self.seen = None  # redo after undo re-applies our own edit

    def revert(self, session: Session) -> None:
        from ..core import editing

        editing.set_person_field(session, self.person_id, self.field, self.old)
