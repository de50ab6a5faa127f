"""Single-field edits used by the GUI's undoable commands."""

from __future__ import annotations

from datetime import date

import pytest

from iurc_desktop.core.editing import rename_event, set_person_field
from iurc_desktop.core.errors import NotFound, ValidationError
from iurc_desktop.core.models import Event, Person


@pytest.fixture
def seeded(db):
    with db.transaction() as s:
        s.add(Event(code="w1", kind="webinar", title="Old title", zone="Europe/Brussels",
                    start_date=date(2026, 3, 26), end_date=date(2026, 3, 26)))
        person = Person(given_name="Ane", family_name="Etxeberria", email="ane@example.eus", job_title="Officer")
        s.add(person)
        s.flush()
        pid = person.id
    return db, pid


def test_rename_event_returns_old_title_and_bumps_sequence(seeded):
    db, _ = seeded
    with db.transaction() as s:
        assert rename_event(s, "w1", "  New   title ") == "Old title"
    with db.reading() as s:
        event = s.query(Event).one()
        assert (event.title, event.sequence) == ("New title", 1)


def test_rename_event_refuses_empty_title_and_changes_nothing(seeded):
    db, _ = seeded
    with pytest.raises(ValidationError, match="must not be empty"):
        with db.transaction() as s:
            rename_event(s, "w1", "   ")
    with db.reading() as s:
        assert s.query(Event).one().title == "Old title"


def test_rename_unknown_event_names_known_codes(seeded):
    db, _ = seeded
    with pytest.raises(NotFound, match="w1"), db.transaction() as s:
        rename_event(s, "nope", "x")


def test_set_person_field_returns_old_value(seeded):
    db, pid = seeded
    with db.transaction() as s:
        assert set_person_field(s, pid, "job_title", "Head of unit") == "Officer"
    with db.reading() as s:
        assert s.get(Person, pid).job_title == "Head of unit"


def test_set_person_field_refuses_fields_not_editable_here(seeded):
    db, pid = seeded
    with pytest.raises(ValidationError, match="email cannot be edited"), db.transaction() as s:
        set_person_field(s, pid, "email", "x@example.org")


def test_set_person_field_refuses_too_long_text(seeded):
    db, pid = seeded
    with pytest.raises(ValidationError, match="too long"), db.transaction() as s:
        set_person_field(s, pid, "phone", "1" * 41)


def test_set_person_field_unknown_person(seeded):
    db, _ = seeded
    with pytest.raises(NotFound), db.transaction() as s:
        set_person_field(s, 9999, "job_title", "x")
