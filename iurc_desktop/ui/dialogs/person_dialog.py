"""A person's fields in a form (the New person dialog and the person page share it), by the programme file's names.

Names in Latin script and in the person's own script, the order they are said
in, contact, organisation, nationality, passport expiry and needs. The use case
checks them by the programme file's rules; each refusal shows beside its field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from ...core import timeutil, vocab
from ..commands.base import Reporter, ServiceCommand
from ..commands.keyed_records import AddRecord
from ..commands.people import PERSON_STEPS
from ..icons import record_icon
from ..shell.context import Context
from ..widgets.record_form import DateField, RecordDialog, RecordForm
from .organisation_dialog import ChoiceField, changed, line, notes_field, text_of, worded

NOT_RECORDED = "not recorded"
AUTOMATIC = "Automatic (English)"
_EARLIEST = QDate(1900, 1, 1)  # the passport field's "not recorded"
# How an entry reads a field it leaves out.
BLANK: dict[str, Any] = {"name_order": "given_first", "organisation": None, "passport_expiry": None,
                         "preferred_language": None}
# The fields in the form's two halves; the needs are where the home page's to-dos lead.
IDENTITY = ("given_name", "family_name", "name_order", "local_name", "email", "phone", "organisation", "job_title",
            "gender", "nationality", "preferred_language")
NEEDS = ("dietary", "accessibility", "passport_expiry", "passport_number", "notes")


class ExpiryField(DateField):
    """A date that may be left unrecorded (shown as "not recorded")."""

    def __init__(self, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(None, parent)
        self.setMinimumDate(_EARLIEST)
        self.setSpecialValueText(NOT_RECORDED)
        self.set_expiry(value)

    def set_expiry(self, value: date | None) -> None:
        if value is None:
            self.setDate(_EARLIEST)
        else:
            self.set_value(value)

    def expiry(self) -> str | None:
        """The date as the programme file writes it, or None when not recorded."""
        return None if self.date() == _EARLIEST else timeutil.date_text(self.value())


class LanguageField(ChoiceField):
    """The language a person's e-mails are written in: one the templates exist in, or Automatic (English)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from ...app.mail import languages

        super().__init__([("", AUTOMATIC), *((code, f"{name} ({code})") for code, name in languages())], parent)

    def set_value(self, value: str | None) -> None:
        """Show `value`, adding a language no template is written in yet (set on the command line or in a file)."""
        if value and self.findData(value) < 0:
            self.addItem(value, value)
        super().set_value(value or "")

    def language(self) -> str | None:
        """The code chosen, None for Automatic."""
        return self.value() or None


class OrganisationField(QComboBox):
    """An organisation picked by name (typing finds it), or none."""

    def __init__(self, organisations: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxVisibleItems(20)
        self.set_choices(organisations)

    def set_choices(self, organisations: Sequence[tuple[str, str]]) -> None:
        """List these organisations (key, label), keeping the one chosen."""
        chosen = self.key()
        self.clear()
        self.addItem("(none)", None)
        for key, name in organisations:
            self.addItem(name, key)
        self.set_key(chosen)

    def key(self) -> str | None:
        return self.currentData() if self.count() else None

    def set_key(self, key: str | None) -> None:
        self.setCurrentIndex(max(self.findData(key), 0) if key else 0)


class PersonFields:
    """Every field of a person on one or two `RecordForm`s (identity and contact; needs and notes)."""

    def __init__(self, identity: RecordForm, needs: RecordForm, organisations: Sequence[tuple[str, str]]) -> None:
        self.forms = (identity, needs)
        identity.add("given_name", "&Given name", line(placeholder="in Latin script"))
        identity.add("family_name", "&Family name", line(placeholder="in Latin script"))
        identity.add("name_order", "Name &order", ChoiceField([("given_first", "given name first (Ane Etxeberria)"),
                                                                ("family_first", "family name first (Suzuki Hanako)")]))
        identity.add("local_name", "Name in own &script", line(placeholder="e.g. 鈴木花子, 김민준"))
        identity.add("email", "&E-mail", line(placeholder="name@example.org"))
        identity.add("phone", "&Phone", line(placeholder="+81 …", max_length=40))
        identity.add("organisation", "Organisation", OrganisationField(organisations))
        identity.add("job_title", "&Job title", line())
        identity.add("gender", "Gender", ChoiceField(worded(sorted(vocab.GENDERS, key=bool), "not recorded")))
        identity.add("nationality", "&Nationality", line(placeholder="two letters: JP, FR", max_length=2))
        identity.add("preferred_language", "&Mail language", LanguageField(),
                     "E-mails from templates are written in this language where the template exists in it, else in English.")
        needs.add("dietary", "&Dietary needs", line(placeholder="e.g. vegetarian, no pork; none"))
        needs.add("accessibility", "&Accessibility", line(placeholder="e.g. step-free access"))
        needs.add("passport_expiry", "Pass&port expires", ExpiryField(),
                  "Study visits abroad need it valid six months after the event.")
        needs.add("passport_number", "Passport n&umber", line(placeholder="as in the passport", max_length=40),
                  "A visa letter prints it only when you tick that at export.")
        needs.add("notes", "No&tes", notes_field())

    def set_organisations(self, organisations: Sequence[tuple[str, str]]) -> None:
        field = self.widget("organisation")
        assert isinstance(field, OrganisationField)
        field.set_choices(organisations)

    def on_change(self, slot: Callable[[], None]) -> None:
        """Call `slot` whenever any field changes."""
        for form in self.forms:
            for widget in form.fields.values():
                for signal in ("textChanged", "currentIndexChanged", "dateChanged"):
                    if hasattr(widget, signal):
                        getattr(widget, signal).connect(lambda *_args: slot())
                        break

    def widget(self, name: str) -> QWidget:
        return next(form.fields[name] for form in self.forms if name in form.fields)

    def values(self) -> dict[str, Any]:
        """Every field, by the programme file's names."""
        values: dict[str, Any] = {}
        for form in self.forms:
            for name, widget in form.fields.items():
                if isinstance(widget, ExpiryField):
                    values[name] = widget.expiry()
                elif isinstance(widget, LanguageField):
                    values[name] = widget.language()
                elif isinstance(widget, OrganisationField):
                    values[name] = widget.key()
                else:
                    values[name] = text_of(widget)
        return values

    def set_entry(self, entry: Mapping[str, Any]) -> None:
        """Show a stored person (as the programme file writes them)."""
        for form in self.forms:
            for name, widget in form.fields.items():
                value = entry.get(name, BLANK.get(name, ""))
                if isinstance(widget, ExpiryField):
                    widget.set_expiry(timeutil.parse_date(value) if value else None)
                elif isinstance(widget, OrganisationField):
                    widget.set_key(value)
                elif isinstance(widget, ChoiceField):
                    widget.set_value(value)
                elif hasattr(widget, "setPlainText"):
                    widget.setPlainText(value)
                else:
                    widget.setText(value)  # type: ignore[attr-defined]
        self.clear_problems()

    def changes(self, entry: Mapping[str, Any]) -> dict[str, Any]:
        """The fields that differ from the stored person."""
        return changed(entry, self.values(), BLANK)

    def show_problems(self, text: str) -> list[str]:
        """Each `field: message` line beside its field, whichever form holds it; the other lines back."""
        rest = text.splitlines()
        for form in self.forms:
            rest = form.show_problems("\n".join(rest))
        return rest

    def clear_problems(self) -> None:
        for form in self.forms:
            form.clear_problems()


def organisation_choices(ctx: Context) -> list[tuple[str, str]]:
    """Every organisation as (key, "name (own script)"), by name, for the organisation field."""
    from ...app.people import list_organisations

    return [(o.key, f"{o.name} ({o.local_name})" if o.local_name else o.name) for o in list_organisations(ctx.db)]


class PersonDialog(RecordDialog):
    """Creates a person; every field is also editable afterwards on the person's page."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "New person", parent,
                         intro="The e-mail names the person everywhere (imports, invitations, the command line).")
        self.setWindowIcon(record_icon("person"))
        self.needs = RecordForm()
        self.needs.setMinimumWidth(380)
        self.person = PersonFields(self.form, self.needs, organisation_choices(ctx))
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        at = layout.indexOf(self.form)
        layout.removeWidget(self.form)
        halves = QHBoxLayout()
        halves.setSpacing(24)
        halves.addWidget(self.form, 1, Qt.AlignmentFlag.AlignTop)
        halves.addWidget(self.needs, 1, Qt.AlignmentFlag.AlignTop)
        layout.insertLayout(at, halves)
        self.setMinimumWidth(900)
        self.person.widget("given_name").setFocus()

    def command(self, report: Reporter) -> ServiceCommand | None:
        values = self.person.values()
        fields = {k: v for k, v in values.items() if v and not (k == "name_order" and v == "given_first")}
        label = " ".join(x for x in (values["given_name"], values["family_name"]) if x) or values["email"]
        return AddRecord(self.ctx.db, self.ctx.changes, report, PERSON_STEPS, fields, label)

    def show_error(self, exc: BaseException) -> None:
        """A refusal beside the fields of both halves of the form."""
        from ...core.errors import IurcError

        if not isinstance(exc, IurcError):
            self.ctx.report(exc)
            return
        self.show_message("\n".join(self.person.show_problems(str(exc))))
        self.adjustSize()
