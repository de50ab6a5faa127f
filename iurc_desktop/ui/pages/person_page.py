"""A person's page: who they are, what they need, every event they are in, their travel and hotel stays.

Every field of the person is editable in the Details form below the summary:
Save pushes one undoable edit checked against the version the page showed (so
nobody's change is silently overwritten), Revert shows the stored values again,
and a refused value shows beside its field. `focus_field("dietary")` takes the
user straight to a field (the home page's to-dos lead there).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog, QFormLayout, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QTableView, QVBoxLayout, QWidget,
)

from ...app.changes import Topic
from ...app.people import PersonRecord, PersonSummary, person_record, person_summary_of
from ...core import local_times, timeutil
from ...core.errors import Conflict, IurcError
from ..commands.keyed_records import EditRecord, RemoveRecord
from ..commands.people import PERSON_STEPS
from ..dialogs.erasure_dialog import ErasureDialog
from ..dialogs.person_dialog import PersonFields, organisation_choices
from ..icons import icon
from ..models.outbox import send_log_columns
from ..models.table import Column, RowsTableModel
from ..shell.context import Context
from ..shell.palette import ProblemLabel
from ..widgets.record_form import RecordForm, Relay
from .events_page import kind_label
from .list_page import back_button, fit_columns, make_table
from .record_actions import ask, page_action, push

if TYPE_CHECKING:
    from ...core.people.summary import EventPart

TOPICS = (Topic.PEOPLE, Topic.PARTICIPANTS, Topic.TRAVEL, Topic.STAYS, Topic.EVENTS, Topic.OUTBOX)


def local_time(value: datetime) -> str:
    """'Sat 19 Nov 2022 23:25 CET': a leg's end on its own clock."""
    return local_times.moment(value, year=True)


def viewer_time(value: datetime, viewer_zone: str) -> str:
    """The same instant on the viewer's clock, or '' when it reads the same."""
    mine = timeutil.to_local(value, viewer_zone)
    if mine.replace(tzinfo=None) == value.replace(tzinfo=None):
        return ""
    return f"{local_times.short_day(mine.date())} {local_times.clock(mine)}"


def status_text(part: EventPart) -> str:
    """'waitlisted (#2)', 'confirmed'."""
    return f"{part.status} (#{part.waitlist_position})" if part.status == "waitlisted" and part.waitlist_position else part.status


def needs_text(part: EventPart) -> str:
    """What this event asks of the person beyond a seat: visa, a passport valid long enough."""
    needs = []
    if part.visa_needed:
        needs.append(f"visa: {part.visa_status or 'not applied'}")
    if part.passport_short:
        needs.append("passport expires too soon")
    return "; ".join(needs)


def event_columns() -> tuple[Column, ...]:
    return (
        Column("Dates", lambda p: local_times.date_range(p.start, p.end), tooltip="local dates in the event's zone"),
        Column("Event", "event_title"),
        Column("Kind", "event_kind", fmt=kind_label),
        Column("Role", "role"),
        Column("Status", status_text),
        Column("Group", "group"),
        Column("Needs", needs_text, tooltip="visa and passport for this event"),
        Column("Code", "event_code"),
    )


def leg_columns(viewer_zone: str) -> tuple[Column, ...]:
    return (
        Column("Event", "event_code"),
        Column("Leg", "label"),
        Column("From", "from_place"),
        Column("Departs (local)", lambda leg: local_time(leg.depart), tooltip="on the clock where the leg departs"),
        Column("To", "to_place"),
        Column("Arrives (local)", lambda leg: local_time(leg.arrive), tooltip="on the clock where the leg arrives"),
        Column("Arrives, your time", lambda leg: viewer_time(leg.arrive, viewer_zone), tooltip=f"in {viewer_zone}"),
        Column("Booking", "booking_ref"),
    )


def stay_columns() -> tuple[Column, ...]:
    day = lambda d: local_times.day(d) if isinstance(d, date) else ""  # noqa: E731
    return (
        Column("Event", "event_code"),
        Column("Hotel", "hotel"),
        Column("Check-in", "check_in", fmt=day),
        Column("Check-out", "check_out", fmt=day),
        Column("Nights", "nights", numeric=True),
        Column("Room", "room"),
        Column("Shares with", "shares_with"),
    )


class PersonPage(QWidget):
    """Shows one person's summary; `show_person(id)` loads it, Back returns to where the user was."""

    title = "Person"
    status = Signal(str)
    open_target = Signal(str, str, str)  # event code, where ("person", "travel"), e-mail
    back_requested = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id: int | None = None
        self.summary: PersonSummary | None = None
        self.back_button = back_button()
        self.back_button.clicked.connect(self.back_requested)
        self.remove_button = QPushButton(icon("trash-2"), "Re&move person…")
        self.remove_button.setToolTip("Remove this person with their participations, travel and stays (undoable)")
        self.remove_button.clicked.connect(self.remove)
        self.erase_button = QPushButton(icon("ban"), "Er&ase person…")
        self.erase_button.clicked.connect(self.erase)
        self.confirm = lambda title, text: ask(self, title, text)
        self.confirm_erasure: Callable[[ErasureDialog], bool] = lambda dialog: dialog.exec() == QDialog.DialogCode.Accepted
        self.heading = QLabel()
        self.heading.setAccessibleName("Person's name")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        self.subheading = QLabel()
        self.subheading.setAccessibleName("Organisation and job title")
        self.contact = _form("Contact")
        self.needs = _form("Needs")
        self.events_model = RowsTableModel(event_columns(), parent=self)
        self.legs_model = RowsTableModel(leg_columns(ctx.viewer_zone), parent=self)
        self.stays_model = RowsTableModel(stay_columns(), parent=self)
        self.events_table = self._table("Events of this person", self.events_model, "Double-click: the event's participants, filtered to this person")
        self.legs_table = self._table("Travel legs of this person", self.legs_model, "Double-click: the event's travel and stays")
        self.stays_table = self._table("Hotel stays of this person", self.stays_model, "Double-click: the event's travel and stays")
        self.messages_model = RowsTableModel(send_log_columns(ctx.viewer_zone), parent=self)
        self.messages_table = self._table("Messages to this person", self.messages_model,
                                          "What the outbox sent or holds for this person (the Outbox page lists all)")
        self.events_title, self.legs_title, self.stays_title = QLabel(), QLabel(), QLabel()
        self.messages_title = QLabel()
        self.record: PersonRecord | None = None
        self.details = (RecordForm(), RecordForm())
        self.person_fields: PersonFields | None = None  # built on the first person shown (it lists the organisations)
        self._holding = False
        self.save_action = page_action(self, "&Save", "save", QKeySequence.StandardKey.Save, self.save,
                                       context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_button = QPushButton(icon("save"), "&Save")
        self.save_button.setToolTip(self.save_action.toolTip())
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(icon("undo-2"), "Re&vert")
        self.revert_button.setToolTip("Show the stored values again, dropping what you typed")
        self.revert_button.clicked.connect(self.revert)
        self.details_message = ProblemLabel("Details problem")
        self.details_message.setVisible(False)
        self.events_table.activated.connect(lambda index: self._activated(self.events_model, index, "person"))
        self.visa_button = QPushButton(icon("globe"), "Visa…")
        self.visa_button.setToolTip("The visa for the selected event: its state, application deadline and history;"
                                    " move it on (Ctrl+Shift+V)")
        self.visa_button.clicked.connect(self.open_visa)
        visa_key = QShortcut(QKeySequence("Ctrl+Shift+V"), self.events_table)
        visa_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        visa_key.activated.connect(self.open_visa)
        self.legs_table.activated.connect(lambda index: self._activated(self.legs_model, index, "travel"))
        self.stays_table.activated.connect(lambda index: self._activated(self.stays_model, index, "travel"))
        self._lay_out()
        ctx.changes.changed.connect(self._on_changed)

    def _table(self, name: str, model: RowsTableModel, tip: str) -> QTableView:
        table = make_table(name)
        table.setModel(model)
        table.setToolTip(tip)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # as tall as its rows: the page scrolls
        return table

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        top.addWidget(self.remove_button)
        top.addWidget(self.erase_button)
        details = QGridLayout()
        details.addWidget(self.contact.box, 0, 0)
        details.addWidget(self.needs.box, 0, 1)
        details.setColumnStretch(0, 1)
        details.setColumnStretch(1, 1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addLayout(details)
        layout.addSpacing(10)
        layout.addWidget(QLabel("<b>Details</b> — every field can be changed here; Save (Ctrl+S) can be undone"))
        halves = QHBoxLayout()
        halves.setSpacing(24)
        for form in self.details:
            halves.addWidget(form, 1, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(halves)
        layout.addWidget(self.details_message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        for title, table in ((self.events_title, self.events_table), (self.legs_title, self.legs_table),
                             (self.stays_title, self.stays_table), (self.messages_title, self.messages_table)):
            layout.addSpacing(6)
            layout.addWidget(title)
            layout.addWidget(table)
            if table is self.events_table:
                layout.addWidget(self.visa_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

    def show_person(self, person_id: int) -> PersonSummary:
        """Read and show the person; raises NotFound when they are gone (merged or erased)."""
        from ...app.outbox import messages_for

        summary = person_summary_of(self.ctx.db, person_id)
        record = person_record(self.ctx.db, person_id)
        messages = messages_for(self.ctx.db, person_id=person_id)
        other = person_id != self.person_id
        self.person_id = person_id
        self._fill(summary)
        self._set_rows(self.messages_title, "Messages", self.messages_table, self.messages_model, messages, 1)
        self._fill_details(record, force=other)
        return summary

    def _fill_details(self, record: PersonRecord, *, force: bool) -> None:
        """Show the stored fields, unless the user is typing changes (kept, with the version they saw) or saving."""
        if self.person_fields is None:
            self.person_fields = PersonFields(*self.details, organisation_choices(self.ctx))
            self.person_fields.on_change(self._show_unsaved)
        elif self._holding or (not force and self.record is not None and self.person_fields.changes(self.record.entry)):
            return
        else:
            self.person_fields.set_organisations(organisation_choices(self.ctx))  # some may be new
        self.record = record
        self.person_fields.set_entry(record.entry)
        self._show_details_message("")
        self._show_unsaved()

    def _show_unsaved(self) -> None:
        """Save and Revert only mean something once a field differs from what is stored."""
        unsaved = bool(self.person_fields and self.record and self.person_fields.changes(self.record.entry))
        self.save_button.setEnabled(unsaved)
        self.revert_button.setEnabled(unsaved)

    def focus_field(self, name: str) -> None:
        """Put the cursor in field `name` (its programme-file name: "dietary", "passport_expiry", ...) and show it."""
        assert self.person_fields is not None, "show a person first"
        widget = self.person_fields.widget(name)
        self.scroll.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        """Save what changed as one undoable edit; a refused value shows beside its field."""
        if self.person_fields is None or self.record is None:
            return
        changes = self.person_fields.changes(self.record.entry)
        if not changes:
            self.status.emit("Nothing to save: no field was changed.")
            return
        self.person_fields.clear_problems()
        self._show_details_message("")
        relay = Relay(self._refused)
        name = self.summary.card.name if self.summary else self.record.entry.get("email", "")
        command = EditRecord(self.ctx.db, self.ctx.changes, relay, PERSON_STEPS, self.record.id, changes, name,
                             version=self.record.version)
        self._holding = True  # the refresh the edit causes must not replace what the user typed if it is refused
        try:
            self.ctx.undo.push(command)
        finally:
            self._holding = False
        relay.target = self.ctx.report  # later undo/redo report to the window
        if not relay.failed:
            self.revert()
            self.status.emit(command.status)

    def remove(self) -> None:
        """Remove the person shown (asking first when they take part in events), then go back."""
        from .people_page import removal_question

        if self.person_id is None or self.summary is None:
            return
        name = self.summary.card.name
        question = removal_question(name, self.summary)
        if question and not self.confirm("Remove person", question):
            return
        person_id, self.person_id = self.person_id, None  # the refresh the removal causes must not look for them
        done = push(self.ctx, RemoveRecord(self.ctx.db, self.ctx.changes, self.ctx.report, PERSON_STEPS, person_id, name))
        if not done:
            self.person_id = person_id
            return
        self.status.emit(done)
        self.back_requested.emit()

    def erase(self) -> None:
        """Erase the person shown, once confirmed; rewrite the app's backups that hold them if asked, then go back."""
        from ...app.erasure import backups_holding, erase_person

        if self.person_id is None or self.summary is None:
            return
        email = self.summary.card.email
        if not email:
            return  # the button is disabled, and says why
        folder = self.ctx.backup_folder()
        held = backups_holding(self.ctx.db.url, email, [folder] if folder else [])
        dialog = ErasureDialog(self.summary.card.name, held, self)
        if not self.confirm_erasure(dialog):
            return
        try:
            outcome = erase_person(self.ctx.db, email)
        except IurcError as exc:
            self.ctx.report(exc)
            return
        self.person_id = None  # the row is now "(erased person)": nothing of them left to show
        self.ctx.undo.clear()  # its steps may hold the person's data, and could write it back
        self.ctx.changes.notify_all(outcome.changed)
        self.status.emit("Erased the person." + ("" if outcome.value.log_truncated else
                         " The old data leaves the database's log once other programs close it."))
        if dialog.purge:
            self._purge_backups(email, [backup.path for backup in held])
        self.back_requested.emit()

    def _purge_backups(self, email: str, paths: list[Path]) -> None:
        """Rewrite the backups without the person, on the worker; say how it went."""
        from ...app.erasure import Purged, purge_backups

        def done(purged: Purged) -> None:
            self.status.emit(f"Erased the person from {len(purged.rewritten)} of {len(paths)} backups.")
            if purged.failed:
                self.ctx.report(IurcError("These backups still hold the person:\n"
                                          + "\n".join(f"{path}: {why}" for path, why in purged.failed)))

        task = self.ctx.tasks.submit("Erasing the person from backups…", lambda _progress, _token: purge_backups(email, paths))
        task.finished.connect(done)
        task.failed.connect(self.ctx.report)

    def _refused(self, exc: BaseException) -> None:
        """A value the rules refuse shows beside its field; a conflict or failure goes to the window."""
        if isinstance(exc, IurcError) and not isinstance(exc, Conflict):
            assert self.person_fields is not None
            self._show_details_message("\n".join(self.person_fields.show_problems(str(exc))))
        else:
            self.ctx.report(exc)

    def revert(self) -> None:
        """Show the stored values again."""
        if self.person_id is None:
            return
        try:
            self._fill_details(person_record(self.ctx.db, self.person_id), force=True)
        except IurcError as exc:
            self.ctx.report(exc)

    def _show_details_message(self, text: str) -> None:
        self.details_message.setText(text)
        self.details_message.setVisible(bool(text))

    def refresh(self) -> None:
        if self.person_id is not None:
            try:
                self.show_person(self.person_id)
            except Exception as exc:  # gone since: say so, keep the last view
                self.ctx.report(exc)

    def _on_changed(self, topic: Topic) -> None:
        if topic.concerns(*TOPICS) and self.isVisible():
            self.refresh()

    def _fill(self, s: PersonSummary) -> None:
        self.summary = s
        card = s.card
        self.erase_button.setEnabled(bool(card.email))
        self.erase_button.setToolTip(
            "Erase this person's personal data for good (not undoable); offers to erase them from the app's backups too"
            if card.email else "Erasure finds a person by e-mail, and this one has none (erased already, or never given)")
        self.heading.setText(card.name + (f"  ·  {card.local_name}" if card.local_name else ""))
        org = card.organisation + (f" ({s.organisation_local})" if s.organisation_local else "")
        self.subheading.setText(" — ".join(x for x in (card.job_title, org, card.country) if x) or "No organisation recorded")
        self.contact.fill([("E-mail", card.email), ("Phone", card.phone), ("Nationality", card.nationality),
                           ("Gender", s.gender), ("Notes", s.notes)])
        self.needs.fill([("Dietary", card.dietary or _missing()), ("Accessibility", s.accessibility or "none recorded"),
                         ("Passport expires", _passport(card.passport_expiry, s.events)),
                         ("Visa", _visas(s.events))])
        self._set_rows(self.events_title, "Events", self.events_table, self.events_model, s.events, 1)
        self.visa_button.setVisible(bool(s.events) and bool(card.email))
        self._set_rows(self.legs_title, "Travel", self.legs_table, self.legs_model, s.legs, 7)
        self._set_rows(self.stays_title, "Hotel stays", self.stays_table, self.stays_model, s.stays, 6)
        counts = (_count(len(s.events), "event"), _count(len(s.legs), "travel leg"), _count(len(s.stays), "hotel stay"))
        self.status.emit(f"{card.name}: {', '.join(counts)}")

    @staticmethod
    def _set_rows(title: QLabel, text: str, table: QTableView, model: RowsTableModel, rows: Sequence[object], stretch: int) -> None:
        model.set_rows(rows)
        title.setText(f"<b>{text}</b> ({len(rows)})" if rows else f"<b>{text}</b> — none")
        table.setVisible(bool(rows))
        fit_columns(table, stretch, 44)
        shown = max(1, len(rows))
        height = table.horizontalHeader().sizeHint().height() + shown * table.verticalHeader().defaultSectionSize()
        table.setFixedHeight(height + 2 * table.frameWidth())

    def open_visa(self) -> None:
        """The visa dialog of the selected event's participation (the first event when none is selected)."""
        if self.summary is None or not self.summary.card.email or not self.summary.events:
            return
        rows = self.events_table.selectionModel().selectedRows()
        part = self.events_model.row_at(rows[0].row() if rows else 0)
        if part is None:
            return
        from ..dialogs.visa_dialog import open_visa_dialog

        self.visa_dialog = open_visa_dialog(self.ctx, self, part.event_code, self.summary.card.email)

    def _activated(self, model: RowsTableModel, index: QModelIndex, where: str) -> None:
        row = model.row_at(index.row())
        if row is not None and self.summary is not None:
            self.open_target.emit(row.event_code, where, self.summary.card.email)  # type: ignore[attr-defined]


class _Form:
    """A titled box of label: value rows that can be refilled."""

    def __init__(self, title: str) -> None:
        self.box = QWidget()
        self.box.setAccessibleName(title)
        outer = QVBoxLayout(self.box)
        outer.setContentsMargins(0, 8, 12, 0)
        outer.addWidget(QLabel(f"<b>{title}</b>"))
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.form)
        outer.addStretch(1)

    def fill(self, rows: Sequence[tuple[str, str]]) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        for label, value in rows:
            if not value:
                continue
            field = QLabel(value)
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setAccessibleName(label)
            self.form.addRow(f"{label}:", field)

    def values(self) -> dict[str, str]:
        """The shown rows as label → text (for tests and accessibility checks)."""
        found = {}
        for row in range(self.form.rowCount()):
            label = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
            field = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget()
            found[label.text().rstrip(":")] = field.text()  # type: ignore[attr-defined]
        return found


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _form(title: str) -> _Form:
    return _Form(title)


def _missing() -> str:
    return "not asked yet"


def _passport(expiry: date | None, events: Sequence[EventPart]) -> str:
    if expiry is None:
        needed = any(e.event_kind == "study_visit" for e in events)
        return "not recorded — needed for study visits" if needed else "not recorded"
    short = [e.event_code for e in events if e.passport_short]
    return local_times.calendar_date(expiry) + (f" — too soon for {', '.join(short)}: ask for a renewal" if short else "")


def _visas(events: Sequence[EventPart]) -> str:
    return "; ".join(f"{e.event_code}: {e.visa_status or 'not applied'}" for e in events if e.visa_needed)
