"""Calendar exports: invites, per-item invites, itineraries, cancellations, invitation e-mails and the feed.

An invite or cancellation records the version that went out (`Item.sent_sequence`,
behind the "invite changed since it was sent" to-do) in the transaction that stages
its files; the unit of work puts the files in place with the commit or not at all,
so what the database says was sent is what is on disk.

Every calendar file (invites, cancellations, their e-mails, itineraries and the
feed) names the event's organiser; an event without one uses the `organiser`
given (the user's settings in the window, `--organiser-email` on the command line).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.errors import ValidationError
from ..core.programme.schema import Fields
from ..core.events import invites_sent, items
from ..core.events.listing import get_event_model
from ..core.progress import CancelToken, Progress, no_progress
from ..exchange.ics import export as ics_export, mail as ics_mail
from ..exchange.ics.export import NO_ORGANISER, Organiser
from ..exchange.ics.reading import CalendarEntry, read_entries, read_ics_file
from .changes import Topic
from .unit_of_work import UnitOfWork, reads, writes

__all__ = [
    "CalendarEntry", "NO_ORGANISER", "Organiser", "Written", "cancellation_preview", "checked_organiser", "invite_preview", "invited_count", "itinerary_preview",
    "read_entries", "read_ics_file", "send_cancellation", "send_invite", "send_invites_per_item", "write_emails",
    "write_feed", "write_itinerary",
]  # read_entries and read_ics_file read a calendar's bytes or file (no database): what a preview shows


@dataclass(frozen=True)
class Written:
    """What an export wrote: the files, and the items whose invite or cancellation they carry (recorded as sent)."""

    paths: tuple[Path, ...]
    sent: tuple[str, ...] = ()


def _into(uow: UnitOfWork, folder: Path, files: list[tuple[str, bytes]], progress: Progress,
          cancel: CancelToken | None) -> tuple[Path, ...]:
    """Stage each (name, bytes) in `folder` (created if missing)."""
    folder = Path(folder).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for done, (name, data) in enumerate(files, start=1):
        uow.check(cancel)
        paths.append(uow.write(folder / name, data))
        progress(done, len(files), f"Saved {name}")
    return tuple(paths)


def checked_organiser(name: str | None, email: str | None) -> Organiser:
    """The organiser given for events without one of their own, its e-mail checked by the programme file's rule."""
    if name and not email:
        raise ValidationError("--organiser-name needs --organiser-email: calendar programs send replies to the address.")
    problems: list[str] = []
    Fields({"organiser_email": email or None}, "", problems, ("organiser_email",)).email("organiser_email")
    if problems:
        raise ValidationError(problems)
    return Organiser(name or "", email or "")


# --- invites ----------------------------------------------------------------------------


@writes(Topic.ITEMS)
def send_invite(uow: UnitOfWork, code: str, path: Path, *, item_key: str | None = None,
                organiser: Organiser = NO_ORGANISER, progress: Progress = no_progress,
                cancel: CancelToken | None = None) -> Written:
    """One REQUEST file for the event's scheduled items (or one item), recorded as sent."""
    progress(0, 0, f"Building the invite for {item_key or code}…")
    data = ics_export.invite_ics(uow.session, code, item_key=item_key, organiser=organiser)
    sent = invites_sent.mark_sent(uow.session, code, [item_key] if item_key else None)
    uow.check(cancel)
    return Written((uow.write(path, data),), sent)


@writes(Topic.ITEMS)
def send_invites_per_item(uow: UnitOfWork, code: str, folder: Path, *, organiser: Organiser = NO_ORGANISER,
                          progress: Progress = no_progress, cancel: CancelToken | None = None) -> Written:
    """One REQUEST file per scheduled item into `folder` (the form Outlook updates in place)."""
    progress(0, 0, f"Building the invites of {code}…")
    files = ics_export.invite_ics_per_item(uow.session, code, organiser=organiser)
    if not files:
        raise ValidationError(f"The event {code} has no scheduled items to invite people to.")
    sent = invites_sent.mark_sent(uow.session, code)
    return Written(_into(uow, folder, files, progress, cancel), sent)


@reads
def invite_preview(uow: UnitOfWork, code: str, item_key: str | None = None, *,
                   organiser: Organiser = NO_ORGANISER) -> bytes:
    """The invite's bytes, to show what it holds; nothing is recorded."""
    return ics_export.invite_ics(uow.session, code, item_key=item_key, organiser=organiser)


@reads
def invited_count(uow: UnitOfWork, code: str, item_key: str) -> int:
    """How many people an item's invite (and so its cancellation) goes to."""
    event = ics_export.load_event(uow.session, code)
    return len(ics_export.Recipients(event).for_item(ics_export.find_item(event, item_key)))


# --- itineraries and the feed ------------------------------------------------------------


@reads
def write_itinerary(uow: UnitOfWork, code: str, path: Path, *, group: str | None = None, email: str | None = None,
                    organiser: Organiser = NO_ORGANISER, progress: Progress = no_progress,
                    cancel: CancelToken | None = None) -> Written:
    """A PUBLISH calendar of a group's or a person's itinerary (or the whole event's)."""
    progress(0, 0, f"Building the itinerary of {group or email or code}…")
    data = ics_export.itinerary_ics(uow.session, code, group=group, email=email, organiser=organiser)
    uow.check(cancel)
    return Written((uow.write(path, data),))


@reads
def itinerary_preview(uow: UnitOfWork, code: str, *, group: str | None = None, email: str | None = None,
                      organiser: Organiser = NO_ORGANISER) -> bytes:
    return ics_export.itinerary_ics(uow.session, code, group=group, email=email, organiser=organiser)


@reads
def write_feed(uow: UnitOfWork, path: Path, *, organiser: Organiser = NO_ORGANISER, progress: Progress = no_progress,
               cancel: CancelToken | None = None) -> Written:
    """Every event as one published calendar."""
    progress(0, 0, "Building the programme feed…")
    data = ics_export.feed_ics(uow.session, organiser=organiser)
    uow.check(cancel)
    return Written((uow.write(path, data),))


# --- cancellations -----------------------------------------------------------------------


def _store_cancellation(uow: UnitOfWork, code: str, item_key: str | None) -> None:
    """Cancel the item (or the whole event) unless it already is: a cancellation may be written again."""
    event = get_event_model(uow.session, code)
    if item_key:
        if items.get_item_model(uow.session, event, item_key).status != "cancelled":
            items.cancel_item(uow.session, code, item_key)
    elif event.status != "cancelled":
        items.cancel_event(uow.session, code)
        uow.changed.add(Topic.EVENTS)


@writes(Topic.ITEMS)
def send_cancellation(uow: UnitOfWork, code: str, path: Path | None, *, item_key: str | None = None,
                      organiser: Organiser = NO_ORGANISER, progress: Progress = no_progress,
                      cancel: CancelToken | None = None) -> Written:
    """Cancel an item (or, without one, the whole event) and save the CANCEL file to `path`, recorded as sent.

    Without `path` only the cancellation is stored; its file can be saved (and sent) later.
    """
    progress(0, 0, f"Cancelling {item_key or code}…")
    _store_cancellation(uow, code, item_key)
    if path is None:
        uow.check(cancel)
        return Written(())
    data = ics_export.cancel_ics(uow.session, code, item_key=item_key or None, organiser=organiser)
    if item_key:
        sent = invites_sent.mark_sent(uow.session, code, [item_key])
    else:
        sent = invites_sent.mark_sent(uow.session, code, with_cancelled=True)
    uow.check(cancel)
    return Written((uow.write(path, data),), sent)


@reads
def cancellation_preview(uow: UnitOfWork, code: str, item_key: str | None = None, *,
                         organiser: Organiser = NO_ORGANISER) -> bytes:
    """The CANCEL file as it would go out; nothing is stored."""
    return ics_export.cancel_ics(uow.session, code, item_key=item_key, organiser=organiser)


# --- e-mails -----------------------------------------------------------------------------


@writes(Topic.ITEMS)
def write_emails(uow: UnitOfWork, code: str, folder: Path, *, item_key: str | None = None, cancelling: bool = False,
                 one_message: bool = False, organiser: Organiser = NO_ORGANISER, progress: Progress = no_progress,
                 cancel: CancelToken | None = None) -> Written:
    """Ready-to-send .eml messages (one per recipient, or one to all) with the invite or cancellation attached.

    `cancelling` cancels the item (or the whole event) first, so the messages carry its new version.
    """
    progress(0, 0, "Writing e-mails…")
    if cancelling:
        _store_cancellation(uow, code, item_key)
    messages = ics_mail.invitation_emails(uow.session, code, item_key=item_key, cancel=cancelling,
                                          one_per_recipient=not one_message, organiser=organiser)
    sent = invites_sent.mark_sent(uow.session, code, [item_key] if item_key else None, with_cancelled=cancelling)
    return Written(_into(uow, folder, messages, progress, cancel), sent)
