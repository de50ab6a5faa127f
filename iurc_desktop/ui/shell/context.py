"""What every page needs from its window, handed down explicitly (no global application object)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack

from ..commands.base import Changes
from ..worker import TaskRunner

if TYPE_CHECKING:  # the database layer (SQLAlchemy) loads after the window's first paint
    from ...app.database import Database


@dataclass(frozen=True)
class Context:
    db: Database
    undo: QUndoStack
    tasks: TaskRunner
    changes: Changes
    viewer_zone: str  # IANA zone of the person looking at the screen
    report: Callable[[BaseException], None]  # shows an error to the user (ui.shell.errors.show_error)
    # Name and e-mail invites come from when an event has no organiser of its own: the settings' as they are now.
    organiser: Callable[[], tuple[str, str]] = lambda: ("", "")
    # Where the settings put backups (erasure looks there too); None: only the app's usual places.
    backup_folder: Callable[[], Path | None] = lambda: None
