"""An attendance report that names no participant is refused; one dated outside the event is taken with a note."""

from __future__ import annotations

from datetime import date

import pytest

from iurc_desktop.app import imports as app_imports
from iurc_desktop.core.errors import ValidationError
from iurc_desktop.core.models import Event, Participation, Person, StatusChange
from iurc_desktop.core.registrations import participations as reg
from iurc_desktop.exchange.imports.people import plan_import
from tests.conftest import SAMPLES

TEAMS = SAMPLES / "real" / "teams_meeting_attendance_utf16be.csv"  # a meeting of 14 Nov 2022


def _event(db, start: date, people: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        s.add(Event(code="web", kind="webinar", title="Webinar", zone="Europe/Brussels", start_date=start, end_date=start))
        s.flush()
        for name, email in people:
            p = Person(given_name=name, family_name="Example", email=email)
            s.add(p)
            s.flush()
            reg.register(s, "web", p.id, status="registered")


def _statuses(db) -> list[str]:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return sorted(p.status for p in s.query(Participation))


def test_a_report_matching_nobody_is_refused_and_marks_nobody_no_show(db) -> None:  # type: ignore[no-untyped-def]
    _event(db, date(2027, 3, 24), [("Ane", "ane@example.eus"), ("Yui", "yui@example.jp")])
    with db.reading() as s:
        changes = s.query(StatusChange).count()
    with db.transaction() as s, pytest.raises(ValidationError) as caught:
        plan_import(s, "web", TEAMS, attendance=True)
    text = str(caught.value)
    assert "none of its 3 rows matches a participant of web" in text
    assert "nothing was changed" in text and "another event" in text and "wrong file" in text
    assert _statuses(db) == ["registered", "registered"]
    with db.reading() as s:
        assert s.query(StatusChange).count() == changes


def test_a_report_dated_outside_the_event_is_imported_with_a_note(db) -> None:  # type: ignore[no-untyped-def]
    _event(db, date(2027, 3, 24), [("Jan", "jan.janssens.ext@example.org"), ("Yui", "yui@example.jp")])
    with db.transaction() as s:
        plan = plan_import(s, "web", TEAMS, attendance=True)
        assert plan.notes == ("the report's times are on 2022-11-14, outside web's dates (2027-03-24): "
                              "check that it is this event's report",)
        assert plan.rejected == []
    result = app_imports.apply_import(db, plan).value
    assert (result.attended, result.no_show) == (1, 1)


def test_a_report_on_the_event_day_has_no_note(db) -> None:  # type: ignore[no-untyped-def]
    _event(db, date(2022, 11, 14), [("Jan", "jan.janssens.ext@example.org")])
    with db.transaction() as s:
        assert plan_import(s, "web", TEAMS, attendance=True).notes == ()
