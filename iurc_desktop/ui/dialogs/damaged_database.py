"""A damaged database found on opening it: the newest backups of it, and Restore.

The damaged file is neither read nor changed; restoring keeps it aside as it is.
The restore itself is a callable given by the caller (the window's open path), so
the dialog only chooses and reports; a refused backup is said in the dialog.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from ...core.errors import DatabaseDamaged, IurcError
from ...core.local_times import stamp
from ...core.output_files import size_text

if TYPE_CHECKING:
    from ...app.recovery import FoundBackup

PATH_ROLE = Qt.ItemDataRole.UserRole


def backup_line(found: FoundBackup) -> str:
    """One backup as listed: when it was written (this computer's time), its name, size, folder, and an unknown source."""
    unknown = "  ·  source unknown" if not found.noted else ""
    return (f"{stamp(found.written.astimezone())}  ·  {found.path.name}  ·  {size_text(found.size)}  ·  "
            f"in {found.path.parent}{unknown}")


def listing_heading(backups: list[FoundBackup]) -> str:
    """What the list above the backups says: none found, or which of them are known to be of this database."""
    if not backups:
        return ("No backup of this database was found (none is noted as made of it, and none is in the backups "
                "folder beside it). Choose a backup file, if you have one elsewhere.")
    if all(found.noted for found in backups):
        return "&Backups of it, newest first:"
    return ("&Backups of it, newest first; a file marked “source unknown” lies beside it but is not noted as made "
            "of it: make sure it is this database's before restoring it:")


class DamagedDatabaseDialog(QDialog):
    """Lists the newest backups of a damaged database; Restore runs `restore(path)` and closes when it worked."""

    def __init__(self, damage: DatabaseDamaged, backups: list[FoundBackup], restore: Callable[[Path], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.damage, self.restore = damage, restore
        self.restored: Path | None = None
        self.choose_file = lambda: QFileDialog.getOpenFileName(
            self, "Restore from backup", str(damage.path.parent), "IURC databases (*.db);;All files (*)")[0]
        self.setWindowTitle("Damaged database")
        self.setAccessibleName("Damaged database")
        about = QLabel(
            f"<p>The database file <b>{html.escape(str(damage.path))}</b> is damaged: SQLite's own check found broken pages, "
            "so IURC Desktop did not read it or change it.</p>"
            "<p>Restore a backup to carry on. The damaged file is kept aside, as it is, beside the database; "
            "whatever changed since the backup was written has to be entered again.</p>"
        )
        about.setWordWrap(True)
        about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backups = QListWidget()
        self.backups.setAccessibleName("Backups, newest first")
        for found in backups:
            entry = QListWidgetItem(backup_line(found))
            entry.setData(PATH_ROLE, str(found.path))
            self.backups.addItem(entry)
        # only a backup known to be of this database is offered by default: one of unknown source is the user's choice
        noted = [row for row, found in enumerate(backups) if found.noted]
        self.backups.setCurrentRow(noted[0] if noted else -1)
        listed = QLabel(listing_heading(backups))
        listed.setWordWrap(True)
        listed.setBuddy(self.backups)
        self.backups.setVisible(bool(backups))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Why the restore failed")
        self.problem.setVisible(False)
        self.restore_button = QPushButton("&Restore")
        self.restore_button.setDefault(True)
        self.restore_button.setEnabled(bool(noted))
        self.backups.currentRowChanged.connect(lambda row: self.restore_button.setEnabled(row >= 0))
        self.restore_button.clicked.connect(self.restore_chosen)
        self.backups.itemDoubleClicked.connect(lambda _item: self.restore_chosen())
        other = QPushButton("Choose a backup &file…")
        other.clicked.connect(self.restore_other)
        quit_button = QPushButton("&Quit")
        quit_button.setAccessibleName("Quit without restoring")
        quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(other)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(quit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(listed)
        layout.addWidget(self.backups, 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.resize(760, 360)

    def chosen(self) -> Path | None:
        entry = self.backups.currentItem()
        return Path(entry.data(PATH_ROLE)) if entry is not None else None

    def restore_chosen(self) -> bool:
        """Restore the selected backup; True when it worked (the dialog is then accepted)."""
        chosen = self.chosen()
        return chosen is not None and self.restore_from(chosen)

    def restore_other(self) -> bool:
        chosen = self.choose_file()
        return bool(chosen) and self.restore_from(Path(chosen))

    def restore_from(self, path: Path) -> bool:
        """Restore `path`; a refused backup (damaged too, not a database) is said here and the dialog stays."""
        try:
            self.restore(path)
        except IurcError as exc:
            self.problem.setText(f"⚠ Not restored: {exc}")
            self.problem.setVisible(True)
            return False
        self.restored = path
        self.accept()
        return True
