"""The one place where an exception becomes a message to the user.

Domain errors (`IurcError`) are shown with their own text: it was written for a
person. A full disk says where to make room; another failing file (`OSError`)
says what to check. An edit refused for lack of rights says the database is
read-only. An edit conflict (someone else saved first) opens the conflict dialog
instead of a message box; a database found damaged while working, the dialog that
restores a backup. Anything else is a bug: a short message, with the
traceback as details to copy into a report. No SQL statement or parameter (a
person's data) reaches the message, its details or the log.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ...core.errors import Cancelled, DatabaseDamaged, IurcError, first_line, plain_error, redacted, summary

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    """What the user is told about an exception."""

    title: str
    text: str
    details: str  # "" when there is nothing worth copying
    severity: str  # "info", "warning" or "critical"


def describe(exc: BaseException) -> Message:
    """Turn an exception into a message; never raises."""
    if isinstance(exc, Cancelled):
        return Message("Cancelled", str(exc), "", "info")
    if isinstance(exc, IurcError):
        return Message("IURC Desktop", str(exc), "", "warning")
    plain = plain_error(exc)
    if plain is not None:
        return Message("IURC Desktop", str(plain), "", "warning")
    from ...app.team import refused_write

    details = redacted("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    if refused_write(exc):
        text = (f"The database refused the change: you may read it but not change it ({first_line(exc)}). "
                "Nothing was changed; ask the database's owner for write access.")
        return Message("Read-only database", text, "", "warning")
    if isinstance(exc, OSError) and exc.strerror:  # the disk or the folder, not a bug: say what to check
        where = f" {exc.filename}" if exc.filename else ""
        text = (f"Could not use the file{where}: {exc.strerror}.\n\nCheck that the folder exists, that you may "
                "write there and that the disk has room, then try again.")
        return Message("IURC Desktop", text, details, "warning")
    text = (
        "Something went wrong that IURC Desktop did not expect; your data was not changed by the "
        f"failed action.\n\n{summary(exc)}\n\nThe details below can be copied into a report."
    )
    return Message("Unexpected error", text, details, "critical")


_ICONS = {
    "info": QMessageBox.Icon.Information,
    "warning": QMessageBox.Icon.Warning,
    "critical": QMessageBox.Icon.Critical,
}


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox | QDialog:
    """Show `exc` to the user in a modal message box (an edit conflict in its dialog) and return it once closed."""
    conflict_dialog = _conflict_dialog(parent, exc)
    if conflict_dialog is not None:
        conflict_dialog.exec()
        return conflict_dialog
    window = parent.window() if parent is not None else None
    if isinstance(exc, DatabaseDamaged) and getattr(window, "db", None) is not None:
        from .damaged import restore_open_database

        return restore_open_database(window, exc)  # type: ignore[arg-type]
    message = describe(exc)
    if message.severity == "critical":
        log.error("unexpected error\n%s", message.details)  # redacted: the raw traceback would carry the SQL
    box = QMessageBox(_ICONS[message.severity], message.title, message.text, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName("Error message")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # so it can be copied
    if message.details:
        box.setDetailedText(message.details)
    box.exec()
    return box


def _conflict_dialog(parent: QWidget | None, exc: BaseException) -> QDialog | None:
    """The edit-conflict dialog for `exc`, when it is one and the window can reload and apply."""
    from ...core.team.concurrency import EditConflict

    window = parent.window() if parent is not None else None
    if not isinstance(exc, EditConflict) or not all(hasattr(window, name) for name in ("db", "changes", "report")):
        return None
    from ..dialogs.edit_conflict import EditConflictDialog

    return EditConflictDialog(exc, window.db, window.changes, window.report, parent)  # type: ignore[union-attr]
