"""The outbox from the window and the command line: queue drafts, list, retry, cancel, send, and the mail settings.

Queuing is part of the action that made the drafts (one transaction). Sending is
not one transaction but one per step, on purpose: each message is marked
"sending" and committed before it is handed to the server, and marked "sent"
(or failed, or queued again) and committed right after, so a crash or a lost
connection never leaves the app believing a message went when it did not, or
the reverse without saying so (see `core.mail.outbox.interrupted`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from ..core.counts import counted
from ..core.errors import ValidationError
from ..core.events.listing import get_event_model
from ..core.mail import outbox as core_outbox
from ..core.mail import settings as mail_settings
from ..core.mail.draft import Draft
from ..core.mail.message import Sender
from ..core.mail.outbox import STATES
from ..core.mail.settings import SECURITY, KeychainUnavailable, MailSettings
from ..core.models import OutboxMessage
from ..core.progress import Progress
from ..exchange.smtp import Connection, MailServerError
from .changes import Topic
from .unit_of_work import UnitOfWork, reads, writes

if TYPE_CHECKING:
    from ..core.db import Database

__all__ = ["STATES", "SECURITY", "KeychainUnavailable", "MailServerError", "MailSettings", "Moved", "OutboxPage",
           "OutboxRow", "QueueResult", "SavedSettings", "SendReport", "cancel", "check_sender", "check_server", "load_settings",
           "messages_for", "outbox", "outbox_events", "password_needed", "password_status", "put_back", "queue", "retry", "save_settings", "send_queued"]


@dataclass(frozen=True)
class OutboxRow:
    """One message as lists show it (never its text)."""

    id: int
    state: str  # one of STATES
    kind: str
    to_name: str
    to_address: str
    subject: str
    event_code: str | None
    queued_at: datetime
    sent_at: datetime | None
    attempts: int
    last_error: str  # the server's words for a failure, or why a message waits for review
    message_id: str


@dataclass(frozen=True)
class OutboxPage:
    """A window of the list (newest first) and how many messages are in each state (of the event asked for)."""

    rows: tuple[OutboxRow, ...]
    counts: dict[str, int]
    queued_everywhere: int = 0  # every event's queued messages: what Send now sends

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class QueueResult:
    """The ids of the messages queued, in the order of the drafts."""

    ids: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class Moved:
    """Messages a retry or cancel moved, each with its state before: `put_back` undoes the move."""

    to: str
    before: tuple[tuple[int, str], ...]

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(i for i, _ in self.before)


@dataclass(frozen=True)
class SendReport:
    """What a send did. `stopped` says why it ended early (Stop pressed, connection lost), else None."""

    sent: int
    failed: int
    left_queued: int
    stopped: str | None
    review: int = 0  # messages waiting for the user to retry or cancel them (their fate unknown)

    @property
    def complete(self) -> bool:
        """Everything queued went out: nothing failed, stayed queued or waits for review."""
        return not (self.failed or self.left_queued or self.review)


@dataclass(frozen=True)
class SavedSettings:
    """Settings saved: what is unwise in them, and whether a password was put in the keychain."""

    settings: MailSettings
    warnings: tuple[str, ...]
    password_stored: bool


def _row(message: OutboxMessage, code: str | None) -> OutboxRow:
    return OutboxRow(message.id, message.state, message.kind, message.to_name, message.to_address, message.subject,
                     code, message.queued_at, message.sent_at, message.attempts, message.last_error, message.message_id)


# --- the queue ----------------------------------------------------------------


def sender_of(settings: MailSettings) -> Sender:
    """Whom queued messages come from: the mail settings' address and name."""
    return Sender(settings.from_address, settings.from_name)


def queue_drafts(uow: UnitOfWork, drafts: Sequence[Draft]) -> QueueResult:
    """Queue drafts inside another write (the action that made them), so both commit or neither does."""
    uow.changed.add(Topic.OUTBOX)
    return QueueResult(tuple(core_outbox.queue(uow.session, drafts, sender=sender_of(mail_settings.load()))))


def check_sender() -> None:
    """Refuse before any work is done when the mail settings have no sender address (the queue would refuse it)."""
    problem = core_outbox.sender_problem(sender_of(mail_settings.load()))
    if problem:
        raise ValidationError([problem, "Nothing was queued."])


@writes(Topic.OUTBOX)
def queue(uow: UnitOfWork, drafts: Sequence[Draft]) -> QueueResult:
    """Queue each draft as one message (its Message-ID and bytes made now); all or none: a bad address refuses the
    lot, naming the recipient. Refused too when the mail settings have no sender address."""
    return queue_drafts(uow, drafts)


@reads
def outbox(uow: UnitOfWork, state: str | None = None, *, limit: int | None = 200, offset: int = 0,
           event_code: str | None = None) -> OutboxPage:
    """Messages newest first (one state, or all; about one event, or any), `limit` from `offset`, and the count in
    each state (of that event's)."""
    event_id = get_event_model(uow.session, event_code).id if event_code else None
    rows = core_outbox.listing(uow.session, state, limit=limit, offset=offset, event_id=event_id)
    counts = core_outbox.counts(uow.session, event_id=event_id)
    everywhere = core_outbox.counts(uow.session)["queued"] if event_id is not None else counts["queued"]
    return OutboxPage(tuple(_row(m, code) for m, code in rows), counts, everywhere)


@reads
def outbox_events(uow: UnitOfWork) -> list[str]:
    """The codes of the events some message is about (the Outbox page's choice of event)."""
    return core_outbox.event_codes(uow.session)


@reads
def messages_for(uow: UnitOfWork, person_id: int | None = None, event_code: str | None = None) -> tuple[OutboxRow, ...]:
    """The send log of a person, or of an event (or a person in an event), newest first."""
    event_id = get_event_model(uow.session, event_code).id if event_code is not None else None
    rows = core_outbox.messages_for(uow.session, person_id=person_id, event_id=event_id)
    return tuple(_row(m, code) for m, code in rows)


@writes(Topic.OUTBOX)
def retry(uow: UnitOfWork, ids: Sequence[int]) -> Moved:
    """Queue failed, cancelled and review messages again (others are left as they are)."""
    return Moved("queued", tuple(core_outbox.retry(uow.session, ids)))


@writes(Topic.OUTBOX)
def cancel(uow: UnitOfWork, ids: Sequence[int]) -> Moved:
    """Cancel messages not sent yet (those sent or being sent are left as they are); undo: `put_back` (or `retry`)."""
    return Moved("cancelled", tuple(core_outbox.cancel(uow.session, ids)))


@writes(Topic.OUTBOX)
def put_back(uow: UnitOfWork, moved: Moved) -> int:
    """Undo of a retry or cancel: each message back to its state before, if it has not moved on since; how many."""
    return core_outbox.restore(uow.session, moved.to, moved.before)


# --- sending ------------------------------------------------------------------


@dataclass(frozen=True)
class _Claimed:
    to_address: str
    to_name: str
    subject: str
    raw: bytes


@writes(Topic.OUTBOX)
def _interrupted(uow: UnitOfWork) -> int:
    return core_outbox.interrupted(uow.session)


@reads
def _queued(uow: UnitOfWork) -> list[int]:
    return core_outbox.queued_ids(uow.session)


@writes(Topic.OUTBOX)
def _claim(uow: UnitOfWork, message: int) -> _Claimed | None:
    found = core_outbox.claim(uow.session, message)
    return None if found is None else _Claimed(found.to_address, found.to_name, found.subject, found.raw)


@writes(Topic.OUTBOX)
def _settle(uow: UnitOfWork, message: int, state: str, reason: str) -> None:
    core_outbox.settle(uow.session, message, state, reason=reason)


@reads
def _counts(uow: UnitOfWork, ids: Sequence[int] | None = None) -> dict[str, int]:
    return core_outbox.counts(uow.session, ids)


def send_queued(db: Database, *, dry_run: bool = False, progress: Progress | None = None,
                should_stop: Callable[[], bool] | None = None, password: str | None = None,
                only: Sequence[int] | None = None) -> SendReport:
    """Send every queued message (or those of `only` still queued: what one action just queued) through the mail
    settings' server, oldest first, each in its own two commits.

    `progress(done, total, line)` after each message; `should_stop()` is asked before each (Stop in the window);
    `password` when the user typed it (else IURC_SMTP_PASSWORD, else the keychain). `dry_run` sends nothing and
    changes nothing: it reports what would go. Raises MailServerError (nothing sent) when the server cannot be
    reached, trusted or logged in to; a connection lost mid-batch ends the batch and the report says how many
    stay queued. Messages an earlier send left "sending" go to review first (never resent blindly)."""
    report = progress or (lambda done, total, line: None)
    wanted = None if only is None else set(only)
    if dry_run:  # no server needed: what is queued is in the database
        page = outbox(db, "queued", limit=None)
        rows = [row for row in reversed(page.rows) if wanted is None or row.id in wanted]
        for done, row in enumerate(rows, 1):
            report(done, len(rows), f"would send {_line(row.subject, row.to_name)}")
        return SendReport(0, 0, len(rows), None, page.counts["review"])
    settings = _configured()
    _interrupted(db)
    ids = [i for i in _queued(db) if wanted is None or i in wanted]
    sent = failed = 0
    stopped: str | None = None
    if ids:
        with Connection(settings, password or mail_settings.password(settings)) as line:
            for done, message in enumerate(ids, 1):
                if should_stop is not None and should_stop():
                    stopped = "Stopped before the next message."
                    break
                claimed = _claim(db, message).value
                if claimed is None:
                    continue  # another window or command sent or cancelled it meanwhile
                delivery = line.deliver(settings.from_address, claimed.to_address, claimed.raw)
                _settle(db, message, delivery.state, delivery.reason)
                sent += delivery.state == "sent"
                failed += delivery.state == "failed"
                report(done, len(ids), f"{_said(delivery.state)} {_line(claimed.subject, claimed.to_name)}"
                       + (f": {delivery.reason}" if delivery.reason and delivery.state != "sent" else ""))
                if delivery.lost:
                    stopped = f"The connection to the mail server {line.where} was lost."
                    break
    counts = _counts(db, None if only is None else list(only))
    if stopped is not None:
        left = counts["queued"]
        stopped += f" {counted(left, 'message')} {'stays' if left == 1 else 'stay'} queued; send again to deliver them."
    return SendReport(sent, failed, counts["queued"], stopped, counts["review"])


def _said(state: str) -> str:
    return {"sent": "sent", "failed": "refused", "queued": "not sent (stays queued)", "review": "unsure (to review)"}[state]


def _line(subject: str, name: str) -> str:
    return f"“{subject}” to {name or 'a recipient with no name'}"


def _configured() -> MailSettings:
    settings = mail_settings.load()
    if not settings.configured:
        raise ValidationError("The mail server is not set: give its host and the address mail comes from first"
                              " (Settings, or `mail-settings --host HOST --port PORT --from ADDRESS`). Nothing was sent.")
    return settings


def check_server(password: str | None = None) -> str:
    """Connect and log in to the mail settings' server, send nothing; what it found (MailServerError if refused)."""
    settings = _configured()
    with Connection(settings, password or mail_settings.password(settings)) as line:
        return f"The mail server {line.where} accepted the connection" + (
            f" and the login as {settings.user}." if settings.user else ".")


# --- settings -----------------------------------------------------------------


def load_settings() -> MailSettings:
    """The saved mail settings (defaults, nothing set, when there are none)."""
    return mail_settings.load()


def save_settings(settings: MailSettings, *, password: str | None = None) -> SavedSettings:
    """Check and save the settings; `password` goes to the keychain only (KeychainUnavailable when there is
    none: then nothing is saved). Warnings name what is allowed but unwise (no encryption to another computer)."""
    mail_settings.validate(settings)
    if password:
        mail_settings.store_password(settings, password)
    mail_settings.save(settings)
    return SavedSettings(settings, tuple(mail_settings.warnings(settings)), bool(password))


def password_status(settings: MailSettings | None = None) -> str:
    """Where the password stands: "not needed" (no user), "keychain", "missing", or "no keychain" (this computer
    has none: IURC_SMTP_PASSWORD or a prompt per sending)."""
    settings = settings or mail_settings.load()
    if not settings.user:
        return "not needed"
    return {True: "keychain", False: "missing", None: "no keychain"}[mail_settings.has_stored_password(settings)]


def password_needed(settings: MailSettings | None = None) -> bool:
    """Whether sending would need a password that neither IURC_SMTP_PASSWORD nor the keychain has (ask for it)."""
    settings = settings or mail_settings.load()
    return bool(settings.user) and not mail_settings.password(settings)


def settings_with(settings: MailSettings, **changes: object) -> MailSettings:
    """`settings` with some fields changed, checked (ValidationError names each bad field)."""
    return mail_settings.validate(replace(settings, **changes))  # type: ignore[arg-type]
