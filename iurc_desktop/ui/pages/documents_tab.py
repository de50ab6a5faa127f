"""The Documents tab of an event: which document, for whom, a preview of its first page, and Save.

The preview is the document itself (typeset by the engine, first page as an
image) for the person or batch chosen. Letters: Save all and Save for the chosen
person run on the window's worker with progress and Cancel; each letter saved
is numbered and listed under "Letters issued". Badges: the batch (everyone or
a group, optionally only those not printed yet) in a layout (sheets, cards or
labels), saved as one PDF and recorded as printed. Booklets print the host
contacts' e-mail and phone only when their box is ticked, as letters print the
passport number. Send… mails letters and booklets instead, each person's own
(ui/dialogs/send_documents.py). The folder and file choosers are attributes so
tests can replace them.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem, QPushButton,
    QScrollArea, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ...app.changes import Topic
from ...core import local_times
from ...core.errors import IurcError
from .. import operations_export as ops
from ..icons import icon
from ..shell.context import Context
from .event_tab import EventTab

if TYPE_CHECKING:
    from datetime import datetime

    from ...app.badges import BadgeBatch
    from ...app.certificates import CertificateRecipient
    from ...app.documents import LetterLogRow, LetterRecipient

PREVIEW_WIDTH = 560  # pixels: the first page at a size that reads beside the choices
VISITS_ONLY = ("letters",)  # documents only a study visit has (a visa for a webinar makes no sense)


class DocumentsTab(EventTab):
    """An event's documents (letters for a study visit, badges, certificates, booklets): preview and save."""

    done = Signal(object)  # a save finished: its ops.Saved
    queued = Signal(object)  # Send… queued: the undo command (its message ids)
    topics = (Topic.EVENTS, Topic.ITEMS, Topic.PARTICIPANTS, Topic.PEOPLE, Topic.ORGANISATIONS)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        from ...app.badges import LAYOUTS
        from ...app.documents import DOCUMENTS

        super().__init__(ctx, parent)
        self.choose_folder = lambda title: ops.ask_folder(self, title)
        self.choose_file = lambda title, name: ops.ask_save_path(self, title, name, "PDF (*.pdf)")
        self.document = QComboBox()
        self.document.setAccessibleName("Document")
        for kind, title in DOCUMENTS.items():
            self.document.addItem(title, kind)
        self.document.currentIndexChanged.connect(lambda *_: self.refresh())
        self._documents = DOCUMENTS
        self.layout_choice = QComboBox()
        self.layout_choice.setAccessibleName("Badge layout")
        for layout, title in LAYOUTS.items():
            self.layout_choice.addItem(title, layout)
        self.layout_choice.currentIndexChanged.connect(lambda *_: self.show_preview())
        self.new_only = QCheckBox("Only badges &not printed yet")
        self.new_only.setToolTip("Those who joined since the last print: badges already handed out are not printed again.")
        self.new_only.toggled.connect(lambda *_: self.show_preview())
        self.people = QListWidget()
        self.people.setAccessibleName("For whom")
        self.people.currentItemChanged.connect(lambda *_: self.show_preview())
        self.passport = QCheckBox("Print the passport n&umber where one is recorded")
        self.passport.setToolTip("Left out unless you tick this: a consulate may ask for it, nobody else needs it.")
        self.passport.toggled.connect(lambda *_: self.show_preview())
        self.contacts = QCheckBox("Print the host &contacts' e-mail and phone")
        self.contacts.setToolTip("Left out unless you tick this: only the names of who receives the group are printed. "
                                 "Their e-mail and phone are their personal data.")
        self.contacts.toggled.connect(lambda *_: self.show_preview())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Documents message")
        self.saved = QLabel()  # the last save's outcome: where the files went, stays until another event is shown
        self.saved.setWordWrap(True)
        self.saved.setAccessibleName("Last saved")
        self.saved.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._saved_for = ""
        self.save_all = QPushButton(icon("save"), "Save &all…")
        self.save_all.setAccessibleName("Save all letters")
        self.save_all.clicked.connect(lambda: self.save(everyone=True))
        self.save_one = QPushButton("Save for this &person…")
        self.save_one.setAccessibleName("Save the chosen person's document")
        self.save_one.clicked.connect(lambda: self.save(everyone=False))
        self.send = QPushButton(icon("send"), "&Send…")
        self.send.setAccessibleName("Send the documents by e-mail")
        self.send.setToolTip("Each person's own document attached to a message to them, in their language (Outbox)")
        self.send.clicked.connect(self.open_send)
        self.send_dialog: QWidget | None = None
        self._mailable: list[tuple[str, str]] = []  # (name, e-mail) of whom Send… can write to, as last read
        self.log = QTreeWidget()
        self.log.setAccessibleName("Letters issued")
        self.log.setHeaderLabels(["Number", "Issued", "Person", "Passport number"])
        self.log.setRootIsDecorated(False)
        self.log.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.template = QLabel()
        self.template.setWordWrap(True)
        self.template.setAccessibleName("Letter template")
        self.template.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.page = QLabel("Choose a person to see their letter.")
        self.page.setAccessibleName("Preview of the first page")
        self.page.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._build()

    def _build(self) -> None:
        choices = QGroupBox("Make documents")
        form = QFormLayout(choices)
        form.addRow("&Document", self.document)
        form.addRow("F&or", self.people)
        form.addRow("", self.passport)
        form.addRow("", self.contacts)
        form.addRow("La&yout", self.layout_choice)
        form.addRow("", self.new_only)
        self.form = form
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_all)
        buttons.addWidget(self.save_one)
        buttons.addWidget(self.send)
        buttons.addStretch(1)
        form.addRow("", buttons)
        form.addRow("", self.message)
        form.addRow("", self.saved)
        form.addRow("Template", self.template)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(choices, 2)
        self.log_title = QLabel("Letters issued")
        column.addWidget(self.log_title)
        column.addWidget(self.log, 1)
        scroll = QScrollArea()
        scroll.setWidget(self.page)
        scroll.setWidgetResizable(True)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setSizes([520, PREVIEW_WIDTH + 40])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(splitter, 1)

    # --- reading -------------------------------------------------------------------------
    def kind(self) -> str:
        """The document chosen (a key of app.documents.DOCUMENTS)."""
        return self.document.currentData()

    def _offer(self) -> None:
        """The documents this event has: invitation letters only for a study visit."""
        visit = self.heading is None or self.heading.row.kind == "study_visit"
        offered = [k for k in self._documents if visit or k not in VISITS_ONLY]
        if [self.document.itemData(i) for i in range(self.document.count())] == offered:
            return
        chosen = self.kind()
        self.document.blockSignals(True)
        self.document.clear()
        for kind in offered:
            self.document.addItem(self._documents[kind], kind)
        self.document.setCurrentIndex(max(self.document.findData(chosen), 0))
        self.document.blockSignals(False)

    def load(self, code: str) -> None:
        from ...app import badges, booklets, certificates, documents

        db = self.ctx.db
        if code != self._saved_for:
            self.saved.clear()
        self._offer()
        kind = self.kind()
        self.save_one.setVisible(kind in ("letters", "certificates", "booklets"))
        self.save_one.setText("Save &booklet…" if kind == "booklets" else "Save for this &person…")
        self.send.setVisible(kind in ("letters", "booklets"))
        self.form.setRowVisible(self.passport, kind == "letters")
        self.form.setRowVisible(self.contacts, kind == "booklets")
        self.form.setRowVisible(self.layout_choice, kind == "badges")
        self.form.setRowVisible(self.new_only, kind == "badges")
        self.log_title.setVisible(kind == "letters")
        self.log.setVisible(kind == "letters")
        self.save_all.setText({"badges": "Save &badges…", "booklets": "Save &all booklets…"}.get(kind, "Save &all…"))
        self.save_all.setAccessibleName(f"Save the {self.document.currentText().lower()}")
        if kind == "letters":
            self.read(lambda: (documents.letter_recipients(db, code), documents.letter_log(db, code)), self._show,
                      "who gets a letter")
        elif kind == "badges":
            self.read(lambda: (badges.badge_batches(db, code), badges.last_printed(db, code)), self._show_batches,
                      "whose badges to print")
        elif kind == "certificates":
            self.read(lambda: certificates.certificate_recipients(db, code), self._show_attended, "who attended")
        else:
            self.read(lambda: booklets.booklet_subjects(db, code), self._show_subjects, "whose itinerary")

    def _show_subjects(self, subjects: list[tuple[str, str]]) -> None:
        self._list_people(subjects)
        self._show_template()
        self.save_all.setEnabled(bool(subjects))
        self.save_one.setEnabled(bool(subjects))
        self._mailable = [(text, value.removeprefix("person:")) for text, value in subjects if value.startswith("person:")]
        self.send.setEnabled(bool(self._mailable))
        self.message.setText("" if subjects else "Nobody takes part yet: a booklet is for a group or a participant.")
        self.show_preview()

    def _show_attended(self, recipients: list[CertificateRecipient]) -> None:
        self._list_people([(f"{r.name} ({r.local_name})" if r.local_name else r.name, r.email) for r in recipients])
        self._show_template()
        self.save_all.setEnabled(bool(recipients))
        self.save_one.setEnabled(bool(recipients))
        self.message.setText("" if recipients else
                             "Nobody is marked attended. Import the attendance report or set participants to "
                             "attended (Participants tab) to give them a certificate.")
        self.show_preview()

    def _list_people(self, rows: list[tuple[str, str]]) -> None:
        """The For list: (text, what is chosen) rows, keeping the choice when it is still there; a name
        two people share is followed by the e-mail that tells them apart."""
        chosen = self.chosen()
        texts = Counter(text for text, _value in rows)
        rows = [(f"{text} — {value.removeprefix('person:')}" if texts[text] > 1 and value else text, value)
                for text, value in rows]
        self.people.blockSignals(True)
        self.people.clear()
        for text, value in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, value)
            self.people.addItem(item)
            if value == chosen:
                self.people.setCurrentItem(item)
        if self.people.currentItem() is None and self.people.count():
            self.people.setCurrentRow(0)
        self.people.blockSignals(False)

    def _show(self, read: tuple[list[LetterRecipient], list[LetterLogRow]]) -> None:
        recipients, log = read
        self._list_people([(f"{r.name}{f' ({r.local_name})' if r.local_name else ''}"
                            f"{f' — {r.issued} issued' if r.issued else ''}", r.email) for r in recipients])
        self.log.clear()
        for row in log:
            self.log.addTopLevelItem(QTreeWidgetItem([row.number, local_times.iso_day(row.issued_on), row.name,
                                                      "printed" if row.with_passport else "—"]))
        self._show_template()
        self.save_all.setEnabled(bool(recipients))
        self.save_one.setEnabled(bool(recipients))
        self._mailable = [(f"{r.name}{f' ({r.local_name})' if r.local_name else ''}", r.email) for r in recipients]
        self.send.setEnabled(bool(recipients))
        self.message.setText("" if recipients else
                             "No confirmed participant needs a visa. Tick \"Visa: needed for this trip\" on a participant "
                             "(Participants tab) to give them a letter.")
        self.show_preview()

    def _show_batches(self, read: tuple[list[BadgeBatch], datetime | None]) -> None:
        batches, printed = read
        self._list_people([(f"{b.label} — {b.count} badges, {b.not_printed} not printed yet", b.group or "")
                           for b in batches])
        self._show_template()
        self.save_all.setEnabled(bool(batches and batches[0].count))
        self.message.setText(f"Badges last printed {local_times.stamp(printed)} UTC." if printed else
                             "No badge printed yet." if batches[0].count else
                             "Nobody takes part yet: badges are for registered, confirmed and attended participants.")
        self.show_preview()

    def _show_template(self) -> None:
        from ...app.documents import document_template

        used, own = document_template(self.kind())
        what = self.document.currentText().lower()
        self.template.setText(f"your own: {used}" if used == own else
                              f"the bundled one. To change the {what}, copy {used.name} to {own} and edit it there.")

    def chosen(self) -> str | None:
        """The chosen person's e-mail (letters) or group ("" for everyone: badges); None when nothing is chosen."""
        item = self.people.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def show_preview(self) -> None:
        """The chosen letter or batch of badges, first page, as it will print (letters numbered DRAFT until saved)."""
        from ...app import badges, booklets, certificates, documents

        chosen = self.chosen()
        if not self.code or chosen is None:
            self.page.setPixmap(QPixmap())
            self.page.setText("Nobody to show a document for.")
            return
        try:
            if self.kind() == "letters":
                png = documents.preview_letter(self.ctx.db, self.code, chosen,
                                               include_passport=self.passport.isChecked())
            elif self.kind() == "certificates":
                png = certificates.preview_certificate(self.ctx.db, self.code, chosen)
            elif self.kind() == "booklets":
                png = booklets.preview_booklet(self.ctx.db, self.code, with_contacts=self.contacts.isChecked(),
                                               **booklets.subject(chosen))
            else:
                png = badges.preview_badges(self.ctx.db, self.code, group=chosen or None,
                                            since_last=self.new_only.isChecked(),
                                            layout=self.layout_choice.currentData())
        except IurcError as exc:
            self.page.setPixmap(QPixmap())
            self.page.setText(str(exc))
            return
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.page.setPixmap(pixmap.scaledToWidth(PREVIEW_WIDTH, Qt.TransformationMode.SmoothTransformation))

    # --- saving --------------------------------------------------------------------------
    def save(self, *, everyone: bool) -> None:
        if self.kind() == "badges":
            self.save_badges()
            return
        if self.kind() == "booklets" and not everyone:
            self.save_booklet()
            return
        email = None if everyone else self.chosen()
        if not self.code or (not everyone and email is None):
            return
        what = self.document.currentText().lower()
        folder = self.choose_folder(f"Folder for the {what} (PDF)")
        if not folder:
            return
        if self.kind() == "certificates":
            job = ops.certificates_job(self.ctx.db, self.code, folder, email=email)
        elif self.kind() == "booklets":
            job = ops.booklets_job(self.ctx.db, self.code, folder, with_contacts=self.contacts.isChecked())
        else:
            job = ops.letters_job(self.ctx.db, self.code, folder, email=email,
                                  include_passport=self.passport.isChecked())
        ops.start(self, self.ctx, f"Writing {what}…", job, self._finished, self.status.emit)

    def save_badges(self) -> None:
        """The chosen batch in the chosen layout as one PDF, recorded as printed."""
        group = self.chosen()
        if not self.code or group is None:
            return
        name = f"badges-{self.code}{'-' + group if group else ''}.pdf"
        path = self.choose_file("Save the badges (PDF)", name)
        if not path:
            return
        job = ops.badges_job(self.ctx.db, self.code, path, group=group or None, since_last=self.new_only.isChecked(),
                             layout=self.layout_choice.currentData())
        ops.start(self, self.ctx, "Writing badges…", job, self._finished, self.status.emit)

    def save_booklet(self) -> None:
        """The chosen group's or person's itinerary booklet as one PDF."""
        from ...app import booklets

        chosen = self.chosen()
        if not self.code or not chosen:
            return
        name = f"itinerary-{self.code}-{ops.slug(chosen.partition(':')[2])}.pdf"
        path = self.choose_file("Save the itinerary booklet (PDF)", name)
        if not path:
            return
        job = ops.booklet_job(self.ctx.db, self.code, path, with_contacts=self.contacts.isChecked(),
                              **booklets.subject(chosen))
        ops.start(self, self.ctx, "Writing the itinerary booklet…", job, self._finished, self.status.emit)

    # --- sending ---------------------------------------------------------------------------
    def open_send(self) -> QWidget | None:
        """The Send… confirmation for the letters or booklets listed; accepted, they are queued on the worker."""
        from ..dialogs.send_documents import SendDocumentsDialog, queue_job

        kind, code = self.kind(), self.code
        if kind not in ("letters", "booklets") or not code:
            return None
        chosen = self.chosen()  # a booklet goes by mail to a person, never to a group: a group chosen is no one
        consent = (self.passport if kind == "letters" else self.contacts).isChecked()
        dialog = SendDocumentsDialog(self.ctx, code, kind, self._mailable,
                                     chosen.removeprefix("person:") if chosen else None, consent, self)

        def accepted() -> None:
            job = queue_job(self.ctx, code, kind, dialog.email, dialog.consent.isChecked())
            ops.start(self, self.ctx, f"Queueing {self.document.currentText().lower()}…", job,
                      lambda outcome: self._queued(code, kind, outcome), self.status.emit)

        dialog.accepted.connect(accepted)
        dialog.open()
        self.send_dialog = dialog
        return dialog

    def _queued(self, code: str, kind: str, outcome: object) -> None:
        from ..dialogs.send_documents import push_queued

        command, text = push_queued(self.ctx, code, kind, outcome)
        self.saved.setText(text)
        self._saved_for = code
        self.status.emit(text)
        self.queued.emit(command)

    def _finished(self, saved: ops.Saved) -> None:
        for topic in sorted(t.value for t in saved.changed):
            self.ctx.changes.notify(topic)  # the log and the counts read again
        self.saved.setText(saved.message)  # kept beside the buttons: the status bar is soon another page's
        self._saved_for = self.code or ""
        self.status.emit(saved.message)
        self.done.emit(saved)

