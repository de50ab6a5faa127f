"""Erasure of a person: their personal data leaves the database, the counts of past events stay.

What is kept, and why. The programme reports count participants of past events
by country, sector and gender. An erased person's participations therefore stay,
with their role and status, on the same person row stripped of everything that
identifies or describes them: names in every script, e-mail, phone, job title,
passport, dietary and accessibility needs, notes, and also gender and nationality,
which are personal data too (they are counted as "undisclosed" from then on).
Only the link to the organisation stays: a city or region is not personal data,
and it is what the country and sector counts come from.

How an erased person looks. The row keeps one neutral label as its family name,
`ERASED_NAME` ("(erased person)"), and `ERASED` ("[erased]") as its notes, with
no e-mail, no key and every other field blank. So every list, roster and table
shows "(erased person)" instead of a blank row, searches find no old name (the
search text is recomputed from the blanked fields), and a programme file dumps
the row like any other person (family name "(erased person)", a derived key)
and loads it back unchanged. `is_erased` recognises the row by the two marks.

What is removed: travel legs, stays (and others' "shares room with" links to
them), item assignments, every e-mail to them in the outbox (queued and sent
alike: a message's text is about them, and a send log of an erased person has
nothing left to show), visa status, attendance times, the reasons and authors
of their status changes, and any status-change text elsewhere that names them.

The e-mail enters the erasure register (a salted hash, see `erasure_register`) in
the same transaction, and `replay` erases again whoever the register names, so a
restored backup or a copied database never brings an erased person back.

SQLite keeps deleted bytes in free pages and in the write-ahead log, so the
erasure runs with `PRAGMA secure_delete=ON` (freed content is zeroed), and after
the caller commits, `scrub_file(engine)` checkpoints and truncates the log.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from ..errors import NotFound
from ..mail import outbox
from ..models import Event, ItemPerson, Participation, Person, StatusChange, Stay, TravelLeg, VisaChange
from . import erasure_register
from .listing import find_person_by_email

ERASED = "[erased]"  # kept in Person.notes so lists can say why a row has no name
ERASED_NAME = "(erased person)"  # the family name an erased row shows (and dumps and loads) in place of a name


@dataclass(frozen=True)
class ErasureReport:
    person_id: int
    participations_kept: int
    travel_legs_removed: int
    stays_removed: int
    item_assignments_removed: int
    history_entries_scrubbed: int
    messages_removed: int = 0


def is_erased(person: Person) -> bool:
    return person.notes == ERASED and person.email is None


def not_erased() -> ColumnElement[bool]:
    """A WHERE clause leaving out erased people (whose shared label must not look like one name)."""
    return or_(Person.notes != ERASED, Person.email.is_not(None))


def erase_person(session: Session, email: str) -> ErasureReport:
    """Erase the person with this e-mail everywhere; call `scrub_file` after the commit."""
    person = find_person_by_email(session, email)
    if person is None:
        raise NotFound(f"There is no person with the e-mail {email.strip()}; nothing was erased.")
    _secure_delete(session)
    erasure_register.record(session, person.email or email)
    pid = person.id
    traces = [t for t in {person.email or "", person.display_name, person.local_name, f"{person.family_name} {person.given_name}".strip()} if len(t) >= 3]
    legs = session.execute(delete(TravelLeg).where(TravelLeg.person_id == pid)).rowcount
    stays = session.execute(delete(Stay).where(Stay.person_id == pid)).rowcount
    session.execute(update(Stay).where(Stay.shares_with_id == pid).values(shares_with_id=None))
    items = session.execute(delete(ItemPerson).where(ItemPerson.person_id == pid)).rowcount
    messages = outbox.remove_for_person(session, pid, person.email or email)
    part_ids = list(session.scalars(select(Participation.id).where(Participation.person_id == pid)))
    session.execute(update(Participation).where(Participation.person_id == pid).values(
        visa_needed=False, visa_status="", notes="", first_join_utc=None, last_leave_utc=None, attended_minutes=None,
    ))
    session.execute(delete(VisaChange).where(VisaChange.participation_id.in_(part_ids)))  # dates and notes of their visa
    scrubbed = _scrub_history(session, part_ids, traces)
    if person.email:
        session.execute(update(Event).where(Event.organiser_email == person.email).values(organiser_email="", organiser_name=""))
    session.flush()
    session.expire_all()
    _anonymise(session, session.get(Person, pid))  # type: ignore[arg-type]
    session.flush()
    return ErasureReport(pid, len(part_ids), legs, stays, items, scrubbed, messages)


def replay(session: Session) -> int:
    """Erase again everyone the erasure register names (a restored or copied database may hold them); how many."""
    named = erasure_register.named_people(session)
    for email in named:
        erase_person(session, email)
    return len(named)


def _secure_delete(session: Session) -> None:
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA secure_delete=ON")


def _anonymise(session: Session, person: Person) -> None:
    for field in ("given_name", "local_name", "phone", "passport_number", "job_title", "gender", "nationality",
                  "dietary", "accessibility"):
        setattr(person, field, "")
    person.family_name = ERASED_NAME
    person.email = None
    person.key = None
    person.passport_expiry = None
    person.preferred_language = None  # it describes them as their nationality does
    person.name_order = "given_first"
    person.notes = ERASED


def _scrub_history(session: Session, part_ids: list[int], traces: list[str]) -> int:
    """Blank who/why of their own status changes, and any other entry whose text names them."""
    count = 0
    if part_ids:
        count += session.execute(
            update(StatusChange).where(StatusChange.participation_id.in_(part_ids)).values(by="", reason="")
        ).rowcount
    if traces:
        naming = or_(*(StatusChange.by.ilike(f"%{t}%") | StatusChange.reason.ilike(f"%{t}%") for t in traces))
        for change in session.scalars(select(StatusChange).where(naming)):
            for trace in traces:
                change.by = _without(change.by, trace)
                change.reason = _without(change.reason, trace)
            count += 1
        others = select(Participation).where(or_(*(Participation.notes.ilike(f"%{t}%") for t in traces)))
        for part in session.scalars(others):
            for trace in traces:
                part.notes = _without(part.notes, trace)
    return count


def _without(text: str, trace: str) -> str:
    """`text` with every case-insensitive occurrence of `trace` replaced by a neutral mark."""
    lower, needle = text.lower(), trace.lower()
    out, start = [], 0
    while (found := lower.find(needle, start)) >= 0:
        out.append(text[start:found] + ERASED)
        start = found + len(needle)
    return "".join(out) + text[start:]


def scrub_file(engine: Engine) -> bool:
    """After an erasure is committed: copy the log into the file and truncate it; False if readers kept it busy."""
    if engine.dialect.name != "sqlite":
        return True  # a server database manages its own storage
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA secure_delete=ON")
        busy, _log, _done = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        conn.commit()
    return busy == 0
