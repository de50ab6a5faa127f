"""Certificates of attendance: for participants marked attended, previewed and saved one PDF each.

Saving writes every file together: a Cancel or a failure leaves none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..core.errors import ValidationError
from ..core.events.attendance import attended_participations
from ..core.models import Event, Participation
from ..core.progress import CancelToken, Progress, no_progress
from ..exchange.documents import certificates
from ..exchange.documents.certificates import CertificateData
from ..exchange.documents.engine import engine
from ..exchange.documents.letters import passport_name
from .unit_of_work import UnitOfWork, reads

__all__ = ["CertificateRecipient", "CertificatesSaved", "certificate_recipients", "preview_certificate",
           "write_certificates"]


@dataclass(frozen=True)
class CertificateRecipient:
    """A participant marked attended."""

    email: str
    name: str
    local_name: str


@dataclass(frozen=True)
class CertificatesSaved:
    """What a save wrote: one file per certificate."""

    folder: Path
    files: tuple[Path, ...]


def _certificate(event: Event, part: Participation, issued_on: date) -> CertificateData:
    """The data of one person's certificate."""
    person, org = part.person, part.person.organisation
    return CertificateData(
        latin_name=passport_name(person.given_name, person.family_name, person.name_order),
        local_name=person.local_name, organisation=org.name if org else "",
        organisation_local=org.local_name if org else "", event_title=event.title,
        event_kind=event.kind.replace("_", " "), start=event.start_date, end=event.end_date,
        minutes=part.attended_minutes, signer=event.organiser_name or "IURC", issued_on=issued_on)


@reads
def certificate_recipients(uow: UnitOfWork, code: str) -> list[CertificateRecipient]:
    """Who gets a certificate: the event's participants marked attended."""
    _event, parts = attended_participations(uow.session, code)
    return [CertificateRecipient(p.person.email or "", p.person.display_name, p.person.local_name) for p in parts]


@reads
def preview_certificate(uow: UnitOfWork, code: str, email: str, *, today: date | None = None) -> bytes:
    """One person's certificate as PNG."""
    event, parts = attended_participations(uow.session, code, email)
    return engine().render(certificates.TEMPLATE, _certificate(event, parts[0], today or date.today()), png=True)


@reads
def write_certificates(uow: UnitOfWork, code: str, folder: Path, *, email: str | None = None,
                       today: date | None = None, progress: Progress = no_progress,
                       cancel: CancelToken | None = None) -> CertificatesSaved:
    """One PDF per participant marked attended (or the one with `email`) into `folder`."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ValidationError(f"{folder} is a file: give a folder to save the certificates in.")
    event, parts = attended_participations(uow.session, code, email)
    if not parts:
        raise ValidationError(f"Nobody is marked attended in {code}: there is no certificate to write. "
                              "Import the attendance report or set the status to attended first.")
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for done, part in enumerate(parts):
        uow.check(cancel)
        progress(done, len(parts), part.person.display_name)
        certificate = _certificate(event, part, today or date.today())
        files.append(uow.write(folder / certificates.file_name(certificate),
                               engine().render(certificates.TEMPLATE, certificate)))
    progress(len(parts), len(parts), "")
    uow.check(cancel)
    return CertificatesSaved(folder, tuple(files))
