"""A real SMTP server on localhost for the mail tests (aiosmtpd), a self-signed certificate, an in-memory keychain.

The fixtures that start and stop them are in tests/mail_fixtures.py.

The server records every message it accepts. It can refuse recipients (550),
answer "try later" (451), break the connection at the Nth message before it is
handed over (a server that stops mid-batch), or after the Nth message's data
arrived but before it answers (the fate of that message unknown to the sender).
"""

from __future__ import annotations

import asyncio
import socket
import threading
import ssl
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, message_from_string, policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, Session, SMTP
from keyring.backend import KeyringBackend


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        if not self.data.isascii():  # SMTPUTF8: headers in UTF-8, which the bytes parser would not decode
            return message_from_string(self.data.decode("utf-8"), policy=policy.default)  # type: ignore[return-value]
        return message_from_bytes(self.data, policy=policy.default)  # type: ignore[return-value]


@dataclass
class Recorder:
    """An aiosmtpd handler keeping what it accepts, with the failures a test asks for."""

    received: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)  # recipients answered 550
    later: set[str] = field(default_factory=set)  # recipients answered 451
    die_at_mail: int | None = None  # break the line when the Nth MAIL FROM arrives (1-based)
    die_after_data: int | None = None  # take the Nth message's data, then break the line without answering
    hold_after_data: int | None = None  # take the Nth message's data, then answer only once `release` is set
    release: threading.Event = field(default_factory=threading.Event)
    logins: list[tuple[str, bytes]] = field(default_factory=list)
    mails: int = 0

    async def handle_MAIL(self, server: SMTP, session: Session, envelope: Envelope, address: str,
                          options: list[str]) -> str:
        self.mails += 1
        if self.die_at_mail is not None and self.mails >= self.die_at_mail:
            server.transport.close()  # the server goes away mid-batch
            return "421 going away"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope, address: str,
                          options: list[str]) -> str:
        if address in self.refuse:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown in virtual mailbox table" % address
        if address in self.later:
            return "451 4.7.1 Greylisted, please try again in 5 minutes"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content)))
        if self.die_after_data is not None and len(self.received) >= self.die_after_data:
            server.transport.close()  # taken, but the sender never hears so
        while self.hold_after_data == len(self.received) and not self.release.is_set():
            await asyncio.sleep(0.02)  # the sender waits for the answer (and may be killed meanwhile)
        return "250 2.0.0 Ok: queued"

    def message_ids(self) -> list[str]:
        return [str(r.message["Message-ID"]) for r in self.received]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """One aiosmtpd server on 127.0.0.1, started and stopped by the test."""

    def __init__(self, handler: Recorder, *, port: int | None = None, **smtp: object) -> None:
        self.handler = handler
        self.port = port or free_port()
        self._smtp = smtp
        self._controller: Controller | None = None

    def start(self) -> Server:
        self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **self._smtp)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for localhost and 127.0.0.1, signed by its own key: (certificate, key) as PEM files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    import ipaddress

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "server.pem", folder / "server.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


def server_context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    return context


class MemoryKeyring(KeyringBackend):
    """A keychain in memory: what the operating system's would hold, for the tests."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def accept_login(user: str, password: str, logins: list[tuple[str, bytes]]):  # type: ignore[no-untyped-def]
    """An aiosmtpd authenticator taking only this user and password (and noting each try)."""

    def authenticator(server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: object) -> AuthResult:
        login, secret = getattr(data, "login", b""), getattr(data, "password", b"")
        logins.append((login.decode(), secret))
        return AuthResult(success=login == user.encode() and secret == password.encode())

    return authenticator


def serve(servers: list[Server]) -> Recorder:
    """A recording server on localhost, stopped with `servers` (their fixture), and mail settings that send to it."""
    from iurc_desktop.app import outbox

    handler = Recorder()
    server = Server(handler).start()
    servers.append(server)
    outbox.save_settings(outbox.MailSettings(host="127.0.0.1", port=server.port, security="none",
                                             from_address="team@example.eu", from_name="IURC team"))
    return handler
