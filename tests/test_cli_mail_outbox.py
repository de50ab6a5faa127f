"""`mail-settings`, `send` and `outbox` on the command line; the password never lands in a file."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from iurc_desktop.app import database, outbox
from iurc_desktop.core.errors import ValidationError
from iurc_desktop.core.mail.draft import Draft
from tests.cli_support import digest, run
from tests.mail_server import MemoryKeyring, Recorder, Server, accept_login, self_signed, server_context

pytest_plugins = ("tests.mail_fixtures",)

SECRET = "Sesame-7f3Q!kx9"
SENDER = "info-aa@example.eu"


@pytest.fixture(autouse=True)
def own_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings and user data of this test alone (so the test can read every file the app wrote)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("IURC_SMTP_PASSWORD", raising=False)


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'iurc.db'}"


def _queue(url: str, *addresses: str) -> None:
    opened = database.open(url)
    try:
        outbox.queue(opened, [Draft(a, a.split("@")[0].title(), f"Hello {a}", "Hello\n", "free") for a in addresses])
    finally:
        opened.dispose()


def _settings(capsys: pytest.CaptureFixture[str], port: int, *more: str) -> tuple[int, str, str]:
    return run(capsys, "mail-settings", "--host", "127.0.0.1", "--port", str(port), "--security", "none",
               "--from", SENDER, *more)


def _prompt(monkeypatch: pytest.MonkeyPatch, answer: str = SECRET) -> None:
    monkeypatch.setattr("iurc_desktop.cli.outbox.getpass", lambda prompt: answer)


def test_mail_settings_are_saved_and_printed_without_the_password(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring,
        tmp_path: Path) -> None:
    code, out, err = run(capsys, "mail-settings")
    assert code == 0 and "No mail server is set" in out
    _prompt(monkeypatch)
    code, out, err = run(capsys, "mail-settings", "--host", "smtp.example.eu", "--user", "aa-team", "--from", SENDER,
                         "--from-name", "IURC AA team", "--password-prompt")
    assert code == 0, err
    assert "put the password in the keychain" in err
    assert memory_keyring.secrets == {("iurc-desktop-smtp", "aa-team@smtp.example.eu"): SECRET}
    code, out, err = run(capsys, "mail-settings")
    assert code == 0 and "smtp.example.eu" in out and "587" in out and "starttls" in out and "in the keychain" in out
    assert "IURC AA team <info-aa@example.eu>" in out and SECRET not in out + err
    code, out, _ = run(capsys, "mail-settings", "--json")
    shown = json.loads(out)
    assert shown["host"] == "smtp.example.eu" and shown["password"] == "keychain" and SECRET not in out
    assert SECRET not in (tmp_path / "config" / "iurc-desktop" / "mail.json").read_text(encoding="utf-8")


def test_no_encryption_to_another_computer_is_warned_about_and_bad_values_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "mail-settings", "--host", "smtp.example.eu", "--security", "none", "--from", SENDER)
    assert code == 0 and "warning: security none: mail to smtp.example.eu travels unencrypted" in err
    code, _, err = run(capsys, "mail-settings", "--host", "localhost", "--security", "none")
    assert code == 0 and "warning" not in err
    code, _, err = run(capsys, "mail-settings", "--port", "70000", "--from", "not-an-address")
    assert code == 1 and "port: 70000 is not a port number" in err and "from: not-an-address is not an e-mail address" in err
    code, out, _ = run(capsys, "mail-settings")
    assert "localhost" in out and "70000" not in out  # the refused change left the settings as they were


def test_without_a_keychain_the_password_is_refused_plainly_and_can_be_given_per_run(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, servers: list[Server], url: str,
        tmp_path: Path) -> None:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        _prompt(monkeypatch)
        code, _, err = run(capsys, "mail-settings", "--host", "smtp.example.eu", "--user", "aa", "--from", SENDER,
                           "--password-prompt")
        assert code == 1 and "no keychain" in err and "IURC_SMTP_PASSWORD" in err and "Traceback" not in err
        assert not (tmp_path / "config" / "iurc-desktop" / "mail.json").exists()  # refused: nothing saved

        cert, key = self_signed(tmp_path)
        handler = Recorder()
        server = Server(handler, tls_context=server_context(cert, key), require_starttls=True,
                        authenticator=accept_login("aa", SECRET, handler.logins)).start()
        servers.append(server)
        code, out, err = run(capsys, "mail-settings", "--host", "localhost", "--port", str(server.port), "--user", "aa",
                             "--from", SENDER, "--trust-cert", str(cert))
        assert code == 0 and "no keychain on this computer" in out
        _queue(url, "ane@example.eus")
        code, _, err = run(capsys, "--db", url, "send")
        assert code == 1 and "error: No password for aa@localhost" in err and handler.received == []
        monkeypatch.setenv("IURC_SMTP_PASSWORD", SECRET)
        code, out, err = run(capsys, "--db", url, "send")
        assert code == 0, err
        assert len(handler.received) == 1 and handler.logins == [("aa", SECRET.encode())]

        monkeypatch.delenv("IURC_SMTP_PASSWORD")  # at a terminal, `send` asks for it instead
        monkeypatch.setattr("sys.stdin.isatty", lambda: True)
        _queue(url, "kim@example.kr")
        code, out, err = run(capsys, "--db", url, "send")
        assert code == 0, err
        assert len(handler.received) == 2 and handler.logins[-1] == ("aa", SECRET.encode()) and SECRET not in out + err
    finally:
        keyring.set_keyring(before)


def test_the_password_is_never_written_to_the_database_a_log_or_a_file(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring,
        servers: list[Server], url: str, tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    handler = Recorder(refuse={"kim@example.kr"})
    server = Server(handler, tls_context=server_context(cert, key), require_starttls=True,
                    authenticator=accept_login("aa-team", SECRET, handler.logins)).start()
    servers.append(server)
    _prompt(monkeypatch)
    code, _, err = run(capsys, "mail-settings", "--host", "localhost", "--port", str(server.port), "--user", "aa-team",
                       "--from", SENDER, "--trust-cert", str(cert), "--password-prompt", "--check")
    assert code == 0, err
    assert "accepted the connection and the login as aa-team" in err
    _queue(url, "ane@example.eus", "kim@example.kr", "li@example.cn")
    code, out, err = run(capsys, "--db", url, "send")
    shown = out + err
    code2, out2, err2 = run(capsys, "--db", url, "outbox", "--json")
    shown += out2 + err2

    assert code == 1 and len(handler.received) == 2 and handler.logins[-1] == ("aa-team", SECRET.encode())
    assert memory_keyring.secrets  # where it is kept, and the only place
    forms = [SECRET.encode(), SECRET.encode("utf-16-le"), base64.b64encode(SECRET.encode()),
             base64.b64encode(f"\0aa-team\0{SECRET}".encode())]  # AUTH PLAIN's form on the wire
    written = [p for p in tmp_path.rglob("*") if p.is_file()]  # the database, its log, config, data, temporary files
    assert any(p.name == "iurc.db" for p in written) and any(p.name == "mail.json" for p in written)
    for path in written:
        data = path.read_bytes()
        assert not any(form in data for form in forms), path
    assert SECRET not in shown and base64.b64encode(SECRET.encode()).decode() not in shown


def test_send_prints_progress_and_a_summary_and_fails_when_some_did_not_go(
        capsys: pytest.CaptureFixture[str], servers: list[Server], url: str) -> None:
    handler = Recorder(refuse={"kim@example.kr"})
    server = Server(handler).start()
    servers.append(server)
    assert _settings(capsys, server.port)[0] == 0
    _queue(url, "ane@example.eus", "kim@example.kr", "li@example.cn")
    before = digest(url)
    code, out, err = run(capsys, "--db", url, "send", "--dry-run")
    assert code == 0 and "1/3 would send “Hello ane@example.eus” to Ane" in out
    assert "Dry run: 3 messages would be sent; nothing was sent or changed." in out
    assert handler.received == [] and digest(url) == before

    code, out, err = run(capsys, "--db", url, "send")
    assert code == 1
    assert "2/3 refused “Hello kim@example.kr” to Kim: 550 5.1.1" in out
    assert "Sent 2 messages; 1 refused by the server (see `outbox --state failed`)." in out
    code, out, _ = run(capsys, "--db", url, "outbox", "--state", "failed", "--json")
    failed = json.loads(out)
    assert failed["counts"]["sent"] == 2 and [m["to_address"] for m in failed["messages"]] == ["kim@example.kr"]
    assert "User unknown" in failed["messages"][0]["last_error"]

    handler.refuse.clear()
    code, _, err = run(capsys, "--db", url, "outbox", "--retry", "failed")
    assert code == 0 and "Queued again 1 message" in err
    code, out, _ = run(capsys, "--db", url, "send", "--json")
    assert code == 0 and json.loads(out)["sent"] == 1
    code, out, _ = run(capsys, "--db", url, "outbox")
    assert out.startswith("Outbox: 3 sent.") and "Kim <kim@example.kr>" in out


def test_cancel_from_the_command_line_and_a_server_not_trusted_told_without_a_traceback(
        capsys: pytest.CaptureFixture[str], servers: list[Server], url: str, tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    server = Server(Recorder(), ssl_context=server_context(cert, key)).start()
    servers.append(server)
    assert run(capsys, "mail-settings", "--host", "localhost", "--port", str(server.port), "--security", "tls",
               "--from", SENDER)[0] == 0
    _queue(url, "ane@example.eus", "kim@example.kr")
    code, out, err = run(capsys, "--db", url, "send")
    assert code == 1 and err.startswith("error: The mail server localhost:") and "is not trusted" in err
    assert "Traceback" not in err and "internal error" not in err
    code, _, err = run(capsys, "--db", url, "outbox", "--cancel", "queued")
    assert code == 0 and "Cancelled 2 messages" in err
    code, _, err = run(capsys, "--db", url, "outbox", "--cancel", "lost")
    assert code == 1 and "'lost' is neither a message id" in err
    code, out, _ = run(capsys, "--db", url, "send")
    assert code == 0 and "Sent 0 messages." in out  # nothing queued: no connection is even tried


def test_send_without_settings_says_what_to_set(capsys: pytest.CaptureFixture[str], url: str) -> None:
    code, _, err = run(capsys, "--db", url, "send")
    assert code == 1 and "The mail server is not set" in err and "mail-settings --host HOST" in err
    code, _, err = run(capsys, "--db", url, "outbox")
    assert code == 0


def test_queuing_before_the_sender_address_is_set_is_refused(url: str) -> None:
    opened = database.open(url)
    try:
        with pytest.raises(ValidationError, match="sender's address is not set"):
            outbox.queue(opened, [Draft("ane@example.eus", "Ane", "Hello", "Hi", "free")])
    finally:
        opened.dispose()
