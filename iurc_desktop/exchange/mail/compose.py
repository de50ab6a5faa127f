"""One `Draft` per recipient from a template: their language, their fields, and for invitations their calendar parts.

The template is found in the recipient's preferred language, else in English
(`templates.pick`). Invitations and updates carry a METHOD:REQUEST calendar file
per item the person is invited to, cancellations a METHOD:CANCEL one per
cancelled item: the files `export mail` attaches (`ics.mail.calendar_per_item`,
the same UIDs, SEQUENCE and attendees), so a sent invitation and an exported
one update the same calendar entry. As there, a message about one item marks
its file as the calendar alternative (`calendar_method`); a message about
several attaches one file per item. `visa-letter` and `booklet` carry each
person's own PDF (`document_drafts`), made by the use case that numbers and logs
it; other templates carry no attachment.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from ...core.errors import NotFound, ValidationError
from ...core.file_names import safe_stem
from ...core.mail.draft import DOCUMENT_TEMPLATES, KINDS, Attachment, Draft
from ...core.models import Event, Item, Participation
from ...core.people.listing import normalise_email
from ..ics.export import NO_ORGANISER, OneRecipient, Organiser, Recipients, find_item, load_event, organiser_of
from ..ics.mail import calendar_per_item
from . import templates
from .fields import recipient_fields
from .recipients import chosen, parse_filter

# Templates whose messages carry calendar files, with the METHOD they carry.
CALENDAR_METHODS = {"invitation": "REQUEST", "update": "REQUEST", "cancellation": "CANCEL"}
CALENDAR_TYPE = "text/calendar"
PDF_TYPE = "application/pdf"


@dataclass(frozen=True)
class Document:
    """A document a message carries: its PDF, and its number (a letter's) or version (a booklet's)."""

    filename: str
    data: bytes
    number: str = ""
    version: str = ""

    def fields(self) -> dict[str, str]:
        """The template's `document` field (never the bytes)."""
        return {"file": self.filename, "number": self.number, "version": self.version}


@dataclass(frozen=True)
class Composed:
    """The drafts of one template for an event, and the recipients it left out with why."""

    drafts: tuple[Draft, ...]
    skipped: tuple[str, ...]  # why each participant chosen gets nothing, for the user to read
    items: tuple[str, ...]  # keys of the items whose calendar files the drafts carry


class _NothingToCarry(ValidationError):
    """A calendar template chose a participant invited to none of the items it carries."""


class _Batch:
    """One template over one loaded event: the calendar files are built once for every recipient."""

    def __init__(self, event: Event, name: str, organiser: Organiser, user_dir: Path | None,
                 item: str | None = None, *, documents: bool = False) -> None:
        if name in DOCUMENT_TEMPLATES and not documents:
            what = "invitation letter" if name == "visa-letter" else "itinerary booklet"
            raise ValidationError(f"The template {name} attaches each person's own {what}: send it from the event's"
                                  f" Documents tab (Send…) or with `mail {event.code} --template {name}`.")
        self.event, self.name = event, name
        self.item = find_item(event, item).key if item is not None else None  # one item only; NotFound names it
        self.versions = templates.versions(name, user_dir)  # read once for the batch; NotFound before anything else
        self.organiser = organiser_of(event, organiser)
        self.method = CALENDAR_METHODS.get(name)
        self.recipients = Recipients(event)
        self._invited: dict[str, list[Item]] | None = None
        self.carried: set[str] = set()  # keys of the items some draft carries a calendar file of

    def compose(self, part: Participation, items: list[Item] | None = None, document: Document | None = None) -> Draft:
        """The draft to this participant about `items` (None: all theirs), carrying their `document` if given;
        _NothingToCarry when a calendar template has nothing of theirs to carry."""
        person = part.person
        template = templates.pick(self.versions, person.preferred_language)
        if items is None:
            items = [i for i in items_of(self.event, part) if self.item is None or i.key == self.item]
            if self.item is not None and not items:
                raise _NothingToCarry(f"{person.display_name} does not take part in {self.item}.")
        fields = recipient_fields(self.event, part, items, self.organiser, template.language,
                                  document.fields() if document is not None else None)
        subject, text = templates.render(template, fields)
        attachments = self._attachments(part) if self.method else ()
        if document is not None:
            attachments = (Attachment(document.filename, PDF_TYPE, document.data),)
        kind = DOCUMENT_TEMPLATES.get(self.name) or (self.name if self.name in KINDS else "free")
        return Draft(
            to_address=person.email or "", to_name=person.display_name or person.local_name, subject=subject, text=text,
            kind=kind, person_id=person.id, event_id=self.event.id,
            language=template.language, attachments=attachments,
            calendar_method=self.method if len(attachments) == 1 else None,
        )

    def _attachments(self, part: Participation) -> tuple[Attachment, ...]:
        cancel = self.method == "CANCEL"
        mine = self._items_by_address().get(normalise_email(part.person.email or ""), [])
        if not mine:
            what = "cancelled item" if cancel else "scheduled item"
            raise _NothingToCarry(f"{part.person.display_name} is invited to no {what} of {self.event.code}.")
        # the recipient's own files: their attendee line only, no other participant's address
        files = calendar_per_item(self.event, mine, OneRecipient(self.recipients, part.person.email or ""),
                                  self.organiser, cancel=cancel)
        self.carried.update(item.key for item in mine)
        if len(mine) == 1:
            return (Attachment("cancel.ics" if cancel else "invite.ics", CALENDAR_TYPE, files[mine[0].id]),)
        return tuple(Attachment(f"{safe_stem(item.key, fill='_', fallback='item')}.ics", CALENDAR_TYPE, files[item.id])
                     for item in mine)

    def _calendar_items(self) -> list[Item]:
        cancelled = self.method == "CANCEL"
        return [item for item in self.event.items
                if (item.status == "cancelled") == cancelled and (self.item is None or item.key == self.item)]

    def _items_by_address(self) -> dict[str, list[Item]]:
        """The calendar items each address is invited to, in time order, worked out once for the batch."""
        if self._invited is None:
            self._invited = {}
            for item in self._calendar_items():
                for attendee in self.recipients.for_item(item):
                    self._invited.setdefault(normalise_email(attendee.email), []).append(item)
        return self._invited


def items_of(event: Event, part: Participation) -> list[Item]:
    """The items a participant attends: those of their group (all when an item names none) and those assigned to them."""
    group = part.group.name if part.group is not None else None
    return [
        item for item in event.items
        if not item.groups or group in {g.name for g in item.groups} or any(a.person_id == part.person_id for a in item.assigned)
    ]


def compose(session: Session, event_code: str, template: str, *, to: str | None = None, item: str | None = None,
            organiser: Organiser = NO_ORGANISER, user_dir: Path | None = None) -> Composed:
    """Drafts of `template` to the participants the filter `to` chooses (about the one `item` when given: to those
    who take part in it); those it cannot write to are listed as skipped."""
    event = load_event(session, event_code)
    batch = _Batch(event, template, organiser, user_dir, item)
    drafts, skipped = [], []
    for part in chosen(event, parse_filter(to, event)):
        try:
            drafts.append(batch.compose(part))
        except _NothingToCarry as exc:  # anything else (a broken template, no organiser) is the same for all: told once
            skipped.append(str(exc))
    if not drafts:
        why = f" {skipped[0]}" if len(skipped) == 1 else f" None of the {len(skipped)} chosen is invited to any." if skipped else ""
        raise ValidationError(f"Nobody to write {template} to in {event_code}: the filter chose no participant"
                              f" with an e-mail address{' and something to send them' if skipped else ''}.{why}")
    return Composed(tuple(drafts), tuple(skipped), tuple(sorted(batch.carried)))


def drafts_for(event: Event, template: str, wanted: list[tuple[Participation, list[Item] | None]],
               *, organiser: Organiser = NO_ORGANISER, user_dir: Path | None = None) -> list[Draft]:
    """Drafts of `template` to each participant about the items paired with them (None: all theirs)."""
    batch = _Batch(event, template, organiser, user_dir)
    return [batch.compose(part, items) for part, items in wanted]


def placeholder(template: str) -> Document | None:
    """What a preview of a document template carries before the document is made (numbered DRAFT, as a letter's
    own preview); None for other templates."""
    kind = DOCUMENT_TEMPLATES.get(template)
    return Document(f"{kind}.pdf", b"", number="DRAFT", version="DRAFT") if kind else None


def document_drafts(event: Event, template: str, carried: list[tuple[Participation, Document]], *,
                    organiser: Organiser = NO_ORGANISER, user_dir: Path | None = None) -> list[Draft]:
    """Drafts of a document template (`visa-letter`, `booklet`), each to a participant with their own document."""
    batch = _Batch(event, template, organiser, user_dir, documents=True)
    return [batch.compose(part, None, document) for part, document in carried]


def compose_one(session: Session, event_code: str, template: str, *, email: str | None = None,
                person_id: int | None = None, item: str | None = None, organiser: Organiser = NO_ORGANISER,
                user_dir: Path | None = None) -> Draft:
    """The draft of `template` to one participant (by e-mail or id), whatever their status (a document template's
    with its `placeholder`: a preview)."""
    event = load_event(session, event_code)
    wanted = normalise_email(email) if email is not None else None
    part = next((p for p in event.participations
                 if (wanted is not None and normalise_email(p.person.email or "") == wanted) or p.person_id == person_id), None)
    if part is None:
        raise NotFound(f"{email or f'Person {person_id}'} is not a participant of {event_code}.")
    if not part.person.email:
        raise ValidationError(f"{part.person.display_name} has no e-mail address to write to.")
    document = placeholder(template)
    try:
        return _Batch(event, template, organiser, user_dir, item, documents=document is not None).compose(part, None, document)
    except _NothingToCarry as exc:  # one person asked for: said as it is
        raise ValidationError(str(exc)) from None
