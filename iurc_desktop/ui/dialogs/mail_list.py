"""Mail lists: the e-mail addresses of a filtered set of participants, for the mail program people already use.

`address_list(rows)` gives the To/Bcc form ("Name <email>; …"); `write_address_file`
saves it as .txt (that line) or .csv (name, e-mail, organisation, status; formula-safe).
Any participants view can call them with its own rows; `MailListDialog` is the Event-menu one.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
    QVBoxLayout, QWidget,
)

from ...core.errors import IurcError
from ...core.events import get_event
from ...core.registrations import RegistrationRow, list_registrations
from ...core.vocab import PARTICIPATION_STATUSES, ROLES
from ...exchange.csv_writer import neutralise
from ..context import Context
from ..pages.events_page import kind_label

SEPARATOR = "; "  # what Outlook expects; Gmail, Apple Mail and Thunderbird accept it too
SPECIALS = set('()<>[]:;@\\,."')


def _quoted(name: str) -> str:
    """A display name as RFC 5322 wants it: quoted when it holds a comma, dot or other special."""
    if any(ch in SPECIALS for ch in name):
        return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return name


def addresses(rows: Iterable[RegistrationRow], *, with_names: bool = True) -> list[str]:
    """One entry per distinct e-mail address, in order; people without an address are left out."""
    seen: set[str] = set()
    out = []
    for row in rows:
        email = row.email.strip()
        if not email or email.lower() in seen:
            continue
        seen.add(email.lower())
        out.append(f"{_quoted(row.name)} <{email}>" if with_names and row.name else email)
    return out


def address_list(rows: Iterable[RegistrationRow], *, with_names: bool = True) -> str:
    """'Ane Etxeberria <ane@example.eus>; Kim Minjun <minjun@example.kr>' for a To or Bcc field."""
    return SEPARATOR.join(addresses(rows, with_names=with_names))


def copy_addresses(rows: Iterable[RegistrationRow], *, with_names: bool = True) -> int:
    """Put the list on the clipboard; returns how many addresses."""
    found = addresses(rows, with_names=with_names)
    QGuiApplication.clipboard().setText(SEPARATOR.join(found))
    return len(found)


def write_address_file(rows: Sequence[RegistrationRow], path: Path, *, with_names: bool = True) -> int:
    """Save as .txt (the To/Bcc line) or .csv (a table), atomically; returns how many addresses."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    if path.suffix.lower() == ".csv":
        seen: set[str] = set()
        with partial.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["Name", "E-mail", "Organisation", "Role", "Status", "Group"])
            for row in rows:
                if row.email and row.email.lower() not in seen:
                    seen.add(row.email.lower())
                    writer.writerow([neutralise(v) for v in (row.name, row.email, row.organisation, row.role, row.status, row.group)])
        count = len(seen)
    else:
        text = address_list(rows, with_names=with_names)
        partial.write_text(text + "\n", encoding="utf-8")
        count = len(addresses(rows, with_names=with_names))
    os.replace(partial, path)
    return count


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
        self.rows: list[RegistrationRow] = []
        with ctx.db.reading() as session:
            groups = get_event(session, code).group_names
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
        try:
            with self.ctx.db.reading() as session:
                self.rows = list_registrations(session, self.code, status=self.status.currentData() or None,
                                               role=self.role.currentData() or None, group=self.group.currentData() or None)
        except IurcError as exc:
            self.ctx.report(exc)
            self.rows = []
        self._show()

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
        try:
            count = write_address_file(self.rows, path, with_names=self.with_names.isChecked())
        except OSError as exc:
            self.ctx.report(IurcError(f"Cannot write {path}: {exc.strerror or exc}."))
            return None
        self.count.setText(f"Saved {count} addresses to {path.name}.")
        return path
