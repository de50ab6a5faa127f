"""E-mail from templates: the templates there are, who a message goes to, a preview per recipient, and queueing.

A message is written from a template in each recipient's preferred language
(English when they have none or the template lacks it) with their own fields
(exchange/mail/fields.py lists them). `to` chooses participants with a filter:
space-separated terms `FIELD=VALUE[,VALUE...]` over status, role, group, country
and email, as the participants tab filters (exchange/mail/recipients.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.events import invites_sent
from ..core.languages import language_name
from ..exchange.ics.export import NO_ORGANISER, Organiser, load_event
from ..exchange.mail import compose as composing, templates as mail_templates
from ..exchange.mail.compose import DOCUMENT_TEMPLATES
from ..exchange.mail.recipients import FILTER_HELP, chosen, parse_filter
from .changes import Topic
from .outbox import queue_drafts
from .unit_of_work import UnitOfWork, reads, writes

__all__ = ["DOCUMENT_TEMPLATES", "FILTER_HELP", "Preview", "Queued", "RecipientRow", "TemplateInfo", "languages", "preview", "queue_template",
           "recipients", "templates"]


@dataclass(frozen=True)
class TemplateInfo:
    """A template and the languages it is written in (ISO 639-1 codes, sorted)."""

    name: str
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Preview:
    """One recipient's message as it would be sent."""

    subject: str
    text: str
    language: str
    to: str  # "Name <address>"
    attachments: tuple[str, ...]  # file names


@dataclass(frozen=True)
class RecipientRow:
    """A participant a message would go to."""

    person_id: int
    name: str
    email: str
    status: str
    group: str
    language: str  # their preferred language, "" for automatic (English)


def templates() -> list[TemplateInfo]:
    """Every mail template, shipped and the user's own, with its languages."""
    return [TemplateInfo(name, tuple(sorted(versions))) for name, versions in sorted(mail_templates.catalogue().items())]


def languages() -> list[tuple[str, str]]:
    """(code, English name) of every language some template is written in, English first."""
    codes = {code for info in templates() for code in info.languages} | {"en"}
    return [(code, language_name(code) or code) for code in sorted(codes, key=lambda c: (c != "en", c))]


@reads
def preview(uow: UnitOfWork, event_code: str, template: str, *, email: str | None = None, person_id: int | None = None,
            item: str | None = None, organiser: Organiser = NO_ORGANISER) -> Preview:
    """The message `template` would send one participant (by e-mail or id) about the event (or its one `item`)."""
    draft = composing.compose_one(uow.session, event_code, template, email=email, person_id=person_id, item=item,
                                  organiser=organiser)
    return Preview(draft.subject, draft.text, draft.language, f"{draft.to_name} <{draft.to_address}>",
                   tuple(a.filename for a in draft.attachments))


@reads
def recipients(uow: UnitOfWork, event_code: str, to: str | None = None) -> list[RecipientRow]:
    """The participants with an e-mail address that the filter `to` chooses (active ones without it), by name."""
    event = load_event(uow.session, event_code)
    return [
        RecipientRow(p.person_id, p.person.display_name, p.person.email or "", p.status,
                     p.group.name if p.group is not None else "", p.person.preferred_language or "")
        for p in chosen(event, parse_filter(to, event))
    ]


@dataclass(frozen=True)
class Queued:
    """Messages a template queued: their outbox ids, and the participants it chose but had nothing to send."""

    ids: tuple[int, ...]
    skipped: tuple[str, ...]
    items_sent: tuple[str, ...]  # items whose invite or cancellation went out with them (recorded as sent)

    @property
    def count(self) -> int:
        return len(self.ids)


@writes(Topic.OUTBOX)
def queue_template(uow: UnitOfWork, event_code: str, template: str, *, to: str | None = None, item: str | None = None,
                   organiser: Organiser = NO_ORGANISER) -> Queued:
    """One message of `template` per participant `to` chooses, queued in the outbox in this one transaction.

    Invitations, updates and cancellations record the version of each item they carry as sent, as `export mail` does.
    """
    composed = composing.compose(uow.session, event_code, template, to=to, item=item, organiser=organiser)
    queued = queue_drafts(uow, composed.drafts)
    if composed.items:
        invites_sent.mark_sent(uow.session, event_code, composed.items)
        uow.changed.add(Topic.ITEMS)
    return Queued(queued.ids, composed.skipped, composed.items)
