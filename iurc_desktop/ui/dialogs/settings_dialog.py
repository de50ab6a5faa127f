"""The Settings dialog: your zone, working hours, organiser identity for invites, colours, backup folder; and, on its
Mail server tab, the server messages are sent through.

Each problem shows beside its field, by the same rules as the programme file
(a zone, an e-mail address); the colours change as soon as they are chosen.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QLayout, QLineEdit, QPushButton,
    QSpinBox, QTabWidget, QVBoxLayout, QWidget,
)

from ...core.errors import ValidationError
from ..icons import icon
from ..localtime import system_zone
from ..shell.palette import ProblemLabel, apply_theme
from ..shell.settings import THEMES, Settings, default_backup_folder, validate
from ..widgets.record_form import RecordForm, ZoneField, split_problems
from .mail_settings import MailSettingsForm

if TYPE_CHECKING:
    from ..worker import TaskRunner


class SettingsDialog(QDialog):
    """Edits a copy of the settings; `result_settings` holds the checked values after OK."""

    def __init__(self, settings: Settings, parent: QWidget | None = None, *, tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setAccessibleName("Settings")
        self.original = settings
        self.result_settings = settings
        self.form = RecordForm()

        self.zone = ZoneField(settings.viewer_zone)
        self.zone.lineEdit().setPlaceholderText(f"this computer's zone ({system_zone()})")
        self._add("viewer_zone", "&Your zone", self.zone, "Your time zone",
                  "Times are shown in each item's own zone and, beside them, in this one.")
        self.work_start = _hour_box("Working hours start", settings.work_start)
        self.work_end = _hour_box("Working hours end", settings.work_end)
        hours = QWidget()
        row = QHBoxLayout(hours)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.work_start)
        row.addWidget(QLabel("to"))
        row.addWidget(self.work_end)
        row.addWidget(QLabel("local time of each item"))
        row.addStretch(1)
        self._add("working_hours", "Working &hours", hours, "Working hours")
        self.organiser_name = QLineEdit(settings.organiser_name)
        self.organiser_name.setPlaceholderText("e.g. IURC Asia & Australasia team")
        self._add("organiser_name", "Organiser &name", self.organiser_name, "Organiser name")
        self.organiser_email = QLineEdit(settings.organiser_email)
        self.organiser_email.setPlaceholderText("the address invites are sent from")
        self._add("organiser_email", "Organiser &e-mail", self.organiser_email, "Organiser e-mail",
                  "Invites and cancellations of events without an organiser of their own come from this name and address.")
        self.theme = QComboBox()
        for key, label in THEMES.items():
            self.theme.addItem(label, key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self._add("theme", "&Colours", self.theme, "Colours", "System follows your desktop; Light and Dark always apply.")
        self.backup_folder = QLineEdit(settings.backup_folder)
        self.backup_folder.setPlaceholderText(str(default_backup_folder()))
        browse = QPushButton(icon("folder-open"), "Choose…")
        browse.setAccessibleName("Choose the backup folder")
        browse.clicked.connect(self._choose_folder)
        folder = QWidget()
        folder_row = QHBoxLayout(folder)
        folder_row.setContentsMargins(0, 0, 0, 0)
        folder_row.addWidget(self.backup_folder, 1)
        folder_row.addWidget(browse)
        self._add("backup_folder", "&Backup folder", folder, "Backup folder")
        self.backup_folder.setAccessibleName("Backup folder")
        self.backup_on_close = QCheckBox("Back up the database automatically when the window closes (the last 10 kept)")
        self.backup_on_close.setChecked(settings.backup_on_close)
        self.form.layout_.addRow("", self.backup_on_close)
        self.problem = ProblemLabel("Problem")
        self.problem.hide()

        self.zone.currentTextChanged.connect(lambda _text: self._check("viewer_zone"))
        self.organiser_email.editingFinished.connect(lambda: self._check("organiser_email"))
        self.organiser_email.textEdited.connect(lambda _text: self.form.set_problem("organiser_email", ""))
        for box in (self.work_start, self.work_end):
            box.valueChanged.connect(lambda _value: self._check("working_hours"))
        self.theme.currentIndexChanged.connect(lambda _index: apply_theme(self.theme.currentData()))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        general = QWidget()
        general_layout = QVBoxLayout(general)
        general_layout.addWidget(self.form)
        general_layout.addWidget(self.problem)
        general_layout.addStretch(1)
        self.mail = MailSettingsForm(tasks)
        self.tabs = QTabWidget()
        self.tabs.addTab(general, "&General")
        self.tabs.addTab(self.mail, "&Mail server")
        # The tabs pass no height-for-width up: the dialog is fitted again to show wrapped hints and problems whole.
        self.tabs.currentChanged.connect(lambda _index: self.adjustSize())
        self.mail.resized.connect(self.adjustSize)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # grows to show each message whole
        self.setMinimumWidth(640)

    def _add(self, name: str, label: str, widget: QWidget, accessible: str, hint: str = "") -> None:
        self.form.add(name, label, widget, hint)
        widget.setAccessibleName(accessible)  # the label without its mnemonic

    def values(self) -> Settings:
        return replace(
            self.original, viewer_zone=self.zone.zone(), work_start=self.work_start.value(),
            work_end=self.work_end.value(), organiser_name=self.organiser_name.text().strip(),
            organiser_email=self.organiser_email.text().strip(), theme=self.theme.currentData(),
            backup_folder=self.backup_folder.text().strip(), backup_on_close=self.backup_on_close.isChecked(),
        )

    def _check(self, name: str) -> None:
        """Show what is wrong with field `name` now, while typing (the other fields' problems wait for OK)."""
        try:
            validate(self.values())
        except ValidationError as exc:
            by_field, _rest = split_problems(str(exc), (name,))
            self.form.set_problem(name, "\n".join(by_field.get(name, ())))
            return
        self.form.set_problem(name, "")

    def accept(self) -> None:
        """Close only with valid values; otherwise say beside each field what is wrong and stay open."""
        try:
            self.result_settings = validate(self.values())
        except ValidationError as exc:
            rest = self.form.show_problems(str(exc))
            self.problem.setText("\n".join(rest))
            self.problem.setVisible(bool(rest))
            self.tabs.setCurrentIndex(0)
            return
        if not self.mail.save():  # its problems show beside its fields
            self.tabs.setCurrentWidget(self.mail)
            return
        super().accept()

    def reject(self) -> None:
        """Cancel: the colours return to what they were."""
        if self.theme.currentData() != self.original.theme:
            apply_theme(self.original.theme)
        super().reject()

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Backup folder", self.backup_folder.text() or str(default_backup_folder()))
        if chosen:
            self.backup_folder.setText(chosen)


def _hour_box(name: str, value: int) -> QSpinBox:
    box = QSpinBox()
    box.setAccessibleName(name)
    box.setRange(0, 24)
    box.setSuffix(":00")
    box.setValue(value)
    return box
