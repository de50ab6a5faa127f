"""Ready-to-send invitation e-mails (.eml) carrying the invite or cancellation.

An .ics file alone sends nothing. Each message has a short text body with the
times in the recipient's zone (their organisation's; the event's when unknown)
and one calendar part per item, each a single-UID REQUEST or CANCEL: Outlook
updates an entry in place only from such a part. A message about one item
carries it as the `text/calendar; method=...` alternative (what mail programs
turn into Accept/Decline buttons) and the same file attached as invite.ics; a
message about several items attaches one `text/calendar` file per item.
`X-Unsent: 1` makes Outlook open the file as a draft ready to send. Lines end
in CRLF (RFC 5322) and the Date carries the computer's own zone.
"""

from __future__ import annotations

import re
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid

from sqlalchemy.orm import Session

from iurc_desktop.core import local_times, timeutil
from iurc_desktop.core.errors import ValidationError
from iurc_desktop.core.models import Event, Item

from .export import (
    NO_ORGANISER, Attendee, OneRecipient, Organiser, Recipients, cancel_calendar, clean_cn, find_item, invite_calendar, load_event,
    organiser_of,
)


def _when(item: Item, zone_name: str) -> str:
    start = timeutil.to_local(item.start_utc, zone_name)
    end = timeutil.to_local(item.end_utc, zone_name)
    text = f"{local_times.day(start)} {local_times.span(start, end)} ({zone_name})"
    if zone_name != item.zone:
        local = timeutil.to_local(item.start_utc, item.zone)
        text += f", {local:%H:%M} local time in {item.zone}"
    return text


def _body(event: Event, items: list[Item], zone_name: str, name: str, organiser: Organiser, *, cancel: bool) -> str:
    greeting = f"Dear {name}," if name else "Hello,"
    lead = "the following is cancelled:" if cancel else "you are invited to:"
    lines = [greeting, "", f"{event.title}: {lead}", ""]
    for item in items:
        lines.append(f"- {item.title}")
        lines.append(f"  {_when(item, zone_name)}")
        if item.place:
            lines.append(f"  {item.place}")
        if item.url and not cancel:
            lines.append(f"  {item.url}")
    lines += ["", "The calendar entry is attached." if cancel else "Please accept or decline the attached calendar invitation.", ""]
    lines.append(organiser.name or organiser.email)
    return "\n".join(lines) + "\n"


Calendars = list[tuple[Item, bytes]]  # each item with its own single-UID calendar file


def _message(event: Event, to: list[Attendee], calendars: Calendars, zone_name: str, organiser: Organiser,
             *, cancel: bool) -> bytes:
    method = "CANCEL" if cancel else "REQUEST"
    items = [item for item, _ in calendars]
    msg = EmailMessage(policy=policy.SMTP)  # CRLF line ends, as RFC 5322 wants
    msg["From"] = formataddr((clean_cn(organiser.name), organiser.email))
    msg["To"] = ", ".join(formataddr((clean_cn(a.name), a.email)) for a in to)
    subject = items[0].title if len(items) == 1 else event.title
    msg["Subject"] = f"{'Cancelled' if cancel else 'Invitation'}: {subject}"
    msg["Date"] = format_datetime(datetime.now().astimezone())  # the computer's zone, never -0000 ("unknown")
    msg["Message-ID"] = make_msgid(domain="iurc-desktop")
    msg["X-Unsent"] = "1"
    name = to[0].name if len(to) == 1 else ""
    msg.set_content(_body(event, items, zone_name, name, organiser, cancel=cancel))
    params = {"method": method, "charset": "UTF-8"}
    if len(calendars) == 1:
        calendar = calendars[0][1]
        msg.add_alternative(calendar, maintype="text", subtype="calendar", params=params)
        msg.add_attachment(calendar, maintype="application", subtype="ics", filename="cancel.ics" if cancel else "invite.ics")
    else:
        for item, calendar in calendars:
            msg.add_attachment(calendar, maintype="text", subtype="calendar", params=params, filename=f"{_slug(item.key)}.ics")
    return msg.as_bytes()


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_") or "recipient"


def invitation_emails(
    session: Session, event_code: str, *, item_key: str | None = None, cancel: bool = False, one_per_recipient: bool = True,
    organiser: Organiser = NO_ORGANISER,
) -> list[tuple[str, bytes]]:
    """(file name, .eml bytes) for the item or the whole event: one per recipient (only their items), or one to all.

    They come from the event's organiser, else from `organiser`.
    """
    event = load_event(session, event_code)
    sender = organiser_of(event, organiser)
    if not sender.email:
        raise ValidationError(f"The event {event_code} has no organiser e-mail to send invitations from. Set the organiser's e-mail first.")
    items = [find_item(event, item_key)] if item_key is not None else sorted(event.items, key=lambda i: (i.start_utc, i.key))
    if not cancel:
        items = [i for i in items if i.status != "cancelled"]
    if not items:
        raise ValidationError(f"The event {event_code} has no {'items' if cancel else 'scheduled items'} to write e-mails for.")
    recipients = Recipients(event)
    per_item = {item.id: recipients.for_item(item) for item in items}
    items = [item for item in items if per_item[item.id]]  # an item nobody is invited to gets no calendar part
    if not items:
        raise ValidationError(f"Nobody active is invited to {item_key or event_code}: no e-mail to write. Add participants"
                              " (invited, registered or confirmed) first.")
    prefix = f"{'cancel-' if cancel else ''}{event.code}-{item_key or 'all'}"
    if not one_per_recipient:  # one message to all: its To names everyone already
        everyone = list({a.email: a for item in items for a in per_item[item.id]}.values())
        files = calendar_per_item(event, items, recipients, sender, cancel=cancel)
        calendars = [(item, files[item.id]) for item in items]
        return [(f"{prefix}.eml", _message(event, everyone, calendars, event.zone, sender, cancel=cancel))]
    out = []
    people = {a.email: a for item in items for a in per_item[item.id]}
    for email, person in sorted(people.items()):
        mine = [item for item in items if any(a.email == email for a in per_item[item.id])]
        own = calendar_per_item(event, mine, OneRecipient(recipients, email), sender, cancel=cancel)
        theirs = [(item, own[item.id]) for item in mine]
        zone_name = person.zone or event.zone
        out.append((f"{prefix}-{_slug(email)}.eml", _message(event, [person], theirs, zone_name, sender, cancel=cancel)))
    return out


def calendar_per_item(event: Event, items: list[Item], recipients: Recipients, sender: Organiser, *,
                      cancel: bool) -> dict[int, bytes]:
    """Each item's single-UID calendar file, by item id, built once however many messages carry it."""
    build = cancel_calendar if cancel else invite_calendar
    stamp = timeutil.utc_now()
    return {item.id: build(event, [item], recipients, stamp, sender) for item in items}

