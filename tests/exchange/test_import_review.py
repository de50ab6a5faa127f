"""What a new user found in people imports: rooms taken for people, lost letters unflagged, a report read as a roster."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from iurc_desktop.app import imports as app_imports
from iurc_desktop.core.errors import ValidationError
from iurc_desktop.core.models import Event, Person
from iurc_desktop.core.registrations import participations as reg
from iurc_desktop.exchange.imports.mapping import guess_mapping
from iurc_desktop.exchange.imports.people import plan_import
from iurc_desktop.exchange.imports.tabular import SheetChoiceNeeded
from tests.exchange.test_import_sheets import people, workbook

NOT_UTF8 = "row has bytes that are not UTF-8: check the name"
HINT = "this looks like an attendance report: tick 'attendance report'"
TEAMS_HEADER = "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n"


def _event(db, people_: list[tuple[str, str, str]] = ()) -> None:  # type: ignore[no-untyped-def, assignment]
    """A webinar on 9 April 2026 with the given (name, e-mail, status) registered."""
    with db.transaction() as s:
        s.add(Event(code="web", kind="webinar", title="Webinar", zone="Europe/Brussels",
                    start_date=date(2026, 4, 9), end_date=date(2026, 4, 9)))
        s.flush()
        for name, email, status in people_:
            p = Person(given_name=name, family_name="Example", email=email)
            s.add(p)
            s.flush()
            reg.register(s, "web", p.id, status=status)


def _emails(db) -> set[str]:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return {p.email for p in s.query(Person)}


def _teams(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "attendance.csv"
    path.write_text(TEAMS_HEADER + "".join(rows), encoding="utf-16")
    return path


ROOM = "Brussels Room 3.14 (Teams Room)\t4/9/26, 9:59:00 AM\t4/9/26, 12:05:00 PM\t2h 6m\t\t\tAttendee\n"
GUEST = "Nora Lindqvist (Guest)\t4/9/26, 10:02:00 AM\t4/9/26, 12:00:00 PM\t1h 58m\tnora@example.se\t\tAttendee\n"
PIETER = "Pieter Claes\t4/9/26, 9:58:12 AM\t4/9/26, 12:05:00 PM\t2h 6m\tpieter@example.eu\tpieter@example.eu\tOrganizer\n"


def test_a_teams_room_in_a_people_import_is_skipped_with_its_name_and_never_stored(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _event(db)
    path = _teams(tmp_path, ROOM, GUEST)
    with db.reading() as s:
        plan = plan_import(s, "web", path)
    room = next(r for r in plan.rows if r.row == 2)
    assert room.fate == "skipped" and room.name == "Brussels Room 3.14 (Teams Room)"
    assert "meeting room" in room.problems[0]
    before = _emails(db)
    _plan, result = app_imports.import_file(db, "web", path, skip_invalid=True).value
    assert result.people_created == 1 and _emails(db) - before == {"nora@example.se"}
    with db.reading() as s:
        assert s.query(Person).filter(Person.family_name.like("%Room%")).count() == 0


def test_a_room_written_in_the_name_columns_without_an_e_mail_is_no_one(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _event(db)
    path = tmp_path / "roster.csv"
    path.write_text("First name,Last name,Email\nConference,Room 4.12,\nAna,Ruiz,ana@example.es\n", encoding="utf-8")
    with db.reading() as s:
        rows = plan_import(s, "web", path).rows
    assert [(r.fate, r.name) for r in rows] == [("skipped", "Conference Room 4.12"), ("new", "Ana Ruiz")]


def test_a_teams_room_in_an_attendance_import_is_skipped_too(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _event(db, [("Pieter", "pieter@example.eu", "confirmed")])
    with db.reading() as s:
        rows = plan_import(s, "web", _teams(tmp_path, PIETER, ROOM), attendance=True).rows
    assert [(r.fate, r.name) for r in rows] == [("attended", "Pieter Example"), ("skipped", "Brussels Room 3.14 (Teams Room)")]


def _lossy(tmp_path: Path) -> Path:
    """Mostly UTF-8 with one row pasted in Windows-1252: é, ß and ü there are single bytes."""
    path = tmp_path / "german.csv"
    path.write_bytes("Vorname;Nachname;E-Mail;Organisation\n"
                     "Jürgen;Müller;juergen@example.de;Stadt Köln\n"
                     "Käthe;Groß;kaethe@example.de;Stadt Köln\n".encode("utf-8")
                     + b"St\xe9phane;We\xdfer;stephane@example.de;Stadt M\xfcnchen\n")
    return path


def test_a_row_with_bytes_that_are_not_utf8_carries_a_warning(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _event(db)
    with db.reading() as s:
        plan = plan_import(s, "web", _lossy(tmp_path))
    by_row = {r.row: r for r in plan.rows}
    assert by_row[4].fate == "new" and by_row[4].name == "St?phane We?er" and by_row[4].problems == (NOT_UTF8,)
    assert by_row[2].problems == () and by_row[3].problems == ()
    assert not plan.rejected  # a warning: the row can still be imported, once looked at


def test_an_organisation_with_a_lost_letter_is_not_ticked_for_creation(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _event(db)
    with db.reading() as s:
        plan = plan_import(s, "web", _lossy(tmp_path))
    assert {o.name: o.create for o in plan.organisations} == {"Stadt Köln": True, "Stadt M?nchen": False}


def test_a_meeting_report_read_as_registrations_hints_at_attendance(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _event(db, [("Pieter", "pieter@example.eu", "confirmed")])
    with db.reading() as s:
        plan = plan_import(s, "web", _teams(tmp_path, PIETER, GUEST))
    pieter = plan.rows[0]
    assert plan.layout == "teams_attendance" and pieter.fate == "rejected"
    assert "cannot go from confirmed to registered" in pieter.problems[0]
    assert pieter.problems[-1].startswith(HINT) and "--attendance" in pieter.problems[-1]
    assert any(note.startswith("row 2 cannot move back to registered; " + HINT) for note in plan.notes)


def test_a_registration_file_gets_no_attendance_hint(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _event(db, [("Pieter", "pieter@example.eu", "confirmed")])
    path = tmp_path / "registrations.csv"
    path.write_text("Name,Email,Status\nPieter Claes,pieter@example.eu,registered\n", encoding="utf-8")
    with db.reading() as s:
        problems = plan_import(s, "web", path).rows[0].problems
    assert problems and not any(HINT in p for p in problems)


def _notes_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.csv"
    path.write_text("Name,Email,X\nAna Ruiz,ana@example.es,vegetarian\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("field", ["Notes", "notes", "NOTES", "Arrival (in registration notes)", "given name"])
def test_a_mapping_takes_the_labels_the_preview_shows(db, tmp_path: Path, field: str) -> None:  # type: ignore[no-untyped-def]
    _event(db)
    with db.reading() as s:
        plan = plan_import(s, "web", _notes_file(tmp_path), mapping={"X": field})
    assert plan.mapping["X"] == {"Arrival (in registration notes)": "arrival", "given name": "given_name"}.get(field, "notes")


def test_a_mapping_of_a_missing_column_names_the_column_not_the_field(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _event(db)
    with db.reading() as s, pytest.raises(ValidationError) as caught:
        plan_import(s, "web", _notes_file(tmp_path), mapping={"Shoe": "Shoe size"})
    text = str(caught.value)
    assert "notes.csv has no column 'Shoe'; its columns: 'Name', 'Email', 'X'" in text and "is not a field" not in text


@pytest.mark.parametrize("header", ["Anmerkung", "Bemerkung", "Remarque", "Observaciones", "Note"])
def test_remarks_columns_of_every_language_are_notes(header: str) -> None:
    assert guess_mapping(["Name", header])[header] == "notes"


def _arrivals(db, tmp_path: Path, *days: str) -> dict[str, tuple[str, ...]]:  # type: ignore[no-untyped-def]
    path = tmp_path / "roster.csv"
    path.write_text("Name,Email,Arrival\n" + "".join(f"P{i} Example,p{i}@example.eu,{d}\n" for i, d in enumerate(days)),
                    encoding="utf-8")
    with db.reading() as s:
        return {dict(r.values)["arrival"].isoformat(): r.problems for r in plan_import(s, "web", path).rows}


def test_an_arrival_far_from_the_event_is_warned_on_its_row(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _event(db)  # 9 April 2026
    problems = _arrivals(db, tmp_path, "2026-04-08", "2026-03-10", "2026-03-09", "2026-04-10", "2025-04-08")
    assert problems["2026-04-08"] == () and problems["2026-03-10"] == ()  # the day before; 30 days before
    assert "more than 30 days before the event starts" in problems["2026-03-09"][0]
    assert "after the event ends" in problems["2026-04-10"][0]
    assert "check the date" in problems["2025-04-08"][0]


def test_a_workbook_whose_sheets_do_not_tell_lists_them_once_for_the_window(tmp_path: Path) -> None:
    from iurc_desktop.exchange.imports.people import read_sheet

    path = workbook(tmp_path / "days.xlsx", {"Day 1": people(2), "Day 2": people(2, 5)})
    with pytest.raises(SheetChoiceNeeded) as caught:
        read_sheet(path)
    assert caught.value.short.count("'Day 1'") == 1 and "Its sheets" not in caught.value.short
    assert "Its sheets: 'Day 1', 'Day 2'." in str(caught.value)  # the command line has no list beside it
