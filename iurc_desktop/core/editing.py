"""Small single-field edits made from the GUI, each returning the old value so it can be undone.

Given the `expected_version` of the row the user was looking at, an edit is
refused with `EditConflict` when someone else saved the row since (team mode).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy.orm import Session

from .errors import NotFound, ValidationError
from .events.listing import get_event_model
from .models import Event, Person
from .team.concurrency import save_with_version

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
TITLE_MAX = 300


def check_editable(what: str, changes: Mapping[str, object], editable: Iterable[str]) -> None:
    """Refuse fields that cannot be edited, naming those that can."""
    allowed = tuple(editable)
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise ValidationError(f"Cannot change {', '.join(unknown)} of {what} (editable: {', '.join(allowed)}).")


def _clean(value: object, label: str, limit: int, *, required: bool) -> str:
    if not isinstance(value, str):
        raise ValidationError(f"{label}: expected text, got {type(value).__name__}")
    text = " ".join(value.split())  # no stray newlines or double spaces from a paste
    if required and not text:
        raise ValidationError(f"{label}: must not be empty")
    if len(text) > limit:
        raise ValidationError(f"{label}: {len(text)} characters is too long (at most {limit})")
    return text


def rename_event(session: Session, code: str, title: str, *, expected_version: int | None = None) -> str:
    """Set an event's title; returns the old title. A calendar-visible change, so the sequence rises.

    With `expected_version`, raises EditConflict if the event was saved by someone else since.
    """
    event = get_event_model(session, code)
    new = _clean(title, f"{code}.title", TITLE_MAX, required=True)
    old = event.title
    if expected_version is not None:
        save_with_version(session, Event, event.id, expected_version, {"title": new})  # raises the sequence too
        return old
    if new != old:
        event.title = new
        session.flush()
    return old


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
    new = _clean(value, field.replace("_", " "), PERSON_TEXT_FIELDS[field], required=False)
    old = getattr(person, field)
    if expected_version is not None:
        save_with_version(session, Person, person_id, expected_version, {field: new})
        return old
    if new != old:
        setattr(person, field, new)
        session.flush()
    return old
