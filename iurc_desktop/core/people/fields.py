"""A person's free-text fields, edited in place, with their limits."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..editing import clean_text
from ..errors import NotFound, ValidationError
from ..models import Person
from ..team.concurrency import save_with_version

# Free-text person fields a user may edit in place, with their column limits.
PERSON_TEXT_FIELDS: dict[str, int] = {
    "given_name": 120,
    "family_name": 120,
    "local_name": 200,
    "job_title": 200,
    "phone": 40,
    "dietary": 200,
    "accessibility": 200,
}


def set_person_field(session: Session, person_id: int, field: str, value: str, *, expected_version: int | None = None) -> str:
    """Set one free-text field of a person; returns the old value.

    With `expected_version`, raises EditConflict if the person was saved by someone else since.
    """
    if field not in PERSON_TEXT_FIELDS:
        allowed = ", ".join(PERSON_TEXT_FIELDS)
        raise ValidationError(f"{field} cannot be edited here (editable fields: {allowed})")
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"There is no person with id {person_id}; they may have been erased or merged.")
    new = clean_text(value, field.replace("_", " "), PERSON_TEXT_FIELDS[field], required=False)
    old = getattr(person, field)
    if expected_version is not None:
        save_with_version(session, Person, person_id, expected_version, {field: new})
        return old
    if new != old:
        setattr(person, field, new)
        session.flush()
    return old
