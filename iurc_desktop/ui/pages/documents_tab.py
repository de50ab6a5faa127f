"""The Documents tab of a study visit: which document, for whom, a preview of its first page, and Save.

The preview is the document itself (typeset by the engine, first page as an
image) for the person chosen. Save all and Save for the chosen person run on the
window's worker with progress and Cancel; each letter saved is numbered and
listed under "Letters issued". The folder chooser is an attribute so tests can
replace it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem, QPushButton,
    QScrollArea, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ...app.changes import Topic
from ...core.errors import IurcError
from .. import operations_export as ops
from ..icons import icon
from ..shell.context import Context
from .event_tab import EventTab

if TYPE_CHECKING:
    from ...app.documents import LetterLogRow, LetterRecipient

PREVIEW_WIDTH = 560  # pixels: the first page at a size that reads beside the choices


class DocumentsTab(EventTab):
    """Visa invitation letters of one study visit: preview and save, with the log of letters issued."""

    done = Signal(object)  # a save finished: its ops.Saved
    topics = (Topic.EVENTS, Topic.ITEMS, Topic.PARTICIPANTS, Topic.PEOPLE, Topic.ORGANISATIONS)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        from ...app.documents import DOCUMENTS

        super().__init__(ctx, parent)
        self.choose_folder = lambda title: ops.ask_folder(self, title)
        self.document = QComboBox()
        self.document.setAccessibleName("Document")
        for kind, title in DOCUMENTS.items():
            self.document.addItem(title, kind)
        self.people = QListWidget()
        self.people.setAccessibleName("For whom")
        self.people.currentItemChanged.connect(lambda *_: self.show_preview())
        self.passport = QCheckBox("Print the &passport number where one is recorded")
        self.passport.setToolTip("Left out unless you tick this: a consulate may ask for it, nobody else needs it.")
        self.passport.toggled.connect(lambda *_: self.show_preview())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Documents message")
        self.save_all = QPushButton(icon("save"), "Save &all…")
        self.save_all.setAccessibleName("Save all letters")
        self.save_all.clicked.connect(lambda: self.save(everyone=True))
        self.save_one = QPushButton("Save for this &person…")
        self.save_one.setAccessibleName("Save the chosen person's letter")
        self.save_one.clicked.connect(lambda: self.save(everyone=False))
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
        form.addRow("&For", self.people)
        form.addRow("", self.passport)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_all)
        buttons.addWidget(self.save_one)
        buttons.addStretch(1)
        form.addRow("", buttons)
        form.addRow("", self.message)
        form.addRow("Template", self.template)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(choices, 2)
        column.addWidget(QLabel("Letters issued"))
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
    def load(self, code: str) -> None:
        from ...app import documents

        db = self.ctx.db
        self.read(lambda: (documents.letter_recipients(db, code), documents.letter_log(db, code)), self._show,
                  "who gets a letter")

    def _show(self, read: tuple[list[LetterRecipient], list[LetterLogRow]]) -> None:
        recipients, log = read
        chosen = self.chosen_email()
        self.people.blockSignals(True)
        self.people.clear()
        for r in recipients:
            issued = f" — {r.issued} issued" if r.issued else ""
            own = f" ({r.local_name})" if r.local_name else ""
            item = QListWidgetItem(f"{r.name}{own}{issued}")
            item.setData(Qt.ItemDataRole.UserRole, r.email)
            self.people.addItem(item)
            if r.email == chosen:
                self.people.setCurrentItem(item)
        if self.people.currentItem() is None and self.people.count():
            self.people.setCurrentRow(0)
        self.people.blockSignals(False)
        self.log.clear()
        for row in log:
            self.log.addTopLevelItem(QTreeWidgetItem([row.number, row.issued_on.isoformat(), row.name,
                                                      "printed" if row.with_passport else "—"]))
        self._show_template()
        self.save_all.setEnabled(bool(recipients))
        self.save_one.setEnabled(bool(recipients))
        self.message.setText("" if recipients else
                             "No confirmed participant needs a visa. Tick \"Visa: needed for this trip\" on a participant "
                             "(Participants tab) to give them a letter.")
        self.show_preview()

    def _show_template(self) -> None:
        from ...app.documents import letter_template

        used, own = letter_template()
        self.template.setText(f"your own: {used}" if used == own else
                              f"the bundled one. To change the letter, copy {used.name} to {own} and edit it there.")

    def chosen_email(self) -> str | None:
        item = self.people.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def show_preview(self) -> None:
        """The chosen person's letter, first page, as it will print (numbered DRAFT until saved)."""
        from ...app import documents

        email = self.chosen_email()
        if not self.code or email is None:
            self.page.setPixmap(QPixmap())
            self.page.setText("Nobody to show a letter for.")
            return
        try:
            png = documents.preview_letter(self.ctx.db, self.code, email, include_passport=self.passport.isChecked())
        except IurcError as exc:
            self.page.setText(str(exc))
            return
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.page.setPixmap(pixmap.scaledToWidth(PREVIEW_WIDTH, Qt.TransformationMode.SmoothTransformation))

    # --- saving --------------------------------------------------------------------------
    def save(self, *, everyone: bool) -> None:
        email = None if everyone else self.chosen_email()
        if not self.code or (not everyone and email is None):
            return
        folder = self.choose_folder("Folder for the invitation letters (PDF)")
        if not folder:
            return
        job = ops.letters_job(self.ctx.db, self.code, folder, email=email, include_passport=self.passport.isChecked())

        def finished(saved: ops.Saved) -> None:
            self.status.emit(saved.message)
            for topic in sorted(t.value for t in saved.changed):
                self.ctx.changes.notify(topic)  # the log and the counts read again
            self.done.emit(saved)

        ops.start(self, self.ctx, "Writing invitation letters…", job, finished, self.status.emit)
