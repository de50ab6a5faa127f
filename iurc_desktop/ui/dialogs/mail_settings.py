"""The Settings dialog's Mail server tab: host, port, security, user, password, sender and a trusted certificate.

The password is never shown back: the field stays empty and says whether one is
stored in the keychain; typing one replaces it, leaving it empty keeps it. On a
computer without a keychain the tab says so, and the window asks for the
password at each sending instead. Each problem shows beside its field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from ...core.errors import IurcError, ValidationError
from ..icons import icon
from ..shell.palette import ProblemLabel
from ..widgets.record_form import RecordForm, split_problems

if TYPE_CHECKING:
    from ...app.outbox import MailSettings
    from ..worker import TaskRunner

SECURITY = (("starttls", "STARTTLS (port 587)"), ("tls", "TLS (port 465)"), ("none", "None (a relay on this computer only)"))


class MailSettingsForm(QWidget):
    """Edits the mail server settings; `save()` checks and stores them (the password in the keychain)."""

    resized = Signal()  # a message appeared or went: the dialog around it fits it again

    def __init__(self, tasks: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ...app import outbox

        self.tasks = tasks  # where the server check runs (off the GUI thread); none: no check button
        self.stored: MailSettings = outbox.load_settings()
        self.form = RecordForm()
        self.host = QLineEdit(self.stored.host)
        self.host.setPlaceholderText("e.g. smtp.example.eu")
        self.form.add("host", "Mail &server", self.host, "Your organisation's outgoing (SMTP) server.")
        self.security = QComboBox()
        for key, text in SECURITY:
            self.security.addItem(text, key)
        self.security.setCurrentIndex(max(0, self.security.findData(self.stored.security)))
        self.form.add("security", "Se&curity", self.security)
        self.unsafe = ProblemLabel("Mail server warning")
        self.unsafe.hide()
        self.form.layout_.addRow("", self.unsafe)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(self.stored.port)
        self.form.add("port", "&Port", self.port)
        self.user = QLineEdit(self.stored.user)
        self.user.setPlaceholderText("the name you sign in with, often your address")
        self.form.add("user", "&User", self.user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.add("password", "Pass&word", self.password, self.keychain_text())
        self.from_address = QLineEdit(self.stored.from_address)
        self.from_address.setPlaceholderText("the address messages come from")
        self.form.add("from", "&From address", self.from_address)
        self.from_name = QLineEdit(self.stored.from_name)
        self.from_name.setPlaceholderText("e.g. IURC Asia & Australasia team")
        self.form.add("from_name", "From &name", self.from_name)
        self.trust_cert = QLineEdit(self.stored.trust_cert)
        self.trust_cert.setPlaceholderText("only for a server your computer does not trust yet")
        browse = QPushButton(icon("folder-open"), "Choose…")
        browse.setAccessibleName("Choose the trusted certificate file")
        browse.clicked.connect(self._choose_certificate)
        certificate = QWidget()
        row = QHBoxLayout(certificate)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.trust_cert, 1)
        row.addWidget(browse)
        self.form.add("trust-cert", "&Trusted certificate", certificate,
                      "A PEM file; the server's certificate must be signed by it (a self-signed one: the file itself).")
        self.trust_cert.setAccessibleName("Trusted certificate")
        self.check_button = QPushButton(icon("send"), "Sa&ve and check the server")
        self.check_button.setToolTip("Save these settings, then connect and log in to the server (nothing is sent)")
        self.check_button.clicked.connect(self.check_server)
        self.check_button.setVisible(tasks is not None)
        self.problem = ProblemLabel("Mail server problem")
        self.problem.hide()
        self.result = QLabel()
        self.result.setAccessibleName("Server check result")
        self.result.setWordWrap(True)
        self.result.hide()
        self.security.currentIndexChanged.connect(self._security_changed)
        for name, edit in (("host", self.host), ("from", self.from_address), ("trust-cert", self.trust_cert)):
            edit.editingFinished.connect(lambda n=name: self.check(n))
            edit.textEdited.connect(lambda _text, n=name: self.form.set_problem(n, ""))
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result)
        layout.addWidget(self.problem)
        layout.addStretch(1)

    # --- reading the fields --------------------------------------------------------------
    def keychain_text(self) -> str:
        """Where the password goes, whether one is kept, or why none can be: never the password itself."""
        from ...core.mail.settings import PASSWORD_ENV, has_stored_password

        stored = has_stored_password(self.stored)
        if stored is None:
            self.password.setPlaceholderText("cannot be kept on this computer")
            return ("No keychain on this computer, and the app never writes the password to a file: it is asked for"
                    f" at each sending (or read from {PASSWORD_ENV}).")
        if stored:
            self.password.setPlaceholderText("kept in the keychain: type a new one to replace it")
            return "Kept in this computer's keychain, never in the database or a file. Leave empty to keep it."
        self.password.setPlaceholderText("none kept yet")
        return "Kept in this computer's keychain, never in the database or a file. Leave empty if the server needs none."

    def values(self) -> MailSettings:
        from ...app.outbox import MailSettings

        return MailSettings(
            host=self.host.text().strip(), port=self.port.value(), security=str(self.security.currentData()),
            user=self.user.text().strip(), from_address=self.from_address.text().strip(),
            from_name=self.from_name.text().strip(), trust_cert=self.trust_cert.text().strip(),
        )

    def changed(self) -> bool:
        return self.values() != self.stored or bool(self.password.text())

    def _security_changed(self, _index: int) -> None:
        """A port that was the old security's usual one follows the new security."""
        from ...core.mail.settings import PORTS

        if self.port.value() in PORTS.values():
            self.port.setValue(PORTS[self.security.currentData()])
        self.check("security")

    def _choose_certificate(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Trusted certificate", self.trust_cert.text(),
                                                "Certificates (*.pem *.crt *.cer);;All files (*)")
        if chosen:
            self.trust_cert.setText(chosen)
            self.check("trust-cert")

    # --- checking and saving -------------------------------------------------------------
    def check(self, name: str) -> None:
        """Show what is wrong with field `name` now (the other fields' problems wait for OK), and what is unwise."""
        from ...app import outbox
        from ...core.mail.settings import warnings

        unsafe = " ".join(warnings(self.values()))
        self.unsafe.setText(unsafe)
        self.unsafe.setVisible(bool(unsafe))
        problem = ""
        if self.host.text().strip() or name == "host":  # without a server nothing else can be judged
            try:
                outbox.settings_with(self.values())
            except ValidationError as exc:
                problem = "\n".join(split_problems(str(exc), (name,))[0].get(name, ()))
        self.form.set_problem(name, problem)
        self.resized.emit()

    def save(self) -> bool:
        """Store the settings (and a typed password) if they changed; False with each problem beside its field."""
        from ...app import outbox

        self._show_problem("")
        if not self.changed():
            return True
        try:
            saved = outbox.save_settings(self.values(), password=self.password.text() or None)
        except ValidationError as exc:
            self._show_problem("\n".join(self.form.show_problems(str(exc))))
            return False
        except IurcError as exc:  # no keychain for a typed password, a settings file that cannot be written
            self._show_problem(str(exc))
            return False
        self.form.clear_problems()
        self.password.clear()
        self.stored = saved.settings
        self.form.hints["password"].setText(self.keychain_text())
        return True

    def check_server(self) -> Any:
        """Save, then connect and log in to the server on the worker (nothing is sent); say what it answered."""
        from ...app import outbox

        typed = self.password.text() or None  # used for this check even where no keychain can keep it
        if self.tasks is None or not self.save():
            return None
        self.result.setText(f"Connecting to {self.stored.host}…")
        self.result.show()
        self.check_button.setEnabled(False)
        task = self.tasks.submit("Checking the mail server…", lambda _p, _t: outbox.check_server(typed))
        task.finished.connect(lambda text: self.result.setText(str(text)))
        task.failed.connect(lambda exc: self.result.setText(f"Not working: {exc}" if isinstance(exc, IurcError) else
                                                            "Not working: the check failed unexpectedly."))
        task.ended.connect(lambda: self.check_button.setEnabled(True))
        task.ended.connect(self.resized)
        return task

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        self.resized.emit()
