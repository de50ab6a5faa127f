"""One e-mail to one person, composed and ready to queue: what templates produce and the outbox stores."""

from __future__ import annotations

from dataclasses import dataclass

# What a message is about: the outbox, the send log and the home page's to-dos read it.
KINDS = ("invitation", "update", "cancellation", "practical-information", "reminder", "free", "letter", "booklet")
# Templates whose message carries one document of the recipient's own, with the kind of message it is.
DOCUMENT_TEMPLATES = {"visa-letter": "letter", "booklet": "booklet"}
# Where a queued message stands (core/mail/outbox.py says how each is reached); here, away from the
# database code, so the command line's options need no more than this module.
STATES = ("queued", "sending", "sent", "failed", "cancelled", "review")


@dataclass(frozen=True)
class Attachment:
    filename: str
    mime_type: str  # "text/calendar", "application/pdf", ...
    data: bytes


@dataclass(frozen=True)
class Draft:
    """An e-mail to one recipient. `calendar_method` (REQUEST or CANCEL) marks the first text/calendar attachment as
    the message's calendar alternative too (what mail programs turn into Accept/Decline buttons)."""

    to_address: str
    to_name: str
    subject: str
    text: str
    kind: str
    person_id: int | None = None
    event_id: int | None = None
    language: str = "en"
    attachments: tuple[Attachment, ...] = ()
    calendar_method: str | None = None
