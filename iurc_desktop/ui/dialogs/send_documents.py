"""Send… on the Documents tab: letters or booklets by e-mail, each person's own PDF attached to a message to them.

The dialog says how many messages go and to whom, holds the same consent box as
the save (the passport number, the host contacts' e-mail and phone) and shows
one message's text. The tab then queues on the worker with progress and Cancel
(numbering, logging and queueing are one transaction) and puts the queue on the
undo stack as the Send dialog does (`QueueMessages`): undo cancels the messages
not sent yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QListWidget, QPlainTextEdit, QRadioButton, QVBoxLayout,
    QWidget,
)

from ...app.calendars import Organiser
from ...core.counts import counted
from ...core.errors import IurcError
from ..commands.outbox import QueueMessages
from ..shell.palette import ProblemLabel

if TYPE_CHECKING:
    from ...core.progress import CancelToken, Progress
    from ..shell.context import Context

TEMPLATES = {"letters": "visa-letter", "booklets": "booklet"}  # document kind -> the mail template its messages use
WHAT = {"letters": "letter", "booklets": "booklet"}  # what the counts call one
ATTACHED = {"letters": "their own letter (PDF), numbered when queued",
            "booklets": "their own booklet (PDF), stamped with its version when queued"}


class SendDocumentsDialog(QDialog):
    """How many, to whom, consent, one message's text; accepted, the tab queues them."""

    def __init__(self, ctx: Context, code: str, kind: str, people: list[tuple[str, str]], chosen: str | None,
                 consent: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.code, self.kind = ctx, code, kind
        self.people = [(name, email) for name, email in people if email]
        self.without = [name for name, email in people if not email]
        self.chosen = next(((n, e) for n, e in self.people if e == chosen), None)
        what = WHAT[kind]
        self.setWindowTitle(f"Send {what}s by e-mail — {code}")
        self.setAccessibleName(f"Send {what}s")
        self.everyone = QRadioButton(f"&Everyone listed: {counted(len(self.people), 'participant')}")
        self.only = QRadioButton(f"&Only {self.chosen[0]}" if self.chosen else "Only the chosen person")
        self.only.setEnabled(self.chosen is not None)
        (self.only if self.chosen is not None else self.everyone).setChecked(True)
        self.consent = QCheckBox("Print the &passport number where one is recorded" if kind == "letters" else
                                 "Print the host &contacts' e-mail and phone")
        self.consent.setChecked(consent)
        self.consent.setToolTip("Left out unless you tick this, as when saving: it is personal data.")
        self.recipients = QListWidget()
        self.recipients.setAccessibleName("Recipients")
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("Preview heading")
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("Preview of one message")
        self.problem = ProblemLabel("Send problem")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.queue_button = self.buttons.addButton("&Queue", QDialogButtonBox.ButtonRole.AcceptRole)
        self.queue_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.everyone.toggled.connect(lambda _on: self._show())
        self._show()

    def _lay_out(self) -> None:
        form = QFormLayout()
        scope = QVBoxLayout()
        scope.addWidget(self.only)
        scope.addWidget(self.everyone)
        form.addRow("To:", scope)
        form.addRow("", self.consent)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.recipients, 1)
        layout.addWidget(self.heading)
        layout.addWidget(self.preview, 2)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(720, 640)

    @property
    def email(self) -> str | None:
        """The one person chosen, or None for everyone listed."""
        return self.chosen[1] if self.only.isChecked() and self.chosen is not None else None

    def chosen_people(self) -> list[tuple[str, str]]:
        return [self.chosen] if self.email is not None and self.chosen is not None else self.people

    def _show(self) -> None:
        """The recipients, the count on the button, the first one's message and what stands in the way."""
        from ...app import mail, outbox

        people = self.chosen_people()
        self.recipients.clear()
        self.recipients.addItems([f"{name} <{email}>" for name, email in people])
        if self.email is None and self.without:
            self.recipients.addItems([f"{name} — no e-mail address: not sent" for name in self.without])
        self.queue_button.setText(f"&Queue {counted(len(people), WHAT[self.kind])}")
        problem = ""
        try:
            outbox.check_sender()
            if people:
                shown = mail.preview(self.ctx.db, self.code, TEMPLATES[self.kind], email=people[0][1],
                                     organiser=Organiser(*self.ctx.organiser()))
                self.heading.setText(f"To: {shown.to}\nSubject: {shown.subject}\nLanguage: {shown.language}\n"
                                     f"Attached: {ATTACHED[self.kind]}")
                self.preview.setPlainText(shown.text)
        except IurcError as exc:
            problem = str(exc)
        if not people:
            problem = problem or "Nobody listed has an e-mail address to send to."
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.queue_button.setEnabled(bool(people) and not problem)


def queue_job(ctx: Context, code: str, kind: str, email: str | None, consent: bool) -> Any:
    """The worker's job: each chosen person's letter or booklet numbered, logged and queued (one transaction)."""
    from ...app import booklets, documents

    organiser = Organiser(*ctx.organiser())

    def job(progress: Progress, token: CancelToken) -> Any:
        if kind == "letters":
            return documents.queue_letters(ctx.db, code, email=email, include_passport=consent, organiser=organiser,
                                           progress=progress, cancel=token)
        return booklets.queue_booklets(ctx.db, code, email=email, with_contacts=consent, organiser=organiser,
                                       progress=progress, cancel=token)

    return job


def push_queued(ctx: Context, code: str, kind: str, outcome: Any) -> tuple[QueueMessages, str]:
    """Put what the worker queued on the undo stack (undo cancels it) and say it: 'Queued 3 letters (Outbox)'."""
    from ...app.documents import moved_note

    queued = outcome.value
    command = QueueMessages(ctx.db, ctx.changes, ctx.report, lambda: outcome,
                            f"Queue {counted(queued.count, WHAT[kind])} for {code}")
    ctx.undo.push(command)
    skipped = f"; {len(queued.skipped)} without an e-mail address not sent" if queued.skipped else ""
    return command, f"Queued {counted(queued.count, WHAT[kind])} (Outbox){moved_note(queued)}{skipped}"
