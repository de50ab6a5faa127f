"""Opening a database that may be damaged: the window offers its newest backups instead of only refusing it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from ...core.errors import DatabaseDamaged

if TYPE_CHECKING:
    from ...app.database import Database
    from .shell import Shell


def open_or_restore(window: Shell, url: str | None) -> Database | None:
    """The database at `url`; a damaged one first offers a restore (None: the user quit instead). Raises IurcError."""
    from ...app import database

    try:
        return database.open(url)
    except DatabaseDamaged as damage:
        return restore_damaged(window, damage, url)


def restore_damaged(window: Shell, damage: DatabaseDamaged, url: str | None) -> Database | None:
    """The dialog listing the damaged database's newest backups (the window's backup folder too); reopened once restored."""
    from ...app import database, recovery
    from ..dialogs.damaged_database import DamagedDatabaseDialog

    found = recovery.latest_backups(url, (window.settings.backup_dir(),))
    done: list[recovery.Restored] = []
    dialog = DamagedDatabaseDialog(damage, found, lambda path: done.append(recovery.restore(url, path)), window)
    if dialog.exec() != DamagedDatabaseDialog.DialogCode.Accepted or not done:
        return None
    opened = database.open(url)
    restored, aside = done[0].path, done[0].aside
    kept = f"\n\nThe damaged file was kept as {aside}." if aside is not None else ""
    QMessageBox.information(window, "Database restored", f"Restored {restored} from {dialog.restored}.{kept}")
    return opened
