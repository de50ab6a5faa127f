"""A database that is damaged, found on opening it or while working: the window offers its newest backups to restore."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QMessageBox

from ...core.errors import DatabaseDamaged

if TYPE_CHECKING:
    from pathlib import Path

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
    """The dialog listing the damaged database's newest backups; the database reopened once restored."""
    from ...app import database, recovery
    from ..dialogs.damaged_database import DamagedDatabaseDialog

    found = recovery.latest_backups(url)
    done: list[recovery.Restored] = []
    dialog = DamagedDatabaseDialog(damage, found, lambda path: done.append(recovery.restore(url, path)), window)
    if dialog.exec() != DamagedDatabaseDialog.DialogCode.Accepted or not done:
        return None
    opened = database.open(url)
    restored, aside = done[0].path, done[0].aside
    kept = f"\n\nThe damaged file was kept as {aside}." if aside is not None else ""
    QMessageBox.information(window, "Database restored", f"Restored {restored} from {dialog.restored}.{kept}")
    return opened


def restore_open_database(window: Shell, damage: DatabaseDamaged) -> QDialog:
    """Damage found while working: the same dialog; the database is closed for the restore, then opened again."""
    from ...app import recovery
    from ..dialogs.damaged_database import DamagedDatabaseDialog

    url = window.db.url
    found = recovery.latest_backups(url)

    def restore(path: Path) -> recovery.Restored:
        window.db.dispose()  # no pooled connection may write over the restored file
        return recovery.restore(url, path)

    dialog = DamagedDatabaseDialog(damage, found, restore, window)  # type: ignore[arg-type]
    if dialog.exec() == DamagedDatabaseDialog.DialogCode.Accepted:
        QTimer.singleShot(0, lambda: window.open_database_url(url))  # once the failed action has ended
    return dialog
