"""The RFC 5322 message an outbox row sends, made from a Draft once, when it is queued.

Built once so that every attempt sends the same bytes under the same Message-ID:
a recipient's mail program then shows a message sent again after a doubtful
attempt as one message. A draft with a `calendar_method` carries its first
calendar file twice, as the `text/calendar; method=...` alternative (what mail
programs turn into Accept/Decline buttons) and as an attached .ics, as the
.eml export does (exchange/ics/mail.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.headerregistry import Address
from email.utils import format_datetime, make_msgid

from .draft import Attachment, Draft

# Plain ASCII on the wire (quoted-printable or base64 parts), so any server takes it without 8BITMIME.
SEVEN_BIT = policy.SMTP.clone(cte_type="7bit")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


@dataclass(frozen=True)
class Sender:
    """Whom messages come from: the address in the mail settings, and the name shown beside it."""

    address: str
    name: str = ""


def is_international(raw: bytes) -> bool:
    """Whether a built message needs SMTPUTF8 (a non-ASCII address, hence 8-bit headers)."""
    return not raw.isascii()


def header_text(text: str) -> str:
    """`text` on one line: a line break in a header would start another header (header injection)."""
    return " ".join(_CONTROL.sub(" ", text).split())


def new_message_id(sender: Sender) -> str:
    """A Message-ID unique to this message, in the sender's own domain (spam filters look at that)."""
    return make_msgid(domain=sender.address.rpartition("@")[2] or "iurc-desktop")


def build(draft: Draft, sender: Sender, message_id: str, when: datetime) -> bytes:
    """The whole message, CRLF line ends; `when` (aware) becomes its Date."""
    international = not (draft.to_address.isascii() and sender.address.isascii())
    msg = EmailMessage(policy=policy.SMTPUTF8 if international else SEVEN_BIT)
    msg["From"] = _address(sender.name, sender.address)
    msg["To"] = _address(draft.to_name, draft.to_address)
    msg["Subject"] = header_text(draft.subject)
    msg["Date"] = format_datetime(when.astimezone())  # the computer's own zone, never -0000 ("unknown")
    msg["Message-ID"] = message_id
    msg.set_content(draft.text)
    calendar = _calendar(draft)
    if calendar is not None:
        params = {"method": draft.calendar_method or "REQUEST", "charset": "UTF-8"}
        msg.add_alternative(calendar.data, maintype="text", subtype="calendar", params=params)
    for attachment in draft.attachments:
        _attach(msg, attachment, as_ics=attachment is calendar)
    msg["Content-Language"] = header_text(draft.language) or "en"  # after the parts: making them moves Content-* down
    return msg.as_bytes()


_METHOD = re.compile(rb"^METHOD:([A-Z-]+)\r?$", re.MULTILINE)  # a calendar file's METHOD line


def _address(name: str, address: str) -> Address:
    """A name and address in any script (a whole addr_spec in another script is refused by `Address` itself)."""
    local, _, domain = address.rpartition("@")
    return Address(header_text(name), username=local, domain=domain)


def _calendar(draft: Draft) -> Attachment | None:
    if not draft.calendar_method:
        return None
    return next((a for a in draft.attachments if a.mime_type.lower().startswith("text/calendar")), None)


def _attach(msg: EmailMessage, attachment: Attachment, *, as_ics: bool) -> None:
    if as_ics:  # the alternative already is text/calendar; the file goes as application/ics, as Outlook sends it
        msg.add_attachment(attachment.data, maintype="application", subtype="ics", filename=attachment.filename)
        return
    maintype, _, subtype = attachment.mime_type.partition("/")
    params = None
    if attachment.mime_type.lower() == "text/calendar":  # its METHOD said in the part too, as mail programs look there
        method = _METHOD.search(attachment.data)
        params = {"method": method.group(1).decode("ascii") if method else "PUBLISH", "charset": "UTF-8"}
    msg.add_attachment(attachment.data, maintype=maintype or "application", subtype=subtype or "octet-stream",
                       filename=attachment.filename, params=params)
