"""Handing messages to the user's SMTP server (standard library `smtplib` and `ssl`), one step at a time.

Each message goes through MAIL, RCPT and DATA by hand rather than `sendmail`, so
that when the connection breaks the app knows which side of the handover it was
on: before the end of the message was sent, the server cannot deliver it (it
stays queued); after, while waiting for the server's answer, it may have (review).
TLS checks the server's certificate against the system's authorities, plus the
one file the user chose to trust (a self-signed server); never less.
"""

from __future__ import annotations

import re
import smtplib
import socket
import ssl
from dataclasses import dataclass
from types import TracebackType

from ..core.errors import IurcError
from ..core.mail.message import is_international
from ..core.mail.settings import MailSettings

TIMEOUT = 60  # seconds for connecting and for each step; outbox.STALE is well beyond it
_LINE_START_DOT = re.compile(rb"(?m)^\.")


class MailServerError(IurcError):
    """The mail server cannot be reached, trusted or logged in to; nothing was sent."""


@dataclass(frozen=True)
class Delivery:
    """What became of one message: its new state, the server's words, and whether the connection is gone."""

    state: str  # "sent", "failed" (refused), "queued" (try later, or never handed over), "review" (fate unknown)
    reason: str = ""
    lost: bool = False


def _words(code: int, text: bytes | str) -> str:
    said = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(said.split())}".strip()


class Connection:
    """One SMTP session with the server of `settings`, open for a batch of messages."""

    def __init__(self, settings: MailSettings, password: str | None, *, timeout: float = TIMEOUT) -> None:
        self.settings = settings
        self._password = password
        self._timeout = timeout
        self._smtp: smtplib.SMTP | None = None

    @property
    def where(self) -> str:
        return f"{self.settings.host}:{self.settings.port}"

    def __enter__(self) -> Connection:
        self.open()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def open(self) -> None:
        """Connect, secure the line and log in, or raise MailServerError saying what to change."""
        try:
            self._smtp = self._connect()
            self._login(self._smtp)
        except MailServerError:
            self.close()
            raise
        except ssl.SSLCertVerificationError as exc:
            self.close()
            raise MailServerError(
                f"The mail server {self.where} is not trusted: its certificate failed the check"
                f" ({exc.verify_message or 'not verified'}). Nothing was sent. If it is your own server with a"
                " self-signed certificate, trust that certificate: `mail-settings --trust-cert FILE`.") from None
        except (ssl.SSLError, smtplib.SMTPException, OSError) as exc:
            self.close()
            raise MailServerError(f"Cannot connect to the mail server {self.where}: {_failure(exc)}. Nothing was sent;"
                                  " check the host, port and security in the mail settings.") from None

    def _connect(self) -> smtplib.SMTP:
        host, port, security = self.settings.host, self.settings.port, self.settings.security
        if security == "tls":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=self._timeout, context=self._context())
        else:
            smtp = smtplib.SMTP(host, port, timeout=self._timeout)
        try:
            smtp.ehlo()
            if security == "starttls":
                self._secure(smtp)
        except BaseException:
            smtp.close()
            raise
        return smtp

    def _secure(self, smtp: smtplib.SMTP) -> None:
        """STARTTLS, or a refusal: never carry on unencrypted when encryption was asked for."""
        if not smtp.has_extn("starttls"):
            raise MailServerError(f"The mail server {self.where} does not offer STARTTLS. Nothing was sent; choose"
                                  " tls (usually port 465) in the mail settings, or ask its administrator.")
        smtp.starttls(context=self._context())
        smtp.ehlo()

    def _context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()  # verifies the certificate and the host name
        if self.settings.trust_cert:
            try:
                context.load_verify_locations(cafile=self.settings.trust_cert)
            except (OSError, ssl.SSLError) as exc:
                raise MailServerError(f"The certificate to trust, {self.settings.trust_cert}, cannot be read"
                                      f" ({_failure(exc)}). Nothing was sent.") from None
        return context

    def _login(self, smtp: smtplib.SMTP) -> None:
        if not self.settings.user:
            return
        if not self._password:
            raise MailServerError(f"No password for {self.settings.account}. Nothing was sent; store it with"
                                  " `mail-settings --password-prompt`, or set IURC_SMTP_PASSWORD for this run.")
        try:
            smtp.login(self.settings.user, self._password)
        except smtplib.SMTPAuthenticationError as exc:
            raise MailServerError(f"The mail server {self.where} refused the user name or password"
                                  f" ({_words(exc.smtp_code, exc.smtp_error)}). Nothing was sent.") from None
        except smtplib.SMTPNotSupportedError:
            raise MailServerError(f"The mail server {self.where} offers no login on this connection. Nothing was"
                                  " sent; choose starttls or tls, or clear the user for a relay that needs none.") from None

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()

    def _drop(self) -> None:
        """Let go of a connection that broke: close the socket without a QUIT nobody would answer."""
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            smtp.close()

    def deliver(self, sender: str, recipient: str, raw: bytes) -> Delivery:
        """Hand one message over; never raises for what the server or the line does."""
        smtp = self._smtp
        if smtp is None:
            return Delivery("queued", "not connected", lost=True)
        try:
            refused = self._envelope(smtp, sender, recipient, raw)
            if refused is not None:
                return refused
            smtp.send(_LINE_START_DOT.sub(b"..", raw.rstrip(b"\r\n")) + b"\r\n.\r\n")
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            # The final "." never reached the server, so it cannot deliver this message: it stays queued.
            self._drop()
            return Delivery("queued", f"The connection was lost before the message was handed over ({_failure(exc)}).",
                            lost=True)
        try:
            code, text = smtp.getreply()
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            # The whole message went out; the server may have taken it before the line broke. Unknown: review.
            self._drop()
            return Delivery("review", f"The connection was lost while the server was taking the message"
                            f" ({_failure(exc)}): it may have arrived. Retry to send it again, or cancel it.", lost=True)
        return self._answered(smtp, code, text)

    def _envelope(self, smtp: smtplib.SMTP, sender: str, recipient: str, raw: bytes) -> Delivery | None:
        """MAIL, RCPT and DATA; the Delivery of a refusal, or None when the server waits for the message."""
        options = ["SMTPUTF8", "BODY=8BITMIME"] if is_international(raw) else []
        if options and not smtp.has_extn("smtputf8"):
            return Delivery("failed", "The mail server does not take addresses or names in other scripts (no SMTPUTF8).")
        for command in (lambda: smtp.mail(sender, options), lambda: smtp.rcpt(recipient), lambda: smtp.docmd("data")):
            code, text = command()
            if code not in (250, 251, 354):
                return self._answered(smtp, code, text)
        return None

    def _answered(self, smtp: smtplib.SMTP, code: int, text: bytes | str) -> Delivery:
        """The Delivery the server's answer means; after a refusal the session is reset for the next message."""
        if code == 250:
            return Delivery("sent")
        words = _words(code, text)
        if code == 421 or code < 0:  # the server is closing the line (or already has)
            self._drop()
            return Delivery("queued", f"The server closed the connection: {words}", lost=True)
        try:
            smtp.rset()
        except (smtplib.SMTPException, OSError):
            self._drop()
            return Delivery("queued" if 400 <= code < 500 else "failed", words, lost=True)
        return Delivery("queued" if 400 <= code < 500 else "failed", words)


def _failure(exc: BaseException) -> str:
    """What a network or TLS failure says, in one line without a traceback."""
    if isinstance(exc, socket.gaierror):
        return "the server name is not known"
    if isinstance(exc, ConnectionRefusedError):
        return "the connection was refused (is the server running, on this port?)"
    if isinstance(exc, TimeoutError):
        return "no answer in time"
    if isinstance(exc, ssl.SSLError):
        return f"TLS failed: {exc.reason or exc}"
    text = " ".join(str(exc).split())
    return text or type(exc).__name__
