"""File ▸ Connect to server…: a team's PostgreSQL database, without the app ever storing a password.

The URL names host, port, database and user only (or a pg_service.conf
service); libpq finds the password itself in ~/.pgpass, PGPASSWORD or the
service file. A password typed here is handed to libpq for this session only
(PGPASSWORD in the running process) and written nowhere.
"""

from __future__ import annotations

import os

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QSpinBox,
    QVBoxLayout, QWidget,
)

from ...core.errors import DatabaseError, first_line
from ..shell.palette import ProblemLabel
from ..shell.settings import ServerConnection, Settings
from ..worker import TaskRunner

def server_url(server: ServerConnection) -> str:
    """The URL of a server connection; never carries a password."""
    from ...app.team import server_url as url_of

    return url_of(host=server.host, port=server.port, database=server.database, user=server.user, service=server.service)


def explain(exc: BaseException, server: ServerConnection) -> str:
    """Why a connection failed, in words a person can act on."""
    text = str(getattr(exc, "orig", None) or exc)
    lowered = text.lower()
    where = server.label
    if isinstance(exc, ImportError) or "psycopg" in lowered and ("no module" in lowered or "can't load plugin" in lowered):
        return ("The PostgreSQL driver (psycopg) is not installed. Install IURC Desktop with its postgresql extra "
                "(pip install 'iurc-desktop[postgresql]'), then try again.")
    if "password authentication failed" in lowered:
        return f"The server refused the password of {server.user or 'this user'}. Check the password (or your ~/.pgpass entry) and try again."
    if "no password supplied" in lowered or "fe_sendauth" in lowered:
        return f"The server asks for a password for {server.user or 'this user'}: type it here, or put it in ~/.pgpass."
    if "database" in lowered and "does not exist" in lowered:
        return f"The server has no database named {server.database!r}. Ask its administrator to create it (IURC Desktop fills an empty one)."
    if "role" in lowered and "does not exist" in lowered:
        return f"The server has no user named {server.user!r}. Check the user name."
    if "service" in lowered and ("not found" in lowered or "definition" in lowered):
        return f"No service named {server.service!r} in your pg_service.conf (or PGSERVICEFILE)."
    if any(word in lowered for word in ("connection refused", "timeout expired", "could not connect", "could not translate host", "no route")):
        return (f"No PostgreSQL server answers at {server.host or 'localhost'}:{server.port}. Check that the server is "
                "running and that the host and port are right (and that you are on the network it is on).")
    return f"Cannot connect to {where}: {first_line(exc)}"


def try_connection(server: ServerConnection, password: str = "") -> str:
    """Connect once and say to what; raises with a plain message when it fails."""
    from ...app.team import connect_once

    try:
        reached = connect_once(server_url(server), password)
    except Exception as exc:  # the driver's many failures become one plain message
        raise DatabaseError(explain(exc, server)) from None
    return f"Connected to {reached.database} as {reached.user} (PostgreSQL {reached.version})."


_TYPED: dict[str, str] = {}  # the password this app last put in PGPASSWORD


def hand_password(password: str) -> None:
    """Give libpq the typed password (this process only, never saved), and never an earlier one to another server.

    Without a typed password, one typed earlier for another server is taken back;
    a PGPASSWORD the user set before starting the app stays.
    """
    if password:
        os.environ["PGPASSWORD"] = _TYPED["password"] = password
    elif _TYPED.get("password") is not None and os.environ.get("PGPASSWORD") == _TYPED.pop("password"):
        del os.environ["PGPASSWORD"]


class ConnectDialog(QDialog):
    """Host, port, database, user (or a service), an optional password and "remember"."""

    def __init__(self, settings: Settings, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Connect to server")
        self.settings = settings
        self.tasks = tasks
        self.saved = QComboBox()
        self.saved.setAccessibleName("Saved connections")
        self.saved.addItem("(new connection)", None)
        for server in settings.servers:
            self.saved.addItem(server.label, server)
        self.saved.currentIndexChanged.connect(self._pick_saved)
        self.host = self._line("Host", "db.example.org")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.port.setAccessibleName("Port")
        self.database = self._line("Database", "iurc")
        self.user = self._line("User", os.environ.get("PGUSER", ""))
        self.service = self._line("Service", "optional: a name from pg_service.conf")
        self.password = self._line("Password", "optional: else ~/.pgpass or PGPASSWORD")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox("Remember this connection (without the password)")
        self.remember.setChecked(True)
        self.test_button = QPushButton("&Test connection")
        self.test_button.clicked.connect(self.test)
        self.result_label = QLabel()
        self.result_label.setAccessibleName("Connection test result")
        self.result_label.setWordWrap(True)
        self.problem = ProblemLabel("Connection problem")
        self._build()

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        line = QLineEdit()
        line.setAccessibleName(name)
        line.setPlaceholderText(placeholder)
        return line

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow("&Saved:", self.saved)
        form.addRow("&Host:", self.host)
        form.addRow("&Port:", self.port)
        form.addRow("&Database:", self.database)
        form.addRow("&User:", self.user)
        form.addRow("Pass&word:", self.password)
        form.addRow("Ser&vice:", self.service)
        note = QLabel("The password is used for this session only and never saved. "
                      "Without one, PostgreSQL's own ~/.pgpass, PGPASSWORD or service file is used.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Connect")
        buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.remember)
        layout.addWidget(self.result_label)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)

    def _pick_saved(self, index: int) -> None:
        server = self.saved.itemData(index)
        if isinstance(server, ServerConnection):
            self.host.setText(server.host)
            self.port.setValue(server.port)
            self.database.setText(server.database)
            self.user.setText(server.user)
            self.service.setText(server.service)

    def server(self) -> ServerConnection:
        """The connection as typed (no password in it)."""
        return ServerConnection(self.host.text().strip(), self.port.value(), self.database.text().strip(),
                                self.user.text().strip(), self.service.text().strip())

    def url(self) -> str:
        return server_url(self.server())

    def test(self) -> None:
        """Try the connection on the worker and say how it went."""
        server, password = self.server(), self.password.text()
        self.test_button.setEnabled(False)
        self.problem.setText("")
        self.result_label.setText(f"Connecting to {server.label}…")
        task = self.tasks.submit("Testing the connection…", lambda _progress, _token: try_connection(server, password))
        task.finished.connect(self.result_label.setText)
        task.failed.connect(self._test_failed)
        task.ended.connect(lambda: self.test_button.setEnabled(True))

    def _test_failed(self, exc: BaseException) -> None:
        self.result_label.setText("")
        self.problem.setText(str(exc))

    def accept(self) -> None:
        server = self.server()
        if not server.service and not server.database:
            self.problem.setText("Name the database to open (or a service from pg_service.conf).")
            return
        hand_password(self.password.text())
        if self.remember.isChecked():
            self.settings = self.settings.with_server(server)
        super().accept()
