"""What an import writes beyond people and registrations: the organisations it creates, and its undo.

An import creates organisations, people and participations, fills people's blank
fields, moves registrations (and attendance) along. `ImportUndo` keeps the ids of
what was created and the values from before the import; `take_back` applies it
in one transaction. Restored statuses are recorded in each participation's
history with the reason "undo", so nothing is hidden.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .models import Organisation, Participation, Person
from .people.listing import people_by_id
from .programme.schema import FORMAT
from .programme.validate import validate
from .programme.write import write
from .registrations import undo as statuses
from .registrations.undo import StatusSnapshot


@dataclass(frozen=True)
class AttendanceBefore:
    """A participation's attendance times before an attendance report was imported."""

    participation_id: int
    first_join_utc: datetime | None
    last_leave_utc: datetime | None
    minutes: int | None


@dataclass(frozen=True)
class ImportUndo:
    """What one import created (ids) and what it changed (the values before), to take it back."""

    event_code: str
    organisation_ids: tuple[int, ...] = ()
    person_ids: tuple[int, ...] = ()
    participation_ids: tuple[int, ...] = ()
    blanks: tuple[tuple[int, tuple[tuple[str, object], ...]], ...] = ()  # (person id, (column, value before)) filled
    statuses: tuple[StatusSnapshot, ...] = ()  # the event's statuses before
    attendance: tuple[AttendanceBefore, ...] = ()


def create_organisations(session: Session, entries: Sequence[Mapping[str, str]]) -> dict[str, int]:
    """Create organisations given as the programme file writes them, by its rules; their ids by key."""
    write(session, validate(session, {"format": FORMAT, "organisations": [dict(e) for e in entries]}))
    keys = [str(e["key"]) for e in entries]
    ids = dict(session.execute(select(Organisation.key, Organisation.id).where(Organisation.key.in_(keys))).all())
    return {key: ids[key] for key in keys}


def blanks_before(session: Session, filled: Sequence[tuple[int, Mapping[str, object]]]) -> tuple[tuple[int, tuple[tuple[str, object], ...]], ...]:
    """The blank columns that filling `filled` will give a value, with the blank they hold now."""
    out = []
    stored = people_by_id(session, [person_id for person_id, _ in filled])
    for person_id, values in filled:
        person = stored.get(person_id)
        if person is None:
            continue
        blank = tuple((k, getattr(person, k)) for k, v in values.items() if getattr(person, k) in (None, "") and v not in (None, ""))
        if blank:
            out.append((person_id, blank))
    return tuple(out)


def attendance_before(session: Session, participation_ids: Sequence[int]) -> tuple[AttendanceBefore, ...]:
    """The attendance times the participations hold now."""
    stmt = select(Participation.id, Participation.first_join_utc, Participation.last_leave_utc,
                  Participation.attended_minutes).where(Participation.id.in_(list(participation_ids)))
    return tuple(AttendanceBefore(*row) for row in session.execute(stmt))


def take_back(session: Session, undo: ImportUndo) -> None:
    """Remove what the import created and put back what it changed."""
    created = set(undo.person_ids)
    stored = people_by_id(session, [person_id for person_id, _ in undo.blanks])
    for person_id, blank in undo.blanks:
        person = stored.get(person_id)
        if person is not None and person_id not in created:
            for column, value in blank:
                setattr(person, column, value)
    for before in undo.attendance:
        part = session.get(Participation, before.participation_id)
        if part is not None:
            part.first_join_utc, part.last_leave_utc = before.first_join_utc, before.last_leave_utc
            part.attended_minutes = before.minutes
    session.flush()
    if undo.participation_ids:
        session.execute(delete(Participation).where(Participation.id.in_(undo.participation_ids)))
    statuses.restore(session, undo.event_code, undo.statuses)
    if undo.person_ids:
        session.execute(delete(Person).where(Person.id.in_(undo.person_ids)))
    if undo.organisation_ids:
        session.execute(delete(Organisation).where(Organisation.id.in_(undo.organisation_ids)))
    session.expire_all()  # rows removed by statement are no longer what the session holds
