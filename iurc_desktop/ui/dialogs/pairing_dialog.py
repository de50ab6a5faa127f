"""New and edit geographical pairing: an EU and a partner organisation, theme, status, fund application, notes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import QWidget

from ..commands.base import Reporter, ServiceCommand
from ..commands.keyed_records import AddRecord, EditRecord
from ..commands.organisations import PAIRING_STEPS
from ..icons import record_icon
from ..shell.context import Context
from ..widgets.record_form import RecordDialog
from .organisation_dialog import changed, line, notes_field, text_of
from .person_dialog import OrganisationField


class PairingDialog(RecordDialog):
    """Creates a pairing, or edits one (`entry`: the pairing as the programme file writes it)."""

    def __init__(self, ctx: Context, organisations: Sequence[tuple[str, str]], entry: Mapping[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        self.entry = dict(entry or {})
        super().__init__(ctx, f"Edit pairing · {self.entry['key']}" if entry else "New geographical pairing", parent,
                         intro="" if entry else "An EU city or region paired with one in Asia or Australasia.")
        self.setWindowIcon(record_icon("pairing"))
        self.form.setMinimumWidth(540)  # the frame sizes itself to its form: room for the messages
        e = self.entry
        self.eu = self.form.add("eu", "&EU partner", OrganisationField(organisations))
        self.eu.set_key(e.get("eu"))  # type: ignore[attr-defined]
        self.partner = self.form.add("partner", "&Partner", OrganisationField(organisations))
        self.partner.set_key(e.get("partner"))  # type: ignore[attr-defined]
        self.form.add("key", "&Key", line(e.get("key", ""), "short, no spaces: graz-aichi"))
        self.form.add("theme", "&Theme", line(e.get("theme", "")))
        self.form.add("status", "&Status", line(e.get("status", "active"), "active, completed…", 30))
        self.form.add("fund_application", "&Fund application", line(e.get("fund_application", ""), "e.g. submitted", 30),
                      "Its application to the programme's competitive fund.")
        self.form.add("notes", "N&otes", notes_field(e.get("notes", "")))
        self.eu.setFocus()

    def values(self) -> dict[str, Any]:
        values = {name: text_of(widget) for name, widget in self.form.fields.items() if name not in ("eu", "partner")}
        values["eu"], values["partner"] = self.eu.key(), self.partner.key()  # type: ignore[attr-defined]
        return values

    def command(self, report: Reporter) -> ServiceCommand | None:
        values = self.values()
        if not self.entry:
            fields = {k: v for k, v in values.items() if v}
            return AddRecord(self.ctx.db, self.ctx.changes, report, PAIRING_STEPS, fields, values["key"])
        changes = changed(self.entry, values)
        if not changes:
            return None
        return EditRecord(self.ctx.db, self.ctx.changes, report, PAIRING_STEPS, self.entry["key"], changes, self.entry["key"])
