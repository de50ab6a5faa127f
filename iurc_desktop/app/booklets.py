"""Itinerary booklets for a group or a person: the itinerary the app already builds, day by day, in local and home time.

Each time is shown in the zone where it happens with the travellers' home time
beside it (in each of their home zones: never one member's as a group's); what
not everyone it is for shares (a member's own flight or hotel in a group's
booklet) names whom it is for; a flight landing the next day says "+1"; each
visit names its host (both scripts) and who receives the group, their e-mail and phone only when the
user consents at export time (personal data of the host's staff); a version
stamp tells two prints apart, and each save is logged (a digest per entry) so
the next marks what is new or different since. Mailed, each participant's own
booklet goes as a PDF attached to a message to them, queued and logged in one
transaction (its bytes only in the outbox, never in a file).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..core.errors import NotFound, ValidationError
from ..core.events import booklet_prints
from ..core.events.badges import badge_participations
from ..core.events.listing import get_event_model
from ..core.events.groups import person_label
from ..core.events.visits import home_zones, items_with_hosts, travellers
from ..core.models import BookletPrint, Event, Item, Person
from ..core.people.listing import normalise_email
from ..core.progress import CancelToken, Progress, no_progress
from ..core.travel import itineraries
from ..core.travel.itineraries import Entry, Itinerary
from ..exchange.documents import booklets
from ..exchange.documents.booklets import BookletData, BookletDay, BookletEntry
from ..exchange.documents.engine import engine
from ..exchange.documents.letters import passport_name
from ..exchange.ics.export import NO_ORGANISER, Organiser
from ..exchange.mail.compose import Document, document_drafts
from ..exchange.mail.recipients import among
from .changes import Topic
from .documents import DocumentsQueued
from .outbox import check_sender, queue_drafts
from .unit_of_work import UnitOfWork, reads, writes

__all__ = ["BookletSaved", "BookletsSaved", "booklet_subjects", "preview_booklet", "queue_booklets", "saved_note", "subject",
           "write_booklet", "write_booklets"]


def _host(item: Item | None, with_contacts: bool) -> tuple[str, str]:
    """An item's host organisation (both scripts, and its place), and who receives the group there (their e-mail and
    phone only `with_contacts`)."""
    if item is None:
        return "", ""
    host = ""
    if item.host is not None:
        own = f" · {item.host.local_name}" if item.host.local_name and item.host.local_name != item.host.name else ""
        host = f"{item.host.name}{own}" + (f", {item.host.place}" if item.host.place else "")
    contacts = sorted((a.person for a in item.assigned if a.role == "host"), key=lambda p: (p.display_name, p.id))
    contact = "; ".join(", ".join(part for part in (p.display_name, p.local_name,
                                                     *((p.email or "", p.phone) if with_contacts else ())) if part)
                        for p in contacts)
    return host, contact


def _whom(entry: Entry, names: dict[str, str]) -> str:
    """Whom an entry is for when not everyone the booklet is for ("" when all of them), naming the fewer: those it
    is for, or "everyone but" those it is not; `names` by label, in the booklet's order."""
    left_out = [name for label, name in names.items() if label not in entry.people]
    if not left_out:
        return ""
    named = [name for label, name in names.items() if label in entry.people]
    return ", ".join(named) if len(named) <= len(left_out) else f"everyone but {', '.join(left_out)}"


def _entry(entry: Entry, homes: tuple[str, ...], items: dict[str, Item], with_contacts: bool,
           names: dict[str, str]) -> BookletEntry:
    """One itinerary entry as a booklet line."""
    day, who = entry.day, _whom(entry, names)
    if entry.kind == "stay":
        local = (f"Check-in {booklets.clock(entry.start)}, check-out {booklets.heading(entry.end.date())} "
                 f"{booklets.clock(entry.end)}")
        return BookletEntry(local, "", entry.title, entry.detail, kind="stay", key=entry.key,
                            local_script=list(entry.local), who=who)
    at_home = booklets.at_home(entry.start, entry.end, day, homes)
    host, contact = _host(items.get(entry.key), with_contacts) if entry.kind == "item" else ("", "")
    return BookletEntry(booklets.span(entry.start, entry.end, day), at_home, entry.title, entry.place, host, contact,
                        entry.kind, entry.key, who=who)


def _name(person: Person) -> str:
    """A traveller as the booklet names them: their passport name."""
    return passport_name(person.given_name, person.family_name, person.name_order)


def _homes(people: list[Person], homes: tuple[str, ...]) -> str:
    """The home zones as the booklet's heading names them, and whom none is known for (their times are not shown)."""
    unknown = [_name(p) for p in people if p.organisation is None]
    return ", ".join(homes) + (f"; not known for {', '.join(unknown)}" if homes and unknown else "")


def _itinerary(uow: UnitOfWork, code: str, group: str | None, email: str | None) -> Itinerary:
    if (group is None) == (email is None):
        raise ValidationError("Give a group or a person for the booklet (one of them).")
    if group is not None:
        return itineraries.group_itinerary(uow.session, code, group)
    return itineraries.person_itinerary(uow.session, code, email or "")


def _booklet(uow: UnitOfWork, code: str, group: str | None, email: str | None, made: datetime,
             with_contacts: bool) -> tuple[BookletData, Event, int | None]:
    """The booklet's data (hosts, contacts, home times, marks against the last version saved), its event and person."""
    itinerary = _itinerary(uow, code, group, email)
    event = get_event_model(uow.session, code)
    people = travellers(uow.session, event, itinerary.people)
    homes = home_zones(people)
    items = items_with_hosts(uow.session, event)
    names = {person_label(p): _name(p) for p in people}
    days = [BookletDay(booklets.heading(day.date), [_entry(e, homes, items, with_contacts, names)
                                                    for e in day.entries if e.status != "cancelled"])
            for day in itinerary.days]
    person_id = None
    if itinerary.subject_kind == "person" and people:
        person = people[0]
        person_id = person.id
        subject, local = _name(person), person.local_name
    else:
        subject, local = itinerary.subject_name, ""
    listed = [_name(p) + (f" {p.local_name}" if p.local_name else "") for p in people]
    data = booklets.versioned(BookletData(itinerary.event_title, subject, local, listed, _homes(people, homes), "", days),
                              made)
    last = booklet_prints.last_print(uow.session, event, group, person_id)
    return booklets.marked(data, last), event, person_id


@reads
def booklet_subjects(uow: UnitOfWork, code: str) -> list[tuple[str, str]]:
    """Whom a booklet can be for: (what to call it, "group:NAME" or "person:EMAIL"), groups first."""
    return _subjects(uow, code)


def subject(chosen: str) -> dict[str, str]:
    """A subject of `booklet_subjects` as the booklet functions take it: "group:A" is group="A", "person:x@y" email="x@y"."""
    kind, _, value = chosen.partition(":")
    return {"group": value} if kind == "group" else {"email": value}


def _subjects(uow: UnitOfWork, code: str) -> list[tuple[str, str]]:
    event, parts = badge_participations(uow.session, code)
    rows = [(f"Group {g.name}", f"group:{g.name}") for g in event.groups]
    return rows + [(p.person.display_name + (f" ({p.person.local_name})" if p.person.local_name else ""),
                    f"person:{p.person.email}") for p in parts if p.person.email]


@reads
def preview_booklet(uow: UnitOfWork, code: str, *, group: str | None = None, email: str | None = None,
                    with_contacts: bool = False) -> bytes:
    """The booklet's first page as PNG, marked against the last version saved (nothing is logged)."""
    booklet, _event, _person = _booklet(uow, code, group, email, datetime.now(timezone.utc), with_contacts)
    return engine().render(booklets.TEMPLATE, booklet, png=True)


@dataclass(frozen=True)
class BookletSaved:
    """A booklet saved: where, its version, and what changed since the one before (counts; none for a first)."""

    path: Path
    version: str
    changed: int
    since: str  # the changes line the booklet prints ("" for a first version)
    who: str = ""  # whose: "group:NAME" or "person:EMAIL"


@dataclass(frozen=True)
class BookletsSaved:
    """Every booklet of an event saved into a folder: one per group, then one per participant."""

    folder: Path
    booklets: tuple[BookletSaved, ...]
    empty_groups: tuple[str, ...] = ()  # groups left out: nobody is in them yet

    @property
    def changed(self) -> int:
        """How many of them mark a change since their last version."""
        return sum(bool(b.changed) for b in self.booklets)


@writes(Topic.PARTICIPANTS)
def write_booklets(uow: UnitOfWork, code: str, folder: Path, *, with_contacts: bool = False,
                   now: datetime | None = None, progress: Progress = no_progress,
                   cancel: CancelToken | None = None) -> BookletsSaved:
    """The booklet of every group and of every participant into `folder`, each logged (the host contacts' e-mail
    and phone only `with_contacts`); Cancel leaves none."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ValidationError(f"{folder} is a file: give a folder to save the booklets in.")
    subjects = _subjects(uow, code)
    if not subjects:
        raise ValidationError(f"Nobody takes part in {code} yet: there is no booklet to write.")
    folder.mkdir(parents=True, exist_ok=True)
    made, taken, saved, empty = now or datetime.now(timezone.utc), set(), [], []
    for done, (label, chosen) in enumerate(subjects):
        uow.check(cancel)
        progress(done, len(subjects), label)
        who = subject(chosen)
        group, email = who.get("group"), who.get("email")
        try:
            booklet, event, person_id = _booklet(uow, code, group, email, made, with_contacts)
        except NotFound:
            if group is None:
                raise
            empty.append(group)  # a group nobody is in yet has no itinerary to print
            continue
        name = booklets.file_name(code, booklet.subject if group is None else f"Group {group}", taken)
        path = uow.write(folder / name, engine().render(booklets.TEMPLATE, booklet))
        saved.append(_logged(uow, event, group, person_id, booklet, made, path, chosen))
    progress(len(subjects), len(subjects), "")
    uow.check(cancel)
    return BookletsSaved(folder, tuple(saved), tuple(empty))


def _logged(uow: UnitOfWork, event: Event, group: str | None, person_id: int | None, booklet: BookletData,
            made: datetime, path: Path, who: str) -> BookletSaved:
    """Log a booklet written to `path`; what the save reports of it."""
    _log(uow, event, group, person_id, booklet, made)
    changed = sum(e.changed for day in booklet.days for e in day.entries)  # entries it marks changed
    return BookletSaved(path, booklet.version, changed, booklet.changes, who)


def _log(uow: UnitOfWork, event: Event, group: str | None, person_id: int | None, booklet: BookletData,
         made: datetime) -> BookletPrint:
    """Log a booklet given out, so the next marks what changed since."""
    return booklet_prints.log_print(uow.session, event, group, person_id, booklet.version,
                                    booklets.entry_marks(booklet), made)


@writes(Topic.OUTBOX, Topic.PARTICIPANTS)
def queue_booklets(uow: UnitOfWork, code: str, *, email: str | None = None, to: str | None = None,
                   with_contacts: bool = False, organiser: Organiser = NO_ORGANISER, now: datetime | None = None,
                   progress: Progress = no_progress, cancel: CancelToken | None = None) -> DocumentsQueued:
    """Each chosen participant's own booklet (logged as a save logs it) attached to a message to them in their
    language (template `booklet`), queued in this one transaction; the host contacts' e-mail and phone only
    `with_contacts`. `email` is one participant, `to` a recipients filter over those taking part."""
    event, parts = badge_participations(uow.session, code)
    wanted = normalise_email(email) if email is not None else None
    parts = among(event, [p for p in parts if p.person.email and wanted in (None, normalise_email(p.person.email))], to)
    if not parts:
        raise ValidationError(f"{email} does not take part in {code} with an e-mail address: there is no booklet to send."
                              if email is not None else
                              f"Nobody taking part in {code}{' whom the filter chose' if to else ''} has an e-mail"
                              f" address: there is no booklet to send.")
    check_sender()  # before any booklet is typeset or logged
    made, taken, carried, versions, logged = now or datetime.now(timezone.utc), set(), [], [], []
    for done, part in enumerate(parts):
        uow.check(cancel)
        progress(done, len(parts), part.person.display_name)
        booklet, _event, person_id = _booklet(uow, code, None, part.person.email, made, with_contacts)
        logged.append(_log(uow, event, None, person_id, booklet, made))
        pdf = engine().render(booklets.TEMPLATE, booklet)
        version = booklet.version.removeprefix("Version ")  # the message says "version …" itself, in its language
        carried.append((part, Document(booklets.file_name(code, booklet.subject, taken), pdf, version=version)))
        versions.append(version)
    progress(len(parts), len(parts), "")
    uow.check(cancel)
    queued = queue_drafts(uow, document_drafts(event, "booklet", carried, organiser=organiser))
    for entry, message in zip(logged, queued.ids, strict=True):
        entry.outbox_id = message  # cancelled or refused, it never reached its reader: the next marks changes anew
    return DocumentsQueued(queued.ids, tuple(versions))


@writes(Topic.PARTICIPANTS)
def write_booklet(uow: UnitOfWork, code: str, path: Path, *, group: str | None = None, email: str | None = None,
                  with_contacts: bool = False, now: datetime | None = None) -> BookletSaved:
    """The booklet of a group or a person as one PDF at `path`, logged so the next one marks what changed; the host
    contacts' e-mail and phone only `with_contacts` (the user's consent at export time)."""
    path = Path(path)
    if path.is_dir():
        raise ValidationError(f"{path} is a folder: give a file name for the booklet (.pdf).")
    made = now or datetime.now(timezone.utc)
    booklet, event, person_id = _booklet(uow, code, group, email, made, with_contacts)
    uow.write(path, engine().render(booklets.TEMPLATE, booklet))
    return _logged(uow, event, group, person_id, booklet, made, path,
                   f"group:{group}" if group is not None else f"person:{email}")


def saved_note(saved: BookletsSaved) -> str:
    """The tail of a save's message: booklets marking changes, groups left out ("" when neither)."""
    marked = f"; changes since the last version marked in {saved.changed}" if saved.changed else ""
    empty = (f"; no booklet for group {', '.join(saved.empty_groups)}: nobody is in it yet"
             if saved.empty_groups else "")
    return marked + empty
