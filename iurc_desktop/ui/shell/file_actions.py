"""File-menu actions of the main window: import, backups, restore, settings, the backup on close."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QMessageBox

from ...core.errors import IurcError
from ...core.progress import CancelToken, Progress

if TYPE_CHECKING:
    from ...app.backups import BackupInfo
    from .shell import Shell

log = logging.getLogger(__name__)
WIZARD_MODULE = "iurc_desktop.ui.dialogs.import_wizard"


def open_import(window: Shell, path: Path | None = None) -> Any:
    """The import wizard for the current event (and `path`, when a file was dropped)."""
    try:
        wizard = importlib.import_module(WIZARD_MODULE)
    except ModuleNotFoundError:
        window.report(IurcError(
            "The import wizard is not part of this version yet. Import from the command line instead:\n"
            f"iurc-desktop import {path or 'FILE'} --event CODE --dry-run"
        ))
        return None
    return wizard.open_import_wizard(window.ctx, window, event_code=window.current_event_code(), path=path)


def _backup_job(url: str, target: Path) -> Any:
    def job(progress: Progress, token: CancelToken) -> BackupInfo:
        from ...app import backups

        return backups.backup(url, target, progress=progress)

    return job


def backup_now(window: Shell, target: Path | None = None) -> Any:
    """A consistent copy of the open database, written on the worker."""
    if not window.db.is_sqlite:
        window.report(IurcError("Backups from the app are of SQLite files; back up a server database with its own tools (e.g. pg_dump)."))
        return None
    if target is None:
        folder = window.settings.backup_dir()
        folder.mkdir(parents=True, exist_ok=True)
        chosen, _ = QFileDialog.getSaveFileName(window, "Backup now", str(folder / "iurc-backup.db"), "IURC databases (*.db)")
        if not chosen:
            return None
        target = Path(chosen)
    return window.run_task(f"Backing up to {target.name}…", _backup_job(window.db.url, target),
                           on_success=lambda info: window.show_status(f"Backed up to {info.path} ({info.size // 1024} KB)"))


def restore_backup(window: Shell, source: Path | None = None, *, confirm: bool = True) -> Any:
    """Replace the open database by a checked backup; the current one is kept aside first."""
    from ...app import backups

    if not window.db.is_sqlite:
        window.report(IurcError("Restoring from the app works on SQLite files; restore a server database with its own tools."))
        return None
    if source is None:
        chosen, _ = QFileDialog.getOpenFileName(window, "Restore from backup", str(window.settings.backup_dir()), "IURC databases (*.db);;All files (*)")
        if not chosen:
            return None
        source = Path(chosen)
    try:
        backups.check_backup(source)  # refuse a bad file before asking anything
    except IurcError as exc:
        window.report(exc)
        return None
    if confirm and QMessageBox.question(
        window, "Restore from backup",
        f"Replace the open database with {source.name}?\n\nThe current database is kept aside beside it first.",
    ) != QMessageBox.StandardButton.Yes:
        return None
    url = window.db.url
    window.db.dispose()  # no pooled connection may write over the restored file

    def job(progress: Progress, token: CancelToken) -> backups.Restored:
        from ...app import recovery

        return recovery.restore(url, source, progress=progress)  # also over a file found damaged meanwhile

    def done(restored: backups.Restored) -> None:
        window.open_database_url(url)
        kept = f"; the previous database is kept as {restored.aside.name}" if restored.aside is not None else ""
        window.show_status(f"Restored {source.name}{kept}")
        if again := backups.erased_again_text(restored.erased_again):
            QMessageBox.information(window, "Restore from backup",
                                    f"{again}\n\nThe backup still held them; the erasure register keeps them erased.")

    return window.run_task(f"Restoring {source.name}…", job, on_success=done)


def open_settings(window: Shell, on_open: Any = None) -> Any:
    """The Settings dialog, window-modal; OK keeps and applies the new settings."""
    from ..dialogs.settings_dialog import SettingsDialog
    from ..widgets.record_form import open_dialog

    dialog = SettingsDialog(window.settings, window, tasks=window.tasks)
    dialog.accepted.connect(lambda: window.update_settings(dialog.result_settings))
    return open_dialog(dialog, on_open)


def backup_on_close(window: Shell) -> BackupInfo | None:
    """The rotating backup written when the window closes (SQLite only); a failure is logged, never blocks closing."""
    if not window.settings.backup_on_close or window.db is None or not window.db.is_sqlite:
        return None  # a window closed before its database opened has nothing to back up
    from ...app.backups import rotating_backup

    try:
        return rotating_backup(window.db.url, window.settings.backup_dir())
    except (IurcError, OSError) as exc:
        log.warning("automatic backup failed: %s", exc)
        window.show_status(f"The automatic backup failed: {exc}")
        return None
