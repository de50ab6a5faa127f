"""New and edit thematic cluster: key, name, theme, description and its member cities and regions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ..commands.base import Reporter, ServiceCommand
from ..commands.keyed_records import AddRecord, EditRecord
from ..commands.organisations import CLUSTER_STEPS
from ..icons import record_icon
from ..shell.context import Context
from ..widgets.record_form import RecordDialog
from .organisation_dialog import changed, line, notes_field, text_of


class MembersField(QWidget):
    """Organisations ticked as members, with a filter line to find one among many."""

    def __init__(self, organisations: Sequence[tuple[str, str]], members: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Find an organisation…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Find a member")
        self.list = QListWidget()
        self.list.setAccessibleName("Members")
        for key, label in sorted(organisations, key=lambda o: o[0] not in members):  # members first
            entry = QListWidgetItem(label)
            entry.setData(Qt.ItemDataRole.UserRole, key)
            entry.setCheckState(Qt.CheckState.Checked if key in members else Qt.CheckState.Unchecked)
            self.list.addItem(entry)
        self.list.setMinimumHeight(self.list.sizeHintForRow(0) * 12 + 8 if organisations else 40)
        self.filter.textChanged.connect(self._filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)

    def _filter(self, text: str) -> None:
        wanted = text.casefold().strip()
        for row in range(self.list.count()):
            entry = self.list.item(row)
            entry.setHidden(bool(wanted) and wanted not in entry.text().casefold())

    def keys(self) -> list[str]:
        """The ticked organisations' keys, in list order."""
        return [self.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.list.count())
                if self.list.item(r).checkState() == Qt.CheckState.Checked]

    def set_checked(self, key: str, checked: bool = True) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.list.item(row).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


class ClusterDialog(RecordDialog):
    """Creates a cluster, or edits one (`entry`: the cluster as the programme file writes it)."""

    def __init__(self, ctx: Context, organisations: Sequence[tuple[str, str]], entry: Mapping[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        self.entry = dict(entry or {})
        super().__init__(ctx, f"Edit cluster · {self.entry['name']}" if entry else "New thematic cluster", parent,
                         intro="" if entry else "European and Asian or Australasian cities and regions working on one theme.")
        self.setWindowIcon(record_icon("cluster"))
        self.form.setMinimumWidth(540)  # the frame sizes itself to its form: room for the messages
        e = self.entry
        self.form.add("name", "&Name", line(e.get("name", ""), "e.g. Circular economy"))
        self.form.add("key", "&Key", line(e.get("key", ""), "short, no spaces: circular-economy"))
        self.form.add("theme", "&Theme", line(e.get("theme", "")))
        self.form.add("description", "&Description", notes_field(e.get("description", "")))
        self.members = self.form.add("members", "&Members", MembersField(organisations, e.get("members", [])))
        self.form.fields["name"].setFocus()

    def values(self) -> dict[str, Any]:
        values = {name: text_of(widget) for name, widget in self.form.fields.items() if name != "members"}
        values["members"] = sorted(self.members.keys())  # type: ignore[attr-defined]
        return values

    def command(self, report: Reporter) -> ServiceCommand | None:
        values = self.values()
        if not self.entry:
            fields = {k: v for k, v in values.items() if v or k == "members"}
            return AddRecord(self.ctx.db, self.ctx.changes, report, CLUSTER_STEPS, fields, values["name"] or values["key"])
        changes = changed(self.entry, values, {"members": []})
        if not changes:
            return None
        return EditRecord(self.ctx.db, self.ctx.changes, report, CLUSTER_STEPS, self.entry["key"], changes, self.entry["name"])
