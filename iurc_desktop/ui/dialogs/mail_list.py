"""Mail lists: the e-mail addresses of a filtered set of participants, for the mail program people already use.

The To/Bcc form and the saved file are built by `exchange.mail_list` and saved by
`app.rosters.save_addresses`; `MailListDialog` is the Event-menu one.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
    QVBoxLayout, QWidget,
)

from ...core.errors import IurcError
from ...core.vocab import PARTICIPATION_STATUSES, ROLES
from ...exchange.mail_list import SEPARATOR, address_list, addresses
from ..pages.events_page import kind_label
from ..shell.context import Context

if TYPE_CHECKING:
    from ...exchange.mail_list import Addressee

__all__ = ["MailListDialog", "address_list", "addresses", "copy_addresses"]


def copy_addresses(rows: Iterable[Addressee], *, with_names: bool = True) -> int:
    """Put the list on the clipboard; returns how many addresses."""
    found = addresses(rows, with_names=with_names)
    QGuiApplication.clipboard().setText(SEPARATOR.join(found))
    return len(found)


def _combo(name: str, everything: str, values: Iterable[str]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem(everything, "")
    for value in values:
        combo.addItem(kind_label(value), value)
    return combo


class MailListDialog(QDialog):
    """Filter an event's participants by status, role and group; copy or save their addresses."""

    def __init__(self, ctx: Context, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.code = ctx, code
        from ...app import events

        self.rows: list[Addressee] = []
        groups = events.event_detail(ctx.db, code).group_names
        self.setWindowTitle(f"E-mail addresses · {code}")
        self.setAccessibleName("E-mail addresses")
        self.status = _combo("Status", "All statuses", PARTICIPATION_STATUSES)
        self.status.setCurrentIndex(self.status.findData("confirmed"))
        self.role = _combo("Role", "All roles", ROLES)
        self.group = _combo("Group", "All groups", groups)
        self.group.setEnabled(bool(groups))
        self.with_names = QCheckBox("Names with addresses")
        self.with_names.setChecked(True)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Addresses")
        self.text.setReadOnly(True)
        self.count = QLabel()
        self.count.setAccessibleName("Number of addresses")
        filters = QHBoxLayout()
        for widget in (self.status, self.role, self.group, self.with_names):
            filters.addWidget(widget)
        filters.addStretch(1)
        self.copy_button = QPushButton("&Copy to clipboard")
        self.copy_button.setDefault(True)
        self.copy_button.clicked.connect(self.copy)
        self.save_button = QPushButton("&Save as…")
        self.save_button.clicked.connect(lambda: self.save())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        for combo in (self.status, self.role, self.group):
            combo.currentIndexChanged.connect(self.reload)
        self.with_names.toggled.connect(lambda _on: self._show())
        self.reload()
        self.resize(720, 380)

    def reload(self) -> None:
        """Read the participants the filters select (filtered in SQL by the service)."""
        from ...app import rosters

        try:
            self.rows = list(rosters.mail_list_rows(self.ctx.db, self.code, **self._filters()))
        except IurcError as exc:
            self.ctx.report(exc)
            self.rows = []
        self._show()

    def _filters(self) -> dict[str, str | None]:
        return {"status": self.status.currentData() or None, "role": self.role.currentData() or None,
                "group": self.group.currentData() or None}

    def _show(self) -> None:
        found = addresses(self.rows, with_names=self.with_names.isChecked())
        self.text.setPlainText(SEPARATOR.join(found))
        missing = sum(1 for r in self.rows if not r.email)
        self.count.setText(f"{len(found)} addresses" + (f"; {missing} without an e-mail address" if missing else ""))
        self.copy_button.setEnabled(bool(found))
        self.save_button.setEnabled(bool(found))

    def copy(self) -> int:
        count = copy_addresses(self.rows, with_names=self.with_names.isChecked())
        self.count.setText(f"Copied {count} addresses: paste them into To or Bcc.")
        return count

    def save(self, path: Path | None = None) -> Path | None:
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, "Save addresses", f"{self.code}-addresses.txt",
                                                    "Text (*.txt);;Spreadsheet (*.csv)")
            if not chosen:
                return None
            path = Path(chosen)
        from ...app import rosters

        try:
            count = rosters.save_addresses(self.ctx.db, self.code, path, with_names=self.with_names.isChecked(),
                                           **self._filters())
        except OSError as exc:
            self.ctx.report(IurcError(f"Cannot write {path}: {exc.strerror or exc}."))
            return None
        except IurcError as exc:
            self.ctx.report(exc)
            return None
        self.count.setText(f"Saved {count} addresses to {path.name}.")
        return path
