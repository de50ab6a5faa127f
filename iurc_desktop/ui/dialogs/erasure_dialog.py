"""Confirmation before erasing a person: what erasure does, and the app's backups that still hold them."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from ...core import local_times
from ...core.output_files import size_text
from ..icons import icon

if TYPE_CHECKING:
    from ...app.erasure import HeldBackup


def consequences(name: str) -> str:
    """The plain words of what erasing does (the name shown as written, never read as markup)."""
    return (
        f"<p>Erase <b>{html.escape(name)}</b> for good?</p>"
        "<ul>"
        "<li>Names, e-mail, phone, passport, needs, notes, travel and stays leave this database; past events still "
        "count them, as “(erased person)”.</li>"
        "<li>Only a salted hash of the e-mail is kept, so that restoring a backup or copying a database erases them "
        "again.</li>"
        "<li>This cannot be undone, and the Edit menu's undo history is cleared: its steps may hold their data.</li>"
        "</ul>"
    )


def backup_line(backup: HeldBackup) -> str:
    """'Sun 6 Dec 2026 07:42 UTC — iurc-auto-….db (245 kB)', and ', source unknown' for one not noted as ours."""
    unknown = ", source unknown" if not backup.noted else ""
    return f"{local_times.moment(backup.made, year=True)} — {backup.path.name} ({size_text(backup.size)}{unknown})"


class ErasureDialog(QDialog):
    """Asks to confirm an erasure; `purge` says whether to rewrite the listed backups without the person."""

    def __init__(self, name: str, backups: Sequence[HeldBackup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backups = tuple(backups)
        self.setWindowTitle("Erase person")
        self.text = QLabel(consequences(name))
        self.text.setWordWrap(True)
        self.text.setAccessibleName("What erasing does")
        self.listing = QListWidget()
        self.listing.setAccessibleName("Backups that hold this person")
        for backup in self.backups:
            item = QListWidgetItem(backup_line(backup))
            item.setToolTip(str(backup.path))
            self.listing.addItem(item)
        self.listing.setMaximumHeight(140)
        self.purge_box = QCheckBox("Also erase from these &backups")
        self.purge_box.setToolTip("Each backup is rewritten without this person; everything else in it stays, "
                                  "and it can still be restored")
        self.purge_box.setChecked(bool(self.backups))
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        if self.backups:
            count = len(self.backups)
            heading = QLabel(f"{count} backup{'s' if count != 1 else ''} of this database still "
                             f"hold{'s' if count == 1 else ''} this person (oldest first):")
            heading.setBuddy(self.listing)
            layout.addWidget(heading)
            layout.addWidget(self.listing)
            layout.addWidget(self.purge_box)
            note = QLabel("Each is rewritten without this person; everything else in it stays and can still be restored.")
            note.setWordWrap(True)
            layout.addWidget(note)
        else:
            layout.addWidget(QLabel("No backup of this database holds this person."))
            self.listing.hide()
            self.purge_box.hide()
        self.confirm = QPushButton(icon("trash-2"), "&Erase person")
        self.confirm.setAutoDefault(False)  # Enter must not erase by accident
        self.confirm.clicked.connect(self.accept)
        self.keep = QPushButton("&Keep")
        self.keep.setDefault(True)
        self.keep.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.confirm)
        row.addWidget(self.keep)
        layout.addLayout(row)
        self.setMinimumWidth(560)
        self.keep.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def purge(self) -> bool:
        return bool(self.backups) and self.purge_box.isChecked()
