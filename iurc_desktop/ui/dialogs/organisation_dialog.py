"""New and edit organisation: key, names in both scripts, kind, helix sector, country, zone, place, notes.

The fields are the programme file's; the use case checks them by the file's
rules and each refusal shows beside its field. A typed zone is checked while
typing (a region such as `Europe` is not a zone).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from ...core import vocab
from ...core.people.sectors import sector_of
from ..commands.base import Reporter, ServiceCommand
from ..commands.keyed_records import AddRecord, EditRecord
from ..commands.organisations import ORGANISATION_STEPS
from ..icons import record_icon
from ..shell.context import Context
from ..widgets.record_form import RecordDialog, ZoneField


class ChoiceField(QComboBox):
    """A choice among stored values, each shown in words ("national_body" as "national body")."""

    def __init__(self, values: Iterable[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for value, label in values:
            self.addItem(label, value)

    def value(self) -> str:
        return str(self.currentData() or "")

    def set_value(self, value: str) -> None:
        index = self.findData(value)
        self.setCurrentIndex(max(index, 0))


def worded(values: Iterable[str], empty: str = "") -> list[tuple[str, str]]:
    """Stored values with their words; the empty value shown as `empty`."""
    return [(v, v.replace("_", " ") if v else empty) for v in values]


def line(text: str = "", placeholder: str = "", max_length: int = 0) -> QLineEdit:
    field = QLineEdit(text)
    field.setPlaceholderText(placeholder)
    if max_length:
        field.setMaxLength(max_length)
    return field


def notes_field(text: str = "") -> QPlainTextEdit:
    field = QPlainTextEdit(text)
    field.setTabChangesFocus(True)
    field.setFixedHeight(field.fontMetrics().lineSpacing() * 3 + 12)
    return field


def text_of(widget: QWidget) -> str:
    """What a field holds, stripped, in the shape the use case takes."""
    if isinstance(widget, ChoiceField):
        return widget.value()
    if isinstance(widget, ZoneField):
        return widget.zone()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    return widget.text().strip()  # type: ignore[attr-defined]


def changed(entry: Mapping[str, Any], values: Mapping[str, Any], blank: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The values that differ from the stored entry (a field it leaves out reads as `blank`'s value, else "")."""
    blank = blank or {}
    return {k: v for k, v in values.items() if v != entry.get(k, blank.get(k, ""))}


class OrganisationDialog(RecordDialog):
    """Creates an organisation, or edits one (`entry`: the organisation as the programme file writes it)."""

    def __init__(self, ctx: Context, entry: Mapping[str, Any] | None = None, parent: QWidget | None = None) -> None:
        self.entry = dict(entry or {})
        title = f"Edit organisation · {self.entry['name']}" if entry else "New organisation"
        super().__init__(ctx, title, parent, intro="" if entry else
                         "A city, region or prefecture, or another body taking part.")
        self.setWindowIcon(record_icon("organisation"))
        self.form.setMinimumWidth(540)  # the frame sizes itself to its form: room for the messages
        e = self.entry
        form = self.form
        self.name = form.add("name", "&Name", line(e.get("name", ""), "e.g. Aichi Prefecture"))
        form.add("local_name", "Name in own &script", line(e.get("local_name", ""), "e.g. 愛知県"))
        form.add("key", "&Key", line(e.get("key", ""), "short, no spaces: aichi"),
                 "" if entry else "What commands and programme files call it.")
        kind = form.add("kind", "K&ind", ChoiceField(worded(vocab.ORGANISATION_KINDS)))
        kind.set_value(e.get("kind", "city"))  # type: ignore[attr-defined]
        sector = form.add("sector", "Helix s&ector", ChoiceField(worded(vocab.SECTORS)))
        sector.set_value(e.get("sector", "government"))  # type: ignore[attr-defined]
        if not entry:  # a new one's sector follows its kind until the user picks one
            self._sector_chosen = False
            sector.activated.connect(lambda _index: setattr(self, "_sector_chosen", True))
            kind.currentIndexChanged.connect(lambda _index: self._follow_kind())
        form.add("country", "&Country", line(e.get("country", ""), "two letters: JP, FR", 2))
        self.zone = form.add("zone", "&Time zone", ZoneField(e.get("zone", "")), "Type any part: kyo finds Asia/Tokyo.")
        form.add("place", "&Place", line(e.get("place", ""), "town or address"))
        form.add("notes", "N&otes", notes_field(e.get("notes", "")))
        self.zone.currentTextChanged.connect(lambda _text: self.live_check())  # type: ignore[attr-defined]
        self.name.setFocus()

    def values(self) -> dict[str, Any]:
        """Every field, by the programme file's names."""
        return {name: text_of(widget) for name, widget in self.form.fields.items()}

    def _follow_kind(self) -> None:
        if not self._sector_chosen:
            kind = self.form.fields["kind"]
            self.form.fields["sector"].set_value(sector_of(kind.value()))  # type: ignore[attr-defined]

    def live_check(self) -> bool:
        problem = self.zone.problem() if self.zone.zone() else ""  # type: ignore[attr-defined]
        if problem != self.form.problems["zone"].text():
            self.form.set_problem("zone", problem)
            self.adjustSize()  # wrapped messages need their height: grow rather than squeeze the fields
        return not problem

    def show_message(self, text: str) -> None:
        super().show_message(text)
        self.adjustSize()

    def command(self, report: Reporter) -> ServiceCommand | None:
        values = self.values()
        if not self.entry:
            fields = {k: v for k, v in values.items() if v}
            return AddRecord(self.ctx.db, self.ctx.changes, report, ORGANISATION_STEPS, fields, values["name"] or values["key"])
        changes = changed(self.entry, values)
        if not changes:
            return None
        return EditRecord(self.ctx.db, self.ctx.changes, report, ORGANISATION_STEPS, self.entry["key"], changes,
                          self.entry["name"])
