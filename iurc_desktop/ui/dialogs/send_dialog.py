"""The Send dialog: a template (or a free message), its recipients, each one's preview; then queue, and send.

Opened from an event's Exports tab (Send…, beside the e-mail export) and from
its Participants tab (Mail…, for the selected participants). Queueing is one
transaction and one undoable step (undo cancels the messages it queued);
"Queue and send" then sends on the worker with progress and Cancel.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPlainTextEdit, QPushButton, QSizePolicy, QSplitter, QVBoxLayout, QWidget,
)

from ...app.calendars import Organiser
from ...core.counts import counted
from ...core.errors import IurcError
from ..commands.outbox import QueueMessages
from ..shell.palette import ProblemLabel
from ..widgets.record_form import Relay

if TYPE_CHECKING:
    from ...app.mail import RecipientRow
    from ..shell.context import Context

FREE = ""  # the template combo's "free message" choice


class SendDialog(QDialog):
    """Compose for one event's recipients, preview each, queue (undoable) and optionally send now."""

    queued = Signal(object)  # the QueueMessages command that queued: its ids, and whom it skipped
    send_requested = Signal(object)  # "Queue and send" after a queue that worked: the ids it queued (only those go)

    def __init__(self, ctx: Context, code: str, parent: QWidget | None = None, *, emails: Sequence[str] = (),
                 template: str | None = None, item: str | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.code, self.emails = ctx, code, tuple(emails)
        self.item = item  # a template's message about this one item only (the Exports tab's choice)
        self.recipients_shown: list[RecipientRow] = []
        self.setWindowTitle(f"Send to participants of {code}")
        self.setAccessibleName("Send messages")
        self.template = QComboBox()
        self.template.setAccessibleName("Template")
        self.to = QLineEdit()
        self.to.setAccessibleName("Recipients filter")
        self.to.setClearButtonEnabled(True)
        self.subject = QLineEdit()
        self.subject.setAccessibleName("Subject")
        self.body = QPlainTextEdit()
        self.body.setAccessibleName("Message text")
        self.body.setTabChangesFocus(True)
        self.recipients = QListWidget()
        self.recipients.setAccessibleName("Recipients")
        self.recipients.currentRowChanged.connect(lambda _row: self.show_preview())
        self.preview_heading = QLabel()
        self.preview_heading.setAccessibleName("Preview heading")
        self.preview_heading.setWordWrap(True)
        self.preview_heading.setTextFormat(Qt.TextFormat.PlainText)
        self.preview = QPlainTextEdit()
        self.preview.setAccessibleName("Preview")
        self.preview.setReadOnly(True)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        self.count = QLabel()
        self.count.setAccessibleName("Recipients count")
        self.problem = ProblemLabel("Send problem")
        self.problem.hide()
        self._refused = self.problem.refusal(self.ctx.report)  # a refusal is said below, anything else to the window
        self._fill_templates(template)
        self._lay_out()
        self.template.currentIndexChanged.connect(lambda _i: self._template_changed())
        self.to.editingFinished.connect(self.find_recipients)
        self.subject.textChanged.connect(lambda _t: self.show_preview())
        self.body.textChanged.connect(self.show_preview)
        self._template_changed()

    # --- building ----------------------------------------------------------------------
    def _fill_templates(self, chosen: str | None) -> None:
        from ...app import mail

        for info in mail.templates():
            if info.name in mail.DOCUMENT_TEMPLATES:
                continue  # each person's own letter or booklet: sent from the Documents tab, which makes them
            self.template.addItem(f"{info.name} ({', '.join(info.languages)})", info.name)
        self.template.addItem("Free message (no template)", FREE)
        # without a template asked for (Mail… on chosen participants), a free message: never a cancellation by chance
        self.template.setCurrentIndex(max(0, self.template.findData(FREE if chosen is None else chosen)))

    def _lay_out(self) -> None:
        compose = QGroupBox("Message")
        self.compose_form = form = QFormLayout(compose)
        form.addRow("&Template:", self.template)
        form.addRow("&Subject:", self.subject)
        form.addRow("Te&xt:", self.body)
        if self.emails:
            form.addRow("To:", QLabel(f"the {counted(len(self.emails), 'selected participant')}"))
        else:
            form.addRow("&To:", self.to)
            form.addRow("", filter_hint())
        people = QWidget()
        column = QVBoxLayout(people)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.count)
        column.addWidget(self.recipients, 1)
        shown = QWidget()
        right = QVBoxLayout(shown)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.preview_heading)
        right.addWidget(self.preview, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(people)
        splitter.addWidget(shown)
        splitter.setSizes([300, 560])
        self.queue_button = QPushButton("&Queue")
        self.queue_button.setToolTip("Put one message per recipient in the outbox; the Outbox page sends them")
        self.queue_button.clicked.connect(lambda: self.queue(send=False))
        self.send_button = QPushButton("Queue and &send now")
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(lambda: self.queue(send=True))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.queue_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        compose.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # the preview gets the height
        layout = QVBoxLayout(self)
        layout.addWidget(compose)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setTabOrder(self.template, self.subject)
        self.resize(940, 680)

    # --- choosing ----------------------------------------------------------------------
    @property
    def template_name(self) -> str:
        return str(self.template.currentData() or FREE)

    def _template_changed(self) -> None:
        free = self.template_name == FREE
        for widget in (self.subject, self.body):  # a template writes them per recipient: the preview shows them
            self.compose_form.setRowVisible(widget, free)
        self.subject.setPlaceholderText("the subject of your message")
        self.body.setPlaceholderText("your message; it starts with 'Dear <name>,'")
        self.find_recipients()

    def find_recipients(self) -> None:
        """List who would receive the message (the filter's or the selection's people) and preview the first."""
        from ...app import mail

        self.problem.say("")
        try:
            found = mail.recipients(self.ctx.db, self.code, to=self.filter_text())
        except IurcError as exc:
            self.problem.say(str(exc))
            found = []
        self.recipients_shown = list(found)
        self.recipients.clear()
        for person in found:
            item = QListWidgetItem(f"{person.name} <{person.email}>")
            item.setToolTip(f"{person.status}{f', group {person.group}' if person.group else ''};"
                            f" language: {person.language or 'automatic (English)'}")
            self.recipients.addItem(item)
        self.count.setText(f"{counted(len(found), 'recipient')}: choose one to preview")
        self.queue_button.setEnabled(bool(found))
        self.send_button.setEnabled(bool(found))
        if found:
            self.recipients.setCurrentRow(0)
        else:
            self.preview_heading.setText("Nobody to write to." if not self.problem.text() else "")
            self.preview.clear()

    def filter_text(self) -> str | None:
        """The recipients filter: the selected participants' addresses (any status), or what the user typed."""
        if self.emails:
            return f"status=all email={','.join(self.emails)}"
        return self.to.text().strip() or None

    def current_recipient(self) -> RecipientRow | None:
        row = self.recipients.currentRow()
        return self.recipients_shown[row] if 0 <= row < len(self.recipients_shown) else None

    def show_preview(self) -> None:
        """The chosen recipient's message as it will be sent: subject, language, attachments and text."""
        from ...app import mail

        person = self.current_recipient()
        if person is None:
            return
        if self.template_name == FREE:
            subject, text, language, attached = self.subject.text(), free_text(person.name, self.body.toPlainText()), "", ()
        else:
            try:
                shown = mail.preview(self.ctx.db, self.code, self.template_name, email=person.email, item=self.item,
                                     organiser=Organiser(*self.ctx.organiser()))
            except IurcError as exc:
                self.preview_heading.setText(f"No preview for {person.name}: {exc}")
                self.preview.clear()
                return
            subject, text, language, attached = shown.subject, shown.text, shown.language, tuple(shown.attachments)
        heading = [f"To: {person.name} <{person.email}>", f"Subject: {subject}"]
        if language:
            heading.append(f"Language: {language}")
        if attached:
            heading.append(f"Attached: {', '.join(attached)}")
        self.preview_heading.setText("\n".join(heading))
        self.preview.setPlainText(text)

    # --- queueing ----------------------------------------------------------------------
    def queue(self, *, send: bool) -> bool:
        """Queue the messages as one undoable step; with `send`, ask the Outbox to send them now. False if refused."""
        if not self.recipients_shown:
            return False
        if self.template_name == FREE and not (self.subject.text().strip() and self.body.toPlainText().strip()):
            self.problem.say("Write a subject and a text first, or choose a template.")
            return False
        self.problem.say("")
        relay = Relay(self._refused)  # a refused command is deleted by the stack: the relay says it failed
        command = QueueMessages(self.ctx.db, self.ctx.changes, relay, self._job(),
                                f"Queue {counted(len(self.recipients_shown), 'message')} for {self.code}")
        self.ctx.undo.push(command)
        relay.target = self.ctx.report  # later undo/redo report to the window
        if relay.failed:
            return False
        self.queued.emit(command)
        if send:
            self.send_requested.emit(tuple(command.ids))
        self.accept()
        return True

    def _job(self) -> Any:
        """The queueing use case, called by the undo command: a template's, or the free message's drafts."""
        from ...app import events, mail, outbox

        code, db, organiser = self.code, self.ctx.db, self.ctx.organiser()
        if self.template_name != FREE:
            to, template, item = self.filter_text(), self.template_name, self.item
            return lambda: mail.queue_template(db, code, template, to=to, item=item, organiser=Organiser(*organiser))
        event_id = events.event_heading(db, code).row.id
        drafts = free_drafts(self.recipients_shown, self.subject.text().strip(), self.body.toPlainText(), event_id)
        return lambda: outbox.queue(db, drafts)


def filter_hint() -> QLabel:
    """The line under a recipients filter saying what it takes (the Send dialog's, the reminder rules')."""
    from ...app import mail

    hint = QLabel("Empty: every active participant. Or " + escape(mail.FILTER_HELP, quote=False) + ".")
    hint.setWordWrap(True)
    hint.setEnabled(False)
    return hint


def queued_text(command: QueueMessages) -> str:
    """'Queued 15 messages (2 skipped: …): the Outbox page lists them (Ctrl+Z takes them out again)'."""
    skipped = f" ({len(command.skipped)} skipped: {' '.join(command.skipped)})" if command.skipped else ""
    return (f"Queued {counted(len(command.ids), 'message')}{skipped}: the Outbox page lists them"
            " (Ctrl+Z takes them out again)")


def free_text(name: str, body: str) -> str:
    """A free message as each recipient reads it: their name in the greeting, then the text."""
    return f"Dear {name},\n\n{body.strip()}\n"


def free_drafts(people: Sequence[RecipientRow], subject: str, body: str, event_id: int) -> list[Any]:
    """One draft per recipient of a free message about the event (its send log lists it)."""
    from ...core.mail.draft import Draft

    return [Draft(to_address=p.email, to_name=p.name, subject=subject, text=free_text(p.name, body), kind="free",
                  person_id=p.person_id, event_id=event_id, language=p.language or "en") for p in people]


def open_send_dialog(ctx: Context, parent: QWidget, code: str, *, template: str | None = None,
                     emails: Sequence[str] = (), item: str | None = None, status: Any = None) -> SendDialog | None:
    """Open the Send dialog (window-modal); "Queue and send now" sends on the worker with progress and Cancel."""
    from ..pages.outbox_page import report_text, start_sending

    try:
        dialog = SendDialog(ctx, code, parent, emails=emails, template=template, item=item)
    except IurcError as exc:
        ctx.report(exc)
        return None
    say = status or (lambda _text: None)
    dialog.queued.connect(lambda command: say(queued_text(command)))
    dialog.send_requested.connect(lambda ids: start_sending(ctx, parent, lambda report: say(report_text(report)), only=ids))
    dialog.open()
    return dialog
