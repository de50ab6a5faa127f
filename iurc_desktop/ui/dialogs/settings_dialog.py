"""The Settings dialog: your zone, working hours, organiser identity for invites, backup folder."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QCheckBox, QCompleter, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from ...core.errors import ValidationError
from ..localtime import system_zone
from ..shell.settings import Settings, default_backup_folder, validate


def _zones() -> list[str]:
    import zoneinfo

    return sorted(z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))


class SettingsDialog(QDialog):
    """Edits a copy of the settings; `result_settings` holds the checked values after OK."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setAccessibleName("Settings")
        self.original = settings
        self.result_settings = settings

        self.zone = QLineEdit(settings.viewer_zone)
        self.zone.setAccessibleName("Your time zone")
        self.zone.setPlaceholderText(f"this computer's zone ({system_zone()})")
        completer = QCompleter(QStringListModel(_zones(), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.zone.setCompleter(completer)
        self.work_start = _hour_box("Working hours start", settings.work_start)
        self.work_end = _hour_box("Working hours end", settings.work_end)
        hours = QHBoxLayout()
        hours.addWidget(self.work_start)
        hours.addWidget(QLabel("to"))
        hours.addWidget(self.work_end)
        hours.addWidget(QLabel("local time of each item"))
        hours.addStretch(1)
        self.organiser_name = QLineEdit(settings.organiser_name)
        self.organiser_name.setAccessibleName("Organiser name")
        self.organiser_name.setPlaceholderText("e.g. IURC Asia & Australasia team")
        self.organiser_email = QLineEdit(settings.organiser_email)
        self.organiser_email.setAccessibleName("Organiser e-mail")
        self.organiser_email.setPlaceholderText("the address invites are sent from")
        self.backup_folder = QLineEdit(settings.backup_folder)
        self.backup_folder.setAccessibleName("Backup folder")
        self.backup_folder.setPlaceholderText(str(default_backup_folder()))
        browse = QPushButton("Choose…")
        browse.setAccessibleName("Choose the backup folder")
        browse.clicked.connect(self._choose_folder)
        folder = QHBoxLayout()
        folder.addWidget(self.backup_folder, 1)
        folder.addWidget(browse)
        self.backup_on_close = QCheckBox("Back up the database automatically when the window closes (the last 10 kept)")
        self.backup_on_close.setChecked(settings.backup_on_close)
        self.problem = QLabel()
        self.problem.setAccessibleName("Problem")
        self.problem.setWordWrap(True)
        font = self.problem.font()
        font.setBold(True)  # the palette's own text colour: readable in light and dark
        self.problem.setFont(font)
        self.problem.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("&Your zone:", self.zone)
        form.addRow("Working hours:", hours)
        form.addRow("Organiser &name:", self.organiser_name)
        form.addRow("Organiser &e-mail:", self.organiser_email)
        form.addRow("Backup folder:", folder)
        form.addRow("", self.backup_on_close)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())

    def values(self) -> Settings:
        return replace(
            self.original, viewer_zone=self.zone.text().strip(), work_start=self.work_start.value(),
            work_end=self.work_end.value(), organiser_name=self.organiser_name.text().strip(),
            organiser_email=self.organiser_email.text().strip(), backup_folder=self.backup_folder.text().strip(),
            backup_on_close=self.backup_on_close.isChecked(),
        )

    def accept(self) -> None:
        """Close only with valid values; otherwise say what is wrong and stay open."""
        try:
            self.result_settings = validate(self.values())
        except ValidationError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        super().accept()

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
