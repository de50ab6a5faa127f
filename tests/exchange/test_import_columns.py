"""Every column is accounted for: known layouts carry what they hold, and a column left out is said to be.

Each file is written here in the layout of a real export: a host city's bilingual roster, a Microsoft Forms
export of anonymous answers, a Google Forms sheet with long questions, a Teams attendance report with device
guests, a Zoom participants report with a room and a dial-in number.
"""

from __future__ import annotations

import codecs
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from iurc_desktop.app import imports as app_imports
from iurc_desktop.core.errors import ValidationError
from iurc_desktop.core.models import Event, Participation, Person
from iurc_desktop.exchange.imports.dates import travel_date
from iurc_desktop.exchange.imports.mapping import guess_mapping, question_field
from iurc_desktop.exchange.imports.people import plan_import
from iurc_desktop.exchange.imports.values import device_name


@pytest.fixture
def visit(db):  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        s.add(Event(code="sv", kind="study_visit", title="Visit", zone="Asia/Tokyo", start_date=date(2026, 4, 3),
                    end_date=date(2026, 4, 10)))
    return db


def _run(db, path: Path, **kw):  # type: ignore[no-untyped-def]
    plan = app_imports.plan_import(db, "sv", path, **kw)
    return plan, app_imports.apply_import(db, plan).value


def _people(db) -> dict[str | None, tuple[str, str, str, str, str]]:  # type: ignore[no-untyped-def]
    """Each person's given, family and local names, dietary and accessibility needs, by e-mail."""
    with db.reading() as s:
        return {p.email: (p.given_name, p.family_name, p.local_name, p.dietary, p.accessibility) for p in s.query(Person)}


def _host_roster(path: Path) -> Path:
    """A host city's roster: merged title, kanji and romanised names, arrival and departure in every form met."""
    wb = Workbook()
    ws = wb.active
    ws.append(["浜松市 訪問団 受入名簿"])
    ws.merge_cells("A1:G1")
    ws.append([])
    ws.append(["No.", "氏名", "Name (Roman)", "E-mail", "所属", "Arrival", "Departure"])
    ws.append([1, "山田\u3000太郎", "Yamada Taro", "taro@example.jp", "浜松市", "令和8年4月3日", "4月8日(水)"])
    ws.append([2, "鈴木\u3000花子", "Suzuki Hanako", "hanako@example.jp", "浜松市", "R8.4.4", "2026年4月9日(木)"])
    ws.append([3, "佐藤\u3000健", "Sato Ken", "ken@example.jp", "静岡県", "3 April 2026", datetime(2026, 4, 10)])
    ws.append([4, "高橋\u3000誠", "Takahashi Makoto", "makoto@example.jp", "静岡県", datetime(2026, 4, 5), "Apr 7, 2026"])
    ws.append(["以上"])
    wb.save(path)
    return path


def test_host_roster_keeps_both_names_and_takes_arrival_and_departure(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan, result = _run(visit, _host_roster(tmp_path / "roster.xlsx"))
    assert plan.mapping == {"No.": "", "氏名": "local_name", "Name (Roman)": "full_name", "E-mail": "email",
                            "所属": "organisation", "Arrival": "arrival", "Departure": "departure"}
    assert plan.rejected == [] and result.people_created == 4
    people = _people(visit)
    assert people["taro@example.jp"][:3] == ("Taro", "Yamada", "山田 太郎")
    assert all(given and family and local for given, family, local, *_ in people.values())
    with visit.reading() as s:
        notes = {p.email: part.notes for part, p in s.query(Participation, Person).join(Person)}
    assert notes == {"taro@example.jp": "Arrival 2026-04-03\nDeparture 2026-04-08",
                     "hanako@example.jp": "Arrival 2026-04-04\nDeparture 2026-04-09",
                     "ken@example.jp": "Arrival 2026-04-03\nDeparture 2026-04-10",
                     "makoto@example.jp": "Arrival 2026-04-05\nDeparture 2026-04-07"}


def test_dates_for_someone_already_registered_are_named_not_dropped(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _host_roster(tmp_path / "roster.xlsx")
    _run(visit, path)
    with visit.reading() as s:
        again = plan_import(s, "sv", path)
    assert again.counts == {"unchanged": 4}
    assert again.notes == ("rows 4, 5, 6, 7: already registered, so the arrival and departure dates are not written; "
                           "enter them in the registration's notes",)


@pytest.mark.parametrize("text", ["令和8年4月3日", "R8.4.3", "R8/4/3", "令和８年４月３日", "3 April 2026", "April 3rd, 2026",
                                  "Fri, 3 April 2026", "2026/4/3（金）", "3. April 2026", "2026-04-03"])
def test_arrival_dates_in_era_and_text_forms(text: str) -> None:
    assert travel_date(text, True) == date(2026, 4, 3)


@pytest.mark.parametrize(("text", "around", "expected"), [
    ("4月3日", date(2026, 4, 1), date(2026, 4, 3)), ("4月3日(金)", date(2026, 4, 1), date(2026, 4, 3)),
    ("3 April", date(2026, 4, 1), date(2026, 4, 3)), ("Apr 3", date(2026, 4, 1), date(2026, 4, 3)),
    ("3/4", date(2026, 4, 1), date(2026, 4, 3)), ("12月30日", date(2027, 1, 5), date(2026, 12, 30)),
    ("2月29日", date(2028, 3, 1), date(2028, 2, 29)),
])
def test_an_arrival_without_its_year_is_taken_nearest_the_event(text: str, around: date, expected: date) -> None:
    assert travel_date(text, True, around) == expected


def test_a_day_that_no_year_has_is_refused() -> None:
    with pytest.raises(ValueError, match="month 2, day 30 is not a day of the year"):
        travel_date("2月30日", False, date(2026, 4, 1))


def test_slashed_arrival_dates_are_read_day_first_when_one_of_them_says_so(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.csv"
    path.write_text("Name,Email,Arrival\nAna Ruiz,ana@example.es,13/04/2026\nLee Kim,lee@example.kr,03/04/2026\n", encoding="utf-8")
    with visit.reading() as s:
        plan = plan_import(s, "sv", path)
    assert [dict(r.values)["arrival"] for r in plan.rows] == [date(2026, 4, 13), date(2026, 4, 3)]


def test_a_wrong_arrival_date_is_named_on_its_row_and_nothing_is_written(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.csv"
    path.write_text("Name,Email,Arrival,Departure\nAna Ruiz,ana@example.es,soon,\nLee Kim,lee@example.kr,2026-04-09,2026-04-04\n",
                    encoding="utf-8")
    with visit.reading() as s:
        plan = plan_import(s, "sv", path)
    assert plan.problems[0].startswith("row 2: arrival: 'soon' is not a date")
    assert plan.problems[1] == "row 3: departure 2026-04-04 is before arrival 2026-04-09"
    with pytest.raises(app_imports.ImportRefused):
        app_imports.import_file(visit, "sv", path)
    assert _people(visit) == {}


def test_microsoft_forms_full_name_wins_over_the_empty_name_column(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wb = Workbook()
    ws = wb.active
    ws.append(["ID", "Start time", "Completion time", "Email", "Name", "Full name", "Email address", "Organisation"])
    ws.append([1, datetime(2026, 3, 1, 9, 0), datetime(2026, 3, 1, 9, 4), "anonymous", None, "Ana Ruiz", "ana@example.es", "Bilbao"])
    ws.append([2, datetime(2026, 3, 1, 9, 5), datetime(2026, 3, 1, 9, 9), "anonymous", None, "Lee Kim", "lee@example.kr", "Seoul"])
    wb.save(tmp_path / "forms.xlsx")
    plan, result = _run(visit, tmp_path / "forms.xlsx")
    assert plan.layout == "microsoft_forms" and plan.mapping["Completion time"] == "registered_at"
    assert plan.mapping["Name"] == "" and plan.mapping["Full name"] == "full_name"
    assert plan.mapping["Email"] == "" and plan.mapping["Email address"] == "email"  # "anonymous" is no address
    assert plan.rejected == [] and result.people_created == 2
    assert _people(visit)["ana@example.es"][:2] == ("Ana", "Ruiz")


def test_an_empty_column_never_wins_a_field() -> None:
    kinds = {"Name": "empty", "Full name": ""}
    assert guess_mapping(["Name", "Full name"], kinds) == {"Name": "", "Full name": "full_name"}
    assert guess_mapping(["Name", "Full name"]) == {"Name": "full_name", "Full name": ""}  # without cells: the first


def test_google_forms_dietary_and_accessibility_questions_map_to_needs(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "form.csv"
    path.write_text(
        'Timestamp,Email address,Full name,Which organisation do you represent?,"Do you have any dietary requirements?",'
        '"Any accessibility needs we should know about?",How did you hear about us?\n'
        "2026/03/01 9:00:00 AM GMT+1,ana@example.es,Ana Ruiz,Bilbao,Vegetarian,Wheelchair access,Newsletter\n",
        encoding="utf-8")
    plan, _ = _run(visit, path)
    assert plan.layout == "google_forms"
    assert plan.mapping["Do you have any dietary requirements?"] == "dietary"
    assert plan.mapping["Any accessibility needs we should know about?"] == "accessibility"
    assert plan.mapping["How did you hear about us?"] == ""
    assert _people(visit)["ana@example.es"][3:] == ("Vegetarian", "Wheelchair access")


@pytest.mark.parametrize(("question", "field"), [
    ("Please list any food allergies", "dietary"), ("食事制限はありますか", "dietary"),
    ("Do you need a visa to enter Japan?", "visa_needed"), ("What is your job title?", "job_title"),
    ("Name", ""), ("Date of the visit", ""),
])
def test_long_questions_are_read_for_the_field_they_ask(question: str, field: str) -> None:
    assert question_field(question) == field


def _teams(tmp_path: Path, name: str = "teams.csv") -> Path:
    """A Teams attendance report (UTF-16, tabs, sections) with device guests, a room and the organiser."""
    rows = [
        ["1. Summary"], ["Meeting title", "Webinar"], ["Start time", "4/3/26, 9:00:00 AM"], [],
        ["2. Participants"],
        ["Name", "First Join", "Last Leave", "In-Meeting Duration", "Email", "Participant ID (UPN)", "Role"],
        ["Organiser Example (ORG)", "4/3/26, 8:55:00 AM", "4/3/26, 10:00:00 AM", "65m", "org@example.eu", "org@example.eu", "Organizer"],
        ["Ana Ruiz", "4/3/26, 9:01:00 AM", "4/3/26, 10:00:00 AM", "59m", "ana@example.es", "ana@example.es", "Attendee"],
        ["Johnny Walker", "4/3/26, 9:02:00 AM", "4/3/26, 10:00:00 AM", "58m", "johnny@example.org", "johnny@example.org", "Presenter"],
        ["iPhone de Marie", "4/3/26, 9:03:00 AM", "4/3/26, 9:30:00 AM", "27m", "", "", "Attendee"],
        ["Galaxy S23", "4/3/26, 9:04:00 AM", "4/3/26, 9:20:00 AM", "16m", "", "", "Attendee"],
        ["Conference Room 4.12 (Unverified)", "4/3/26, 9:00:00 AM", "4/3/26, 10:00:00 AM", "60m", "", "", "Attendee"],
        ["Presenter", "4/3/26, 9:10:00 AM", "4/3/26, 9:12:00 AM", "2m", "", "", "Presenter"],
        [], ["3. In-Meeting Activities"], ["Name", "Join Time", "Leave Time", "Duration", "Email", "Role"],
        ["Ana Ruiz", "4/3/26, 9:01:00 AM", "4/3/26, 10:00:00 AM", "59m", "ana@example.es", "Attendee"],
    ]
    path = tmp_path / name
    path.write_bytes(codecs.BOM_UTF16_LE + "\r\n".join("\t".join(r) for r in rows).encode("utf-16-le"))
    return path


DEVICE_ROWS = {10: "iPhone de Marie", 11: "Galaxy S23", 12: "Conference Room 4.12"}


def test_teams_devices_and_role_labels_are_not_people_and_the_organiser_is_organiser(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan, result = _run(visit, _teams(tmp_path))
    fates = {r.row: (r.fate, r.role) for r in plan.rows}
    assert fates[7] == ("new", "organiser") and fates[8] == ("new", "delegate") and fates[9] == ("new", "speaker")
    skipped = {r.row: r.problems[0] for r in plan.rows if r.fate == "skipped"}
    assert set(skipped) == {*DEVICE_ROWS, 13}
    assert all("device, meeting room or dial-in number" in skipped[row] for row in DEVICE_ROWS)
    assert "'Presenter' is a role label, not a name" in skipped[13]
    assert result.people_created == 3 and set(_people(visit)) == {"org@example.eu", "ana@example.es", "johnny@example.org"}
    with visit.reading() as s:
        roles = {p.email: part.role for part, p in s.query(Participation, Person).join(Person)}
    assert roles["org@example.eu"] == "organiser"


def test_teams_attendance_lists_devices_as_skipped_with_the_reason(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "reg.csv"
    path.write_text("Name,Email\nAna Ruiz,ana@example.es\n", encoding="utf-8")
    _run(visit, path)
    plan, result = _run(visit, _teams(tmp_path), attendance=True)
    fates = {r.row: r.fate for r in plan.rows}
    assert [fates[row] for row in DEVICE_ROWS] == ["skipped"] * 3 and fates[13] == "skipped" and fates[8] == "attended"
    assert result.attended == 1 and not any("iPhone" in line for line in result.unmatched)


def test_zoom_host_is_organiser_and_room_and_dial_in_are_skipped(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "zoom.csv"
    path.write_text(
        "Meeting ID,Topic,Start Time\n812 3456 7890,Visit,04/03/2026 09:00:00 AM\n\n"
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
        "Jan Janssens (Host),jan@example.be,04/03/2026 08:55:00 AM,04/03/2026 10:00:00 AM,65,No\n"
        "Ana Ruiz,ana@example.es,04/03/2026 09:01:00 AM,04/03/2026 10:00:00 AM,59,No\n"
        "Zoom Room Brussels,,04/03/2026 09:00:00 AM,04/03/2026 10:00:00 AM,60,Yes\n"
        "+32 2 555 01 23,,04/03/2026 09:05:00 AM,04/03/2026 09:45:00 AM,40,Yes\n", encoding="utf-8")
    plan, result = _run(visit, path)
    assert [(r.row, r.fate, r.role) for r in plan.rows] == [
        (5, "new", "organiser"), (6, "new", "delegate"), (7, "skipped", ""), (8, "skipped", "")]
    assert result.people_created == 2 and plan.rows[0].name == "Jan Janssens"


def test_a_column_of_role_labels_is_the_role_never_a_name(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "de.csv"
    path.write_text("Teilnehmer,Name,E-Mail\nOrganisator,Jan Janssens,jan@example.be\nReferent,Ana Ruiz,ana@example.es\n"
                    "Teilnehmer,Lee Kim,lee@example.kr\n", encoding="utf-8")
    plan, _ = _run(visit, path)
    assert plan.mapping == {"Teilnehmer": "role", "Name": "full_name", "E-Mail": "email"}
    assert [(r.name, r.role) for r in plan.rows] == [("Jan Janssens", "organiser"), ("Ana Ruiz", "speaker"), ("Lee Kim", "delegate")]


def test_a_mapping_naming_a_column_the_file_lacks_is_refused(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.csv"
    path.write_text("Name,Email\nAna Ruiz,ana@example.es\n", encoding="utf-8")
    with visit.reading() as s, pytest.raises(ValidationError, match="has no column 'Nmae'"):
        plan_import(s, "sv", path, mapping={"Nmae": "full_name"})


def test_a_chosen_field_is_taken_from_the_column_guessed_for_it(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.csv"
    path.write_text("Name,Display,Email\nA R,Ana Ruiz,ana@example.es\n", encoding="utf-8")
    with visit.reading() as s:
        plan = plan_import(s, "sv", path, mapping={"Display": "full_name"})
    assert plan.mapping == {"Name": "", "Display": "full_name", "Email": "email"} and plan.rows[0].name == "Ana Ruiz"


def test_a_column_without_header_and_a_repeated_header_are_listed_and_can_be_mapped(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.csv"
    path.write_text("Name,,Email,,Name\nAna Ruiz,arrives late,ana@example.es,,A. Ruiz\n", encoding="utf-8")
    with visit.reading() as s:
        guessed = plan_import(s, "sv", path)
    assert guessed.mapping == {"Name": "full_name", "Column B": "", "Email": "email", "Name (2)": ""}
    assert app_imports.column_samples(path) == {"Name": "Ana Ruiz", "Column B": "arrives late", "Email": "ana@example.es",
                                                "Name (2)": "A. Ruiz"}
    _run(visit, path, mapping={"Column B": "notes"})
    with visit.reading() as s:
        assert s.query(Person).one().notes == "arrives late"


@pytest.mark.parametrize("name", ["iPhone de Marie", "iPhone von Jan", "Marie's iPad", "Galaxy S23", "Pixel 7",
                                  "Surface Pro de Jean", "Conference Room 4.12 (Unverified)", "Salle de réunion Europa",
                                  "Zoom Room Brussels", "DESKTOP-4F2K1QG", "+32 2 555 01 23", "会議室A"])
def test_devices_rooms_and_dial_ins_are_recognised(name: str) -> None:
    assert device_name(name)


@pytest.mark.parametrize("name", ["Marie Dupont", "Jan Pixelmann", "Androulla Vassiliou", "Cisco Ramon", "Galaxy",
                                  "García Simón, Pedro", "山田 太郎", "Roomy O'Neill"])
def test_people_are_not_taken_for_devices(name: str) -> None:
    assert not device_name(name)
