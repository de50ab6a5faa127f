"""The user's SMTP server: where, as whom, how secured, from which address; the password only in the keychain.

The settings are one small JSON file in the user configuration folder, read by
the window and the command line alike. The password never goes into it (nor into
the database, a log or any file): it lives in the operating system's keychain
(`keyring`), or, where there is none (a headless Linux), is given per run in
IURC_SMTP_PASSWORD or typed at a prompt.
"""

from __future__ import annotations

import json
import os
import ssl
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from ..errors import IurcError, ValidationError
from ..paths import config_dir
from ..programme.schema import Fields

FILE_NAME = "mail.json"
SECURITY = ("none", "starttls", "tls")
PORTS = {"none": 25, "starttls": 587, "tls": 465}  # the usual port of each
PASSWORD_ENV = "IURC_SMTP_PASSWORD"
KEYRING_SERVICE = "iurc-desktop-smtp"
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


class KeychainUnavailable(IurcError):
    """The operating system offers no keychain to keep the password in."""


@dataclass(frozen=True)
class MailSettings:
    """Where mail goes out and whom it comes from (never the password)."""

    host: str = ""
    port: int = 587
    user: str = ""  # "" sends without logging in (a relay that needs none)
    security: str = "starttls"  # one of SECURITY
    from_address: str = ""
    from_name: str = ""
    trust_cert: str = ""  # a PEM file: a certificate (or its authority) to trust beside the system's, e.g. self-signed

    @property
    def configured(self) -> bool:
        return bool(self.host and self.from_address)

    @property
    def account(self) -> str:
        """The keychain entry the password is kept under."""
        return f"{self.user}@{self.host}"


def settings_path() -> Path:
    return config_dir() / FILE_NAME


def load(path: Path | None = None) -> MailSettings:
    """The saved settings, or the defaults (nothing set) when there are none or they cannot be read."""
    try:
        raw = json.loads((path or settings_path()).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return MailSettings()
    if not isinstance(raw, dict):
        return MailSettings()
    known = {f.name for f in fields(MailSettings)}
    try:
        return validate(MailSettings(**{k: v for k, v in raw.items() if k in known}))
    except (TypeError, ValidationError):
        return MailSettings()


def save(settings: MailSettings, path: Path | None = None) -> None:
    """Check and write the settings, whole or not at all."""
    from ..output_files import write_text

    validate(settings)
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, json.dumps(asdict(settings), ensure_ascii=False, indent=2) + "\n")


def validate(settings: MailSettings) -> MailSettings:
    """Refuse values that cannot work, one `field: message` line each."""
    problems: list[str] = []
    host = settings.host
    if not isinstance(host, str) or any(c.isspace() for c in host) or "/" in host:
        problems.append(f"host: {host!r} is not a server name (e.g. smtp.example.org)")
    if not isinstance(settings.port, int) or isinstance(settings.port, bool) or not 0 < settings.port < 65536:
        problems.append(f"port: {settings.port!r} is not a port number (1–65535; usually 587, 465 or 25)")
    if settings.security not in SECURITY:
        problems.append(f"security: {settings.security!r} is not one of {', '.join(SECURITY)}")
    if settings.from_address:
        Fields({"from": settings.from_address}, "", problems, ("from",)).email("from")
    if settings.trust_cert:
        problem = certificate_problem(Path(settings.trust_cert))
        if problem:
            problems.append(f"trust-cert: {problem}")
    if problems:
        raise ValidationError(problems)
    return settings


def certificate_problem(path: Path) -> str:
    """Why `path` cannot serve as a certificate to trust, or ""."""
    try:
        ssl.create_default_context().load_verify_locations(cafile=str(path))
    except FileNotFoundError:
        return f"{path} does not exist"
    except (OSError, ssl.SSLError, ValueError):
        return f"{path} is not a certificate in PEM form (a file beginning -----BEGIN CERTIFICATE-----)"
    return ""


def is_local(host: str) -> bool:
    """Whether `host` is this computer: the one place mail may go unencrypted."""
    return host.strip().lower() in LOCAL_HOSTS or host.startswith("127.")


def warnings(settings: MailSettings) -> list[str]:
    """What is allowed but unwise in these settings."""
    if settings.security == "none" and settings.host and not is_local(settings.host):
        return [f"security none: mail to {settings.host} travels unencrypted, the password and the messages"
                " readable on the way. Use starttls or tls unless it is a relay on this computer."]
    return []


def password(settings: MailSettings) -> str | None:
    """The password for these settings: IURC_SMTP_PASSWORD, else the keychain's; None when neither has one."""
    given = os.environ.get(PASSWORD_ENV)
    if given:
        return given
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, settings.account)
    except KeyringError:
        return None  # no keychain: the caller asks for the password instead


def store_password(settings: MailSettings, secret: str) -> None:
    """Keep the password in the operating system's keychain; a clear refusal when there is none."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, settings.account, secret)
    except KeyringError as exc:
        raise KeychainUnavailable(
            "This computer offers no keychain to keep the mail password in, and the app never writes it to a file."
            f" Give it for each sending instead: set {PASSWORD_ENV}, or type it when `send` asks."
        ) from exc


def has_stored_password(settings: MailSettings) -> bool | None:
    """Whether the keychain holds a password for these settings; None when there is no keychain."""
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, settings.account) is not None
    except KeyringError:
        return None
