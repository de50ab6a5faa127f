"""Every real sample file imports (or marks attendance) with the right people, names and fates."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from iurc_desktop.core.models import Event, Participation, Person
from iurc_desktop.app import imports as app_imports
from tests.conftest import SAMPLES

REAL = SAMPLES / "real"


@pytest.fixture
def webinar(db):  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        s.add(Event(code="web", kind="webinar", title="Webinar", zone="UTC", start_date=date(2025, 3, 22), end_date=date(2025, 3, 22)))
    return db


def _import(db, name: str, **kw):  # type: ignore[no-untyped-def]
    plan = app_imports.plan_import(db, "web", REAL / name, **kw)
    return plan, app_imports.apply_import(db, plan).value


def _people(db) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return {p.email: p.display_name for p in s.query(Person)}


@pytest.mark.parametrize(("name", "layout", "expected"), [
    ("eventbrite_attendee_report.csv", "eventbrite", {
        "jdoe1@test1mail.com": "John Doe", "jdoe2@test2mail.com": "Jane Doe", "jbloggs@test3mail.com": "Joe Bloggs"}),
    ("teams_meeting_attendance_utf16be.csv", "teams_attendance", {
        "jan.janssens.ext@example.org": "JANSSENS JAN", "johnny.walker@example.org": "Johnny Walker",
        "pgsimon@example.org": "Pedro García Simón"}),
    ("zoom_meeting_participants_report.csv", "zoom_meeting_participants", {
        "loki_asgardian@marvel.com": "Loki Laufeyson", "mockingbird_human@marvel.com": "Mockingbird",
        "clea_unknown@marvel.com": "Clea", "power-girl_kryptonian@dc.com": "Kara Zor-L",
        "cyborg-superman_cyborg@dc.com": "Cyborg Superman", "blizzard-ii_unknown@marvel.com": "Blizzard II",
        "green-goblin_human@marvel.com": "Norman Osborn", "donna-troy_amazon@dc.com": "Donna Troy"}),
    ("zoom_webinar_attendee_report_structure.csv", "zoom_webinar_attendees", {
        "host@example.com": "Host Person", "panelist1@example.com": "Panelist One", "attendee.a@example.com": "Attendee A",
        "attendee.b@example.com": "Attendee B", "attendee.c@example.com": "attendee c"}),
])
def test_sample_imports_the_right_people(webinar, name: str, layout: str, expected: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    plan, result = _import(webinar, name)
    assert plan.layout == layout and plan.rejected == []
    assert result.people_created == len(expected) == result.registrations_created
    assert _people(webinar) == expected


def test_zoom_webinar_sections_give_roles_and_the_repeated_panelist_is_one_person(webinar) -> None:  # type: ignore[no-untyped-def]
    plan, _ = _import(webinar, "zoom_webinar_attendee_report_structure.csv")
    assert plan.counts == {"new": 5, "duplicate": 1}
    with webinar.reading() as s:
        roles = {p.person.email: p.role for p in s.query(Participation)}
    assert roles["host@example.com"] == "organiser" and roles["panelist1@example.com"] == "speaker"
    assert roles["attendee.a@example.com"] == "delegate"


def test_importing_the_same_file_twice_matches_instead_of_duplicating(webinar) -> None:  # type: ignore[no-untyped-def]
    _import(webinar, "eventbrite_attendee_report.csv")
    plan, result = _import(webinar, "eventbrite_attendee_report.csv")
    assert plan.counts == {"unchanged": 3} and result.people_created == 0
    assert len(_people(webinar)) == 3


def test_zoom_webinar_attendance_marks_attended_and_no_show(webinar) -> None:  # type: ignore[no-untyped-def]
    _import(webinar, "zoom_webinar_attendee_report_structure.csv")
    plan, result = _import(webinar, "zoom_webinar_attendee_report_structure.csv", attendance=True)
    assert (result.attended, result.no_show) == (3, 2)
    with webinar.reading() as s:
        parts = {p.person.email: _snap(p) for p in s.query(Participation)}
    assert parts["attendee.c@example.com"].status == "attended" and parts["attendee.c@example.com"].attended_minutes == 1
    assert parts["attendee.a@example.com"].status == "no_show" and parts["attendee.b@example.com"].status == "no_show"
    panelist = parts["panelist1@example.com"]
    assert panelist.attended_minutes == 267  # two overlapping sessions counted once
    assert panelist.first_join_utc == datetime(2025, 3, 22, 19, 28, 32, tzinfo=timezone.utc)
    assert panelist.last_leave_utc == datetime(2025, 3, 22, 23, 55, 19, tzinfo=timezone.utc)


def _snap(part: Participation):  # type: ignore[no-untyped-def]
    """The attendance fields as plain values, readable after the session closes."""
    from types import SimpleNamespace

    return SimpleNamespace(status=part.status, attended_minutes=part.attended_minutes,
                           first_join_utc=part.first_join_utc, last_leave_utc=part.last_leave_utc)


def _register(db, people: list[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.core.registrations import participations as reg

    with db.transaction() as s:
        for given, family, email in people:
            p = Person(given_name=given, family_name=family, email=email)
            s.add(p)
            s.flush()
            reg.register(s, "web", p.id, status="registered")


def test_teams_webinar_attendance_matches_by_email_registration_email_and_lists_the_rest(webinar) -> None:  # type: ignore[no-untyped-def]
    _register(webinar, [("Person", "One", "person.one@example.com"), ("Person", "Two", "person.two@example.com"),
                        ("Person", "Three", "person.three@example.com"), ("Never", "Came", "never@example.com")])
    plan, result = _import(webinar, "teams_webinar_attendance_utf16le.csv", attendance=True)
    fates = {r.row: r.fate for r in plan.rows}
    assert fates == {14: "not_registered", 15: "attended", 16: "attended", 17: "attended", 18: "attended"}
    assert (result.attended, result.no_show) == (3, 1)
    assert result.unmatched == ("row 14: organiser@example.org is not a participant of web",)
    with webinar.reading() as s:
        parts = {p.person.email: _snap(p) for p in s.query(Participation)}
    assert parts["never@example.com"].status == "no_show"
    assert parts["person.one@example.com"].attended_minutes == 4  # 3m 30s as Teams counted it, rounded
    assert parts["person.one@example.com"].first_join_utc == datetime(2023, 4, 17, 19, 31, 47, tzinfo=timezone.utc)


def test_teams_meeting_attendance_day_first_dates_and_names(webinar) -> None:  # type: ignore[no-untyped-def]
    _register(webinar, [("Jan", "Janssens", "jan.janssens.ext@example.org"), ("Pedro", "García Simón", "pgsimon@example.org")])
    plan, result = _import(webinar, "teams_meeting_attendance_utf16be.csv", attendance=True)
    assert (result.attended, result.no_show) == (2, 0)
    assert [r.fate for r in plan.rows] == ["attended", "not_registered", "attended"]
    with webinar.reading() as s:
        pedro = _snap(s.query(Person).filter_by(email="pgsimon@example.org").one().participations[0])
    assert pedro.first_join_utc == datetime(2022, 11, 14, 9, 30, 52, tzinfo=timezone.utc) and pedro.attended_minutes == 19


def test_zoom_meeting_attendance_minutes(webinar) -> None:  # type: ignore[no-untyped-def]
    _import(webinar, "zoom_meeting_participants_report.csv")
    _, result = _import(webinar, "zoom_meeting_participants_report.csv", attendance=True)
    assert (result.attended, result.no_show) == (8, 0)
    with webinar.reading() as s:
        loki = _snap(s.query(Person).filter_by(email="loki_asgardian@marvel.com").one().participations[0])
    assert (loki.status, loki.attended_minutes) == ("attended", 128)


def test_attendance_times_with_an_offset_are_not_reread_in_the_event_zone(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A report that writes UTC times ('...Z') gives the same instants for an event in Tokyo."""
    with db.transaction() as s:
        s.add(Event(code="web", kind="webinar", title="Webinar", zone="Asia/Tokyo", start_date=date(2025, 3, 22), end_date=date(2025, 3, 22)))
    _register(db, [("Aiko", "Sato", "aiko@example.jp"), ("Ben", "Lee", "ben@example.org")])
    report = tmp_path / "attendance.csv"
    report.write_text(
        "Name,Email,Join Time,Leave Time\n"
        "Aiko Sato,aiko@example.jp,2025-03-22T01:00:00Z,2025-03-22T02:30:00Z\n"
        "Ben Lee,ben@example.org,2025-03-22 10:00,2025-03-22 11:00\n",
        encoding="utf-8",
    )
    app_imports.apply_import(db, app_imports.plan_import(db, "web", report, attendance=True))
    with db.reading() as s:
        parts = {p.person.email: _snap(p) for p in s.query(Participation)}
    assert parts["aiko@example.jp"].first_join_utc == datetime(2025, 3, 22, 1, tzinfo=timezone.utc)
    assert parts["aiko@example.jp"].last_leave_utc == datetime(2025, 3, 22, 2, 30, tzinfo=timezone.utc)
    assert parts["ben@example.org"].first_join_utc == datetime(2025, 3, 22, 1, tzinfo=timezone.utc)  # 10:00 in Tokyo


def test_teams_webinar_registrants_are_one_person_each_by_their_registration_email(webinar) -> None:  # type: ignore[no-untyped-def]
    """Rows 16 and 17 are one registrant (person.two@example.com) seen under two accounts; row 18 is person three."""
    plan, result = _import(webinar, "teams_webinar_attendance_utf16le.csv")
    assert {r.row: r.fate for r in plan.rows} == {14: "new", 15: "new", 16: "new", 17: "duplicate", 18: "new"}
    assert result.people_created == 4 == result.registrations_created
    assert set(_people(webinar)) == {"organiser@example.org", "person.one@example.com", "person.two@example.com",
                                     "person.three@example.com"}
    with webinar.reading() as s:
        two = s.query(Person).filter_by(email="person.two@example.com").one()
        assert (two.given_name, two.family_name) == ("person", "two")
        assert "Also uses the e-mail person.two@example.net" in two.notes
