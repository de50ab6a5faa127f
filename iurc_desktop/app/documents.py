"""Documents of a study visit: visa invitation letters, previewed, saved or mailed, each one logged with its number.

The application layer fills each document's data model from the database; the
engine in exchange/documents typesets it. Saving writes every PDF and the log
together: a Cancel or a failure leaves no file and no log entry. Mailing queues
each letter in the outbox (its bytes only there, never in a file) in the same
transaction as its number and log entry: a refusal queues and logs nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..core.errors import ValidationError
from ..core.events.letters import (
    destination_countries, last_serial, letter_participations, letters_issued, log_letter, visit_hosts,
)
from ..core.models import Event, Item, Participation
from ..core.progress import CancelToken, Progress, no_progress
from ..core.registrations import visas
from ..exchange.documents import badges, booklets, certificates, letters
from ..exchange.documents.engine import engine, template_path
from ..exchange.documents.letters import Host, LetterData
from ..exchange.ics.export import NO_ORGANISER, Organiser
from ..exchange.mail.compose import Document, document_drafts
from ..exchange.mail.recipients import among
from .changes import Topic
from .outbox import check_sender, queue_drafts
from .unit_of_work import UnitOfWork, reads, writes

__all__ = ["DOCUMENTS", "TEMPLATES", "DocumentsQueued", "document_template", "LetterRecipient", "LetterSaved", "LetterLogRow",
           "letter_log", "letter_recipients", "letter_template", "moved_note", "preview_letter", "queue_letters",
           "write_letters"]

DOCUMENTS = {"letters": "Visa invitation letters", "badges": "Badges and table cards",
             "certificates": "Certificates of attendance", "booklets": "Itinerary booklets"}  # kind -> what the window and the command line call it
TEMPLATES = {"letters": letters.TEMPLATE, "badges": badges.TEMPLATE, "certificates": certificates.TEMPLATE,
             "booklets": booklets.TEMPLATE}  # kind -> its template
PAID_BY = ("International travel, accommodation and local transport during the visit are paid by the IURC "
           "programme, funded by the European Union.")
DRAFT = "DRAFT"


@dataclass(frozen=True)
class LetterRecipient:
    """A participant who gets a letter, with how many were issued to them already."""

    email: str
    name: str
    local_name: str
    has_passport_number: bool
    issued: int


@dataclass(frozen=True)
class LetterSaved:
    """What a save wrote: one file per letter, with its number."""

    folder: Path
    files: tuple[Path, ...]
    numbers: tuple[str, ...]
    with_passport: int  # how many letters carry a passport number
    visas_moved: int = 0  # how many visas moved from "needed" to "letter sent" with their letter


@dataclass(frozen=True)
class DocumentsQueued:
    """Documents mailed: the messages' outbox ids (undo cancels them), each document's number (a letter's) or version
    (a booklet's), and whom the choice held but nothing could be sent to."""

    ids: tuple[int, ...]
    numbers: tuple[str, ...]
    skipped: tuple[str, ...] = ()
    with_passport: int = 0  # how many letters carry a passport number
    visas_moved: int = 0  # how many visas moved from "needed" to "letter sent" with their letter

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class _Issued:
    """One letter numbered, logged and typeset."""

    part: Participation
    number: str
    file_name: str
    pdf: bytes
    with_passport: bool
    visa_moved: int


@dataclass(frozen=True)
class LetterLogRow:
    """One letter issued, as the log lists it."""

    number: str
    issued_on: date
    name: str
    email: str
    with_passport: bool


def _country(code: str) -> str:
    """A country's name in English as people write it ("South Korea", not "Korea, Republic of")."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper()) if code else None
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def _listed(names: list[str]) -> str:
    """Names as a sentence lists them: "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _letter(event: Event, items: list[Item], part: Participation, number: str, issued_on: date,
            include_passport: bool) -> LetterData:
    """The data of one person's letter."""
    person, org = part.person, part.person.organisation
    hosts: dict[int, Host] = {}
    for item in items:
        if item.host is not None and item.host.id not in hosts:
            hosts[item.host.id] = Host(item.host.name, item.host.local_name, item.host.place)
    places = list(dict.fromkeys(h.place for h in hosts.values() if h.place))
    countries = [_country(c) for c in destination_countries(event, items)] or ["the country visited"]
    return LetterData(
        number=number, issued_on=issued_on, sender=event.organiser_name or "IURC", sender_email=event.organiser_email,
        destination=countries[0], countries=_listed(countries),
        latin_name=letters.passport_name(person.given_name, person.family_name, person.name_order),
        local_name=person.local_name, nationality=_country(person.nationality),
        organisation=org.name if org else "", organisation_local=org.local_name if org else "",
        job_title=person.job_title, event_title=event.title,
        purpose=event.description or event.theme or event.title, start=event.start_date, end=event.end_date,
        paid_by=PAID_BY, passport_number=person.passport_number if include_passport else "",
        hosts=list(hosts.values()), places=places,
    )


def document_template(kind: str = "letters") -> tuple[Path, Path]:
    """The template of document `kind` in use, and where a user's own copy goes (the same file when they have one)."""
    name = TEMPLATES[kind]
    own = engine().user_dir / f"{name}.typ"
    return template_path(name, user_dir=engine().user_dir), own


def letter_template() -> tuple[Path, Path]:
    """The letter template in use, and where a user's own copy goes."""
    return document_template("letters")


@reads
def letter_recipients(uow: UnitOfWork, code: str) -> list[LetterRecipient]:
    """Who gets a letter for the study visit: confirmed participants who need a visa."""
    _event, parts = letter_participations(uow.session, code)
    issued: dict[int, int] = {}
    for issue, _person in letters_issued(uow.session, code):
        issued[issue.person_id] = issued.get(issue.person_id, 0) + 1
    return [LetterRecipient(p.person.email or "", p.person.display_name, p.person.local_name,
                            bool(p.person.passport_number), issued.get(p.person_id, 0)) for p in parts]


@reads
def preview_letter(uow: UnitOfWork, code: str, email: str, *, include_passport: bool = False,
                   today: date | None = None) -> bytes:
    """The first page of one person's letter as PNG, numbered DRAFT (nothing is logged)."""
    event, parts = letter_participations(uow.session, code, email)
    letter = _letter(event, visit_hosts(uow.session, event), parts[0], DRAFT, today or date.today(), include_passport)
    return engine().render(letters.TEMPLATE, letter, png=True)


def _issue(uow: UnitOfWork, event: Event, parts: list[Participation], *, include_passport: bool, issued_on: date,
           progress: Progress, cancel: CancelToken | None) -> Iterator[_Issued]:
    """Each participant's letter in turn: numbered after the last one, logged, typeset, their visa at "needed" moved
    to "letter sent"; the passport number only with consent."""
    items = visit_hosts(uow.session, event)
    first = last_serial(uow.session, event) + 1
    for done, part in enumerate(parts):
        uow.check(cancel)
        progress(done, len(parts), part.person.display_name)
        carries = include_passport and bool(part.person.passport_number)
        issue = log_letter(uow.session, event, part.person, first + done, issued_on, with_passport=carries)
        letter = _letter(event, items, part, issue.number, issued_on, include_passport)
        yield _Issued(part, issue.number, letters.file_name(letter), engine().render(letters.TEMPLATE, letter), carries,
                      visas.letter_issued(uow.session, part, issue.number))
    progress(len(parts), len(parts), "")
    uow.check(cancel)


def _no_letter(code: str) -> ValidationError:
    return ValidationError(f"No confirmed participant of {code} needs a visa: there is no letter to write.")


@writes(Topic.PARTICIPANTS)
def write_letters(uow: UnitOfWork, code: str, folder: Path, *, email: str | None = None,
                  include_passport: bool = False, today: date | None = None, progress: Progress = no_progress,
                  cancel: CancelToken | None = None) -> LetterSaved:
    """One PDF per letter into `folder`, each numbered and logged, a visa at "needed" moved to "letter sent"; the
    passport number only with consent."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ValidationError(f"{folder} is a file: give a folder to save the letters in.")
    event, parts = letter_participations(uow.session, code, email)
    if not parts:
        raise _no_letter(code)
    folder.mkdir(parents=True, exist_ok=True)
    files, numbers, with_passport, moved = [], [], 0, 0
    for letter in _issue(uow, event, parts, include_passport=include_passport, issued_on=today or date.today(),
                         progress=progress, cancel=cancel):
        files.append(uow.write(folder / letter.file_name, letter.pdf))
        numbers.append(letter.number)
        with_passport += letter.with_passport
        moved += letter.visa_moved
    return LetterSaved(folder, tuple(files), tuple(numbers), with_passport, moved)


@writes(Topic.OUTBOX, Topic.PARTICIPANTS)
def queue_letters(uow: UnitOfWork, code: str, *, email: str | None = None, to: str | None = None,
                  include_passport: bool = False, organiser: Organiser = NO_ORGANISER, today: date | None = None,
                  progress: Progress = no_progress, cancel: CancelToken | None = None) -> DocumentsQueued:
    """Each chosen participant's own letter (numbered, logged and moving their visa as a save does) attached to a
    message to them in their language (template `visa-letter`), queued in this one transaction; the passport number
    only with consent. `to` narrows the participants who need a letter with a recipients filter."""
    event, parts = letter_participations(uow.session, code, email)
    parts = among(event, parts, to)
    if not parts:
        raise _no_letter(code) if to is None else ValidationError(
            f"The filter chose no confirmed participant of {code} who needs a visa: there is no letter to send.")
    reachable = [p for p in parts if p.person.email]
    skipped = tuple(f"{p.person.display_name} has no e-mail address." for p in parts if not p.person.email)
    if not reachable:
        raise ValidationError(f"Nobody who needs a letter for {code} has an e-mail address: there is no letter to send.")
    check_sender()  # before any letter is numbered or typeset
    issued = list(_issue(uow, event, reachable, include_passport=include_passport, issued_on=today or date.today(),
                         progress=progress, cancel=cancel))
    drafts = document_drafts(event, "visa-letter", [(i.part, Document(i.file_name, i.pdf, number=i.number))
                                                    for i in issued], organiser=organiser)
    queued = queue_drafts(uow, drafts)
    return DocumentsQueued(queued.ids, tuple(i.number for i in issued), skipped,
                           sum(i.with_passport for i in issued), sum(i.visa_moved for i in issued))


@reads
def letter_log(uow: UnitOfWork, code: str) -> list[LetterLogRow]:
    """The letters issued for the event, in number order."""
    return [LetterLogRow(issue.number, issue.issued_on, person.display_name, person.email or "", issue.with_passport)
            for issue, person in letters_issued(uow.session, code)]


def moved_note(saved: LetterSaved | DocumentsQueued) -> str:
    """What a save or a mailing did to visa states, as the tail of its message ("" when nothing moved)."""
    if not saved.visas_moved:
        return ""
    return f"; {saved.visas_moved} visa{'s' if saved.visas_moved != 1 else ''} moved to 'letter sent'"
