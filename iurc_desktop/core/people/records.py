"""A person created, edited and removed by the programme file's rules; removal takes their event records along."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..editing import check_editable
from ..errors import NotFound, ValidationError
from ..models import ItemPerson, Organisation, OutboxMessage, Participation, Person, StatusChange, Stay, TravelLeg
from ..programme.dump import entry_of
from ..programme.schema import MISSING, PersonPlan, derive_person_key
from ..programme.validate import validate_person
from ..team.concurrency import save_with_version
from .listing import find_person_by_email, normalise_email
from .snapshots import Edited, Removed, counted, restore, take, unlink

# Fields of a person as the programme file names them (the key is derived from the e-mail and kept).
PERSON_FIELDS = (
    "given_name", "family_name", "name_order", "local_name", "email", "phone", "organisation", "job_title",
    "gender", "nationality", "passport_expiry", "passport_number", "dietary", "accessibility", "notes",
    "preferred_language",
)


@dataclass(frozen=True)
class PersonRecord:
    """A person as stored: the programme file's entry, with the row's id and version."""

    id: int
    version: int
    entry: dict[str, Any]


def find_person(session: Session, who: int | str) -> Person:
    """A person by id or e-mail; NotFound says which."""
    if isinstance(who, str):
        person = find_person_by_email(session, who)
        if person is None:
            raise NotFound(f"There is no person with the e-mail {who!r}.")
        return person
    found = session.get(Person, who)
    if found is None:
        raise NotFound(f"There is no person with id {who}; they may have been removed, merged or erased.")
    return found


def person_record(session: Session, who: int | str) -> PersonRecord:
    """The person as the programme file writes them, with id and version."""
    return _record(find_person(session, who))


def add_person(session: Session, fields: Mapping[str, Any]) -> PersonRecord:
    """Create a person from programme-file fields; a duplicate e-mail is refused naming the other person."""
    check_editable("a person", fields, PERSON_FIELDS)
    email = fields.get("email")
    if not isinstance(email, str) or not email.strip():
        raise ValidationError("email: missing (required): a person is known by their e-mail address")
    taken = set(session.scalars(select(Person.key).where(Person.key.is_not(None))))
    plan = validate_person(session, {**fields, "key": derive_person_key(email, taken)}, _email_taken(session, email, None))
    person = Person(key=plan.key)
    _set_columns(person, _columns(session, plan))
    session.add(person)
    session.flush()
    return _record(person)


def edit_person(session: Session, who: int | str, changes: Mapping[str, Any], *, expected_version: int | None = None) -> Edited:
    """Change fields of a person by the file's rules; with `expected_version`, EditConflict if someone saved since."""
    check_editable("a person", changes, PERSON_FIELDS)
    if "email" in changes and not changes["email"]:
        raise ValidationError("email: a person is known by their e-mail address; it cannot be left empty")
    person = find_person(session, who)
    before = entry_of(person)
    plan = validate_person(session, {**before, **changes}, _email_taken(session, changes.get("email"), person.id))
    columns = {k: v for k, v in _columns(session, plan).items() if getattr(person, k) != v}
    if expected_version is not None:
        version = save_with_version(session, Person, person.id, expected_version, columns)
    else:
        _set_columns(person, columns)
        session.flush()
        version = person.version
    session.expire(person, ["organisation"])  # set by its id: read the link again
    return Edited(entry_of(person), {name: before.get(name) for name in changes}, version)


def remove_person(session: Session, who: int | str) -> Removed:
    """Remove a person with their participations (and status history), travel, stays and item assignments."""
    person = find_person(session, who)
    pid = person.id
    label = f"{person.display_name} ({person.email})" if person.email else person.display_name
    parts = select(Participation.id).where(Participation.person_id == pid).scalar_subquery()
    removed = Removed(
        "person", label, pid,
        rows=(
            take(session, Person.__table__, Person.id == pid),
            take(session, Participation.__table__, Participation.person_id == pid),
            take(session, StatusChange.__table__, StatusChange.participation_id.in_(parts)),
            take(session, TravelLeg.__table__, TravelLeg.person_id == pid),
            take(session, Stay.__table__, Stay.person_id == pid),
            take(session, ItemPerson.__table__, ItemPerson.person_id == pid),
            take(session, OutboxMessage.__table__, OutboxMessage.person_id == pid),  # their send log, kept for undo
        ),
        links=(unlink(session, Stay.__table__.c.shares_with_id, pid),),
    )
    session.execute(delete(StatusChange).where(StatusChange.participation_id.in_(parts)))
    for model in (Participation, TravelLeg, Stay, ItemPerson, OutboxMessage):
        session.execute(delete(model).where(model.person_id == pid))  # type: ignore[attr-defined]
    session.execute(delete(Person).where(Person.id == pid))
    session.expire_all()
    return removed


def restore_person(session: Session, removed: Removed) -> PersonRecord:
    """Put a removed person back with everything that went with them."""
    return _record(find_person(session, restore(session, removed)))


def removal_message(removed: Removed) -> str:
    """What removing the person took with them, in a sentence; another's stay naming them as room-mate stays."""
    went = [
        counted(n, noun)
        for n, noun in ((removed.taken("participations"), "participation"), (removed.taken("travel_legs"), "travel leg"),
                        (removed.taken("stays"), "hotel stay"), (removed.taken("item_people"), "item assignment"))
        if n
    ]
    mates = removed.cleared("stays")
    cleared = f" ({counted(mates, 'room-mate link')} cleared)" if mates else ""
    return f"Removed {removed.label}" + (f" with {_joined(went)}" if went else "") + f"{cleared}."


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _record(person: Person) -> PersonRecord:
    return PersonRecord(person.id, person.version, entry_of(person))


def _columns(session: Session, plan: PersonPlan) -> dict[str, Any]:
    """The validated plan as column values (the organisation as its id)."""
    columns = dict(plan.values)
    if plan.organisation is not MISSING:
        org = plan.organisation
        columns["organisation_id"] = session.scalar(select(Organisation.id).where(Organisation.key == org)) if org else None
    return columns


def _set_columns(person: Person, columns: Mapping[str, Any]) -> None:
    for name, value in columns.items():
        setattr(person, name, value)


def _email_taken(session: Session, email: Any, person_id: int | None) -> list[str]:
    """The problem of an e-mail another person has, naming them."""
    if not isinstance(email, str) or not email.strip():
        return []
    other = session.scalar(
        select(Person).where(func.lower(func.trim(Person.email)) == normalise_email(email), Person.id != (person_id or -1))
    )
    if other is None:
        return []
    return [f"email: {email} is already the e-mail of {other.display_name or 'another person'}"
            + (f" (key {other.key})" if other.key else "")]
