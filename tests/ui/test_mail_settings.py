"""The Settings dialog's Mail server tab: problems beside their field, the password kept in the keychain and never shown
back, a clear word when the computer has no keychain, and a server check that logs in and sends nothing."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QLabel

from iurc_desktop.app import outbox
from iurc_desktop.core.mail.settings import KEYRING_SERVICE, settings_path
from iurc_desktop.ui.dialogs.settings_dialog import SettingsDialog
from iurc_desktop.ui.shell.settings import Settings
from iurc_desktop.ui.worker import TaskRunner
from tests.mail_server import Recorder, Server, accept_login

pytest_plugins = ("tests.mail_fixtures",)

SECRET = "s3cret-Passw0rd"


@pytest.fixture(autouse=True)
def _no_password_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IURC_SMTP_PASSWORD", raising=False)


@pytest.fixture
def no_keychain():  # type: ignore[no-untyped-def]
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


def open_dialog(qtbot, tasks: TaskRunner | None = None) -> SettingsDialog:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(Settings(), tasks=tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.mail)
    return dialog


def problems(dialog: SettingsDialog) -> dict[str, str]:
    form = dialog.mail.form
    return {name: label.text() for name, label in form.problems.items() if label.isVisibleTo(dialog)}


def fill(dialog: SettingsDialog, **values: str) -> None:
    mail = dialog.mail
    for name, value in values.items():
        getattr(mail, name).setText(value)


def test_a_bad_value_is_shown_beside_its_field_and_nothing_is_saved(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot)
    fill(dialog, host="smtp.example.eu", from_address="not an address", trust_cert="/nowhere/ca.pem")
    dialog.accept()
    assert dialog.isVisible() and dialog.tabs.currentWidget() is dialog.mail  # stays open on the tab to correct
    shown = problems(dialog)
    assert set(shown) == {"from", "trust-cert"}
    assert "not an address" in shown["from"] or "e-mail" in shown["from"]
    assert "/nowhere/ca.pem does not exist" in shown["trust-cert"]
    assert not settings_path().exists()


def test_a_problem_shows_while_typing_once_the_field_is_left(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot)
    fill(dialog, host="smtp example")
    dialog.mail.host.editingFinished.emit()
    assert "is not a server name" in problems(dialog)["host"]
    dialog.mail.host.setText("smtp.example.eu")
    dialog.mail.host.editingFinished.emit()
    assert problems(dialog) == {}


def test_unencrypted_to_another_computer_is_warned_about(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot)
    fill(dialog, host="smtp.example.eu")
    dialog.mail.security.setCurrentIndex(dialog.mail.security.findData("none"))
    assert dialog.mail.port.value() == 25  # the usual port follows the security
    assert dialog.mail.unsafe.isVisibleTo(dialog) and "unencrypted" in dialog.mail.unsafe.text()


def test_the_password_goes_to_the_keychain_and_is_never_shown_back(qtbot, memory_keyring, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot)
    fill(dialog, host="smtp.example.eu", user="aa-team", from_address="info-aa@example.eu", password=SECRET)
    dialog.accept()
    assert not dialog.isVisible()
    assert memory_keyring.secrets == {(KEYRING_SERVICE, "aa-team@smtp.example.eu"): SECRET}
    assert outbox.load_settings().host == "smtp.example.eu"
    written = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert SECRET.encode() not in written  # not in the settings file, nor anywhere under the test's folders

    again = open_dialog(qtbot)
    assert again.mail.password.text() == ""  # never filled with the stored one
    assert "kept in the keychain" in again.mail.password.placeholderText()
    assert SECRET not in " ".join(label.text() for label in again.findChildren(QLabel))
    again.accept()  # an empty field keeps the stored password
    assert memory_keyring.secrets[(KEYRING_SERVICE, "aa-team@smtp.example.eu")] == SECRET


def test_without_a_keychain_the_tab_says_so_and_a_typed_password_is_refused_unsaved(qtbot, no_keychain) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot)
    assert "No keychain on this computer" in dialog.mail.form.hints["password"].text()
    fill(dialog, host="smtp.example.eu", user="aa-team", from_address="info-aa@example.eu", password=SECRET)
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.mail.problem.isVisibleTo(dialog) and "no keychain" in dialog.mail.problem.text()
    assert not settings_path().exists()
    fill(dialog, password="")
    dialog.accept()  # without the password the settings are kept; the window asks for it when sending
    assert not dialog.isVisible() and outbox.load_settings().user == "aa-team"


def test_check_the_server_saves_then_logs_in_and_sends_nothing(qtbot, memory_keyring, servers) -> None:  # type: ignore[no-untyped-def]
    handler = Recorder()
    server = Server(handler, authenticator=accept_login("aa-team", SECRET, handler.logins), auth_require_tls=False).start()
    servers.append(server)
    tasks = TaskRunner()
    dialog = open_dialog(qtbot, tasks)
    fill(dialog, host="127.0.0.1", user="aa-team", from_address="info-aa@example.eu", password=SECRET)
    dialog.mail.security.setCurrentIndex(dialog.mail.security.findData("none"))
    dialog.mail.port.setValue(server.port)
    task = dialog.mail.check_server()
    assert task is not None
    with qtbot.waitSignal(task.ended, timeout=30000):
        pass
    assert "accepted the connection and the login as aa-team" in dialog.mail.result.text()
    assert handler.logins == [("aa-team", SECRET.encode())] and handler.received == []
    assert dialog.mail.password.text() == ""
    tasks.shutdown()
