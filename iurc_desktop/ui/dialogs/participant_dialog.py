"""Add a person to an event, or edit a participant: role, group, status, the person's needs, visa, notes.

Fields carry the programme file's names and go through its rules
(`app.registrations.add_participant` / `edit_participant`); a refusal shows
beside its field and goes when the field changes. Dietary and accessibility
needs are the person's own: changing them here changes them for every event.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from ...app.registrations import ParticipantForm, allowed_next
from ...core import vocab
from ...core.errors import IurcError
from ..commands.base import Reporter, ServiceCommand
from ..commands.participants import AddParticipant, EditParticipant
from ..models.participants import label
from ..shell.context import Context
from ..widgets.choices import ChoiceField
from ..widgets.record_form import RecordDialog, open_dialog

NO_GROUP = "No group"


def _combo(values: tuple[str, ...], current: str) -> QComboBox:
    combo = QComboBox()
    for value in values:
        combo.addItem(label(value) if value else NO_GROUP, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class ParticipantDialog(RecordDialog):
    """Adds a participant (no record) or edits one; stays open, messages beside the fields, while something is wrong."""

    def __init__(self, ctx: Context, form: ParticipantForm, parent: QWidget | None = None, *, name: str = "") -> None:
        self.data, self.record, self.name = form, form.record, name
        if self.record is None:
            title, intro = f"Add participant · {form.code}", (
                f"Add someone to {form.code}. Confirming when the event is full puts them on the waitlist.")
        else:
            title, intro = f"Participant · {name}", (
                f"<b>{name}</b> &lt;{self.record['person']}&gt; in {form.code}. "
                "Dietary and accessibility needs are the person's own, for every event.")
        super().__init__(ctx, title, parent, intro=intro)
        self.setAccessibleName("Participant editor" if self.record else "Add participant")
        self._build()
        self._watch()

    def _build(self) -> None:
        record = self.record or {"person": "", "role": "delegate", "status": "invited", "group": None,
                                 "visa_needed": False, "visa_status": "", "notes": ""}
        form = self.form
        self.person = ChoiceField(self.data.people)
        if self.record is None:
            self.person.lineEdit().setPlaceholderText("Type a name or e-mail…")
            self.person.setCurrentIndex(-1)
            form.add("person", "&Person", self.person, "Someone not in this event yet; new people are added on the People page.")
        self.role = form.add("role", "&Role", _combo(vocab.ROLES, record["role"]))
        self.group = _combo(("", *self.data.groups), record["group"] or "")
        if self.data.groups:
            form.add("group", "&Group", self.group)
        # Only the statuses a participant may move to next (see TRANSITIONS), the current one first.
        statuses = vocab.PARTICIPATION_STATUSES if self.record is None else (
            record["status"], *allowed_next(record["status"]))
        self.status = form.add("status", "&Status", _combo(tuple(statuses), record["status"]))
        self.dietary, self.accessibility = QLineEdit(), QLineEdit()
        if self.record is not None:
            self.dietary.setText(self.record["dietary"])
            self.accessibility.setText(self.record["accessibility"])
            form.add("dietary", "&Dietary", self.dietary)
            form.add("accessibility", "&Accessibility", self.accessibility)
        self.visa_needed = form.add("visa_needed", "&Visa", QCheckBox("needed for this trip"))
        self.visa_needed.setChecked(bool(record["visa_needed"]))
        # The state moves only as the visa rule allows, with its date and note: in the Visa dialog.
        self.visa_status = form.add("visa_status", "Visa s&tate", QLineEdit(record["visa_status"]),
                                    "Moved on with Visa… beside this participant (Ctrl+Shift+V).")
        self.visa_status.setReadOnly(True)
        self.notes = QPlainTextEdit(record["notes"])
        self.notes.setMaximumHeight(self.notes.fontMetrics().height() * 3 + 12)
        form.add("notes", "&Notes", self.notes)
        form.setMinimumWidth(480)

    def _watch(self) -> None:
        """A changed field loses its message: it may be fixed now."""
        for name, widget in self.form.fields.items():
            signal = next(getattr(widget, a) for a in ("currentTextChanged", "textChanged", "toggled") if hasattr(widget, a))
            signal.connect(lambda *_a, n=name: self._edited(n))

    def _edited(self, name: str) -> None:
        if name in self.form.problems:
            self.form.set_problem(name, "")
        self.show_message("")
        self.adjustSize()

    def values(self) -> dict[str, Any]:
        """Everything in the form, in the programme file's names."""
        out: dict[str, Any] = {
            "role": self.role.currentData(), "group": self.group.currentData() or None, "status": self.status.currentData(),
            "visa_needed": self.visa_needed.isChecked(), "visa_status": self.visa_status.text().strip(),
            "notes": self.notes.toPlainText().strip(),
        }
        if self.record is None:
            out["person"] = self.person.value()
        else:
            out.update(dietary=self.dietary.text().strip(), accessibility=self.accessibility.text().strip())
        return out

    def command(self, report: Reporter) -> ServiceCommand | None:
        values = self.values()
        if self.record is None:
            if not values["person"]:
                raise IurcError("person: type a name or e-mail and pick the person from the list.")
            return AddParticipant(self.ctx.db, self.ctx.changes, report, self.data.code, values)
        changes = {name: value for name, value in values.items() if value != self.record.get(name)}
        if not changes:
            return None
        return EditParticipant(self.ctx.db, self.ctx.changes, report, self.data.code, self.record["person"],
                               self.name, changes)


def open_participant_dialog(ctx: Context, parent: QWidget | None, code: str, email: str | None = None, name: str = "",
                            on_open: Callable[[ParticipantDialog], None] | None = None) -> ParticipantDialog | None:
    """Open the dialog adding a participant to `code` (no e-mail) or editing participant `email`; None if gone."""
    from ...app.registrations import participant_form

    try:
        form = participant_form(ctx.db, code, email)
    except IurcError as exc:
        ctx.report(exc)
        return None
    dialog = ParticipantDialog(ctx, form, parent, name=name)
    open_dialog(dialog, on_open)  # type: ignore[arg-type]
    return dialog
