"""Single-field edits used by the GUI's undoable commands."""

from __future__ import annotations

from datetime import date

import pytest

from iurc_desktop.core.errors import NotFound, ValidationError
from iurc_desktop.core.events.admin import rename_event
from iurc_desktop.core.models import Event, Person
from iurc_desktop.core.people.fields import set_person_field


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


def _version(db, model, row_id):
    from iurc_desktop.core.team.concurrency import version_of

    with db.reading() as s:
        return version_of(s, model, row_id)


def test_person_edit_at_the_shown_version_is_saved(seeded):
    db, pid = seeded
    shown = _version(db, Person, pid)
    with db.transaction() as s:
        assert set_person_field(s, pid, "job_title", "Mayor", expected_version=shown) == "Officer"
    with db.reading() as s:
        assert s.get(Person, pid).job_title == "Mayor"
    assert _version(db, Person, pid) == shown + 1


def test_person_edit_after_someone_else_saved_raises_edit_conflict_and_keeps_theirs(seeded):
    from iurc_desktop.core.team.concurrency import EditConflict

    db, pid = seeded
    shown = _version(db, Person, pid)
    with db.transaction() as s:  # the other person saves first
        set_person_field(s, pid, "job_title", "Deputy mayor")
    with pytest.raises(EditConflict) as caught:
        with db.transaction() as s:
            set_person_field(s, pid, "job_title", "Mayor", expected_version=shown)
    conflict = caught.value
    assert (conflict.mine, conflict.theirs) == ({"job_title": "Mayor"}, {"job_title": "Deputy mayor"})
    assert "'Deputy mayor'" in str(conflict)
    with db.reading() as s:
        assert s.get(Person, pid).job_title == "Deputy mayor"


def test_event_rename_after_someone_else_renamed_raises_edit_conflict(seeded):
    from iurc_desktop.core.team.concurrency import EditConflict

    db, _ = seeded
    with db.reading() as s:
        event_id = s.query(Event).one().id
    shown = _version(db, Event, event_id)
    with db.transaction() as s:
        rename_event(s, "w1", "Their title")
    with pytest.raises(EditConflict, match="Their title"):
        with db.transaction() as s:
            rename_event(s, "w1", "My title", expected_version=shown)
    with db.transaction() as s:  # at the current version the rename goes through and the sequence rises
        assert rename_event(s, "w1", "My title", expected_version=_version(db, Event, event_id)) == "Their title"
    with db.reading() as s:
        assert (s.query(Event).one().title, s.query(Event).one().sequence) == ("My title", 2)
