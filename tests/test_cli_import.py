"""`import` (registrations, attendance, calendars), `status` and `erase` on the command line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli_support import run
from tests.conftest import SAMPLES

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url

REAL = SAMPLES / "real"
EVENT = "networking-seoul-2026"
BAD_ROWS = "First Name,Last Name,Email\nAna,Ruiz,ana.ruiz@example.es\nBad,Row,not-an-email\nLee,Kim,lee.kim@example.kr\nNo,At,nobody.example.kr\n"


def _count(url: str, sql: str, *params: object) -> int:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return int(conn.execute(sql, params).fetchone()[0])


def _people(url: str) -> int:
    return _count(url, "SELECT count(*) FROM people")


def _bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "registrations.csv"
    path.write_text(BAD_ROWS, encoding="utf-8")
    return path


def test_dry_run_lists_each_row_fate_and_changes_nothing(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = _people(url)
    code, out, err = run(capsys, "--db", url, "import", str(REAL / "eventbrite_attendee_report.csv"), "--event", EVENT, "--dry-run")
    assert code == 0, err
    assert "dry run: nothing was changed" in out and "3 new" in out
    assert "John Doe" in out and "jdoe1@test1mail.com" in out
    assert _people(url) == before


def test_import_creates_people_and_registrations(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = _people(url)
    code, out, err = run(capsys, "--db", url, "import", str(REAL / "eventbrite_attendee_report.csv"), "--event", EVENT)
    assert code == 0, err
    assert "3 people created" in out and "3 registrations created" in out
    assert _people(url) == before + 3
    assert _count(url, "SELECT count(*) FROM participations p JOIN people x ON x.id = p.person_id WHERE x.email = ?", "jdoe2@test2mail.com") == 1


def test_a_refused_import_exits_1_lists_bad_rows_by_number_and_changes_nothing(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _people(url)
    code, out, err = run(capsys, "--db", url, "import", str(_bad_file(tmp_path)), "--event", EVENT)
    assert code == 1
    assert "was not imported" in err and "database is unchanged" in err and "--skip-invalid" in err
    assert "row 3: e-mail 'not-an-email' is not valid" in err
    assert "row 5: e-mail 'nobody.example.kr' is not valid" in err
    assert "Traceback" not in err and out == ""
    assert _people(url) == before


def test_refused_import_with_json_gives_the_rows_on_stdout(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", url, "import", str(_bad_file(tmp_path)), "--event", EVENT, "--json")
    assert code == 1 and "was not imported" in err
    data = json.loads(out)
    assert data["result"] is None
    assert [(r["row"], r["fate"]) for r in data["plan"]["rows"]] == [(2, "new"), (3, "rejected"), (4, "new"), (5, "rejected")]


def test_skip_invalid_imports_the_valid_rows_and_reports_the_others(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _people(url)
    code, out, err = run(capsys, "--db", url, "import", str(_bad_file(tmp_path)), "--event", EVENT, "--skip-invalid")
    assert code == 0, err
    assert "2 people created" in out and "row 3:" in out and "row 5:" in out
    assert _people(url) == before + 2


def test_import_json_reports_the_plan_and_the_result(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "import", str(REAL / "zoom_webinar_attendee_report_structure.csv"), "--event", EVENT, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["plan"]["counts"] == {"new": 5, "duplicate": 1}
    assert data["result"]["people_created"] == 5 and data["dry_run"] is False


ORGS = ("First Name,Last Name,Email,Organisation\n"
        "Lea,Novak,lea.novak@ljubljana.si,Mestna občina Ljubljana\n"
        "Marta,Rossi,marta@comune.milano.it,Comune di Milano\n"
        "Jan,Novák,jan@example.cz,city of brno\n")


def _organisations_file(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "with-organisations.csv"
    path.write_text(ORGS + extra, encoding="utf-8")
    return path


def _organisations(url: str) -> int:
    return _count(url, "SELECT count(*) FROM organisations")


def test_the_dry_run_lists_the_organisations_not_stored(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", url, "import", str(_organisations_file(tmp_path)), "--event", EVENT, "--dry-run")
    assert code == 0, err
    assert "2 organisations not stored yet" in out  # "city of brno" is the stored City of Brno
    assert "Mestna občina Ljubljana: key mestna-obcina-ljubljana, city, country SI, zone Europe/Ljubljana" in out
    code, out, err = run(capsys, "--db", url, "import", str(_organisations_file(tmp_path)), "--event", EVENT, "--dry-run", "--json")
    assert [o["key"] for o in json.loads(out)["plan"]["new_organisations"]] == ["mestna-obcina-ljubljana", "comune-di-milano"]


def test_create_organisations_creates_and_links_them(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _organisations(url)
    code, out, err = run(capsys, "--db", url, "import", str(_organisations_file(tmp_path)), "--event", EVENT,
                         "--create-organisations", "--json")
    assert code == 0, err
    assert json.loads(out)["result"]["organisations_created"] == ["mestna-obcina-ljubljana", "comune-di-milano"]
    assert "undo" not in json.loads(out)["result"]
    assert _organisations(url) == before + 2
    sql = "SELECT o.key FROM people p JOIN organisations o ON o.id = p.organisation_id WHERE p.email = ?"
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        assert conn.execute(sql, ("marta@comune.milano.it",)).fetchone() == ("comune-di-milano",)
        assert conn.execute(sql, ("jan@example.cz",)).fetchone() == ("brno",)
        zone = conn.execute("SELECT zone, kind, sector FROM organisations WHERE key = 'mestna-obcina-ljubljana'").fetchone()
    assert zone == ("Europe/Ljubljana", "city", "government")


def test_create_organisations_refuses_those_it_cannot_place(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    people, organisations = _people(url), _organisations(url)
    path = _organisations_file(tmp_path, "Ana,Ruiz,ana@startup.com,Acme Robotics\nPablo,Gil,pablo@valencia.es,Generalitat Valenciana\n")
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT, "--create-organisations")
    assert code == 1 and out == ""
    assert "Nothing was imported" in err and "Acme Robotics (row 5): no country or zone" in err
    assert "Generalitat Valenciana (row 6): no zone" in err and "Comune di Milano" not in err
    assert (_people(url), _organisations(url)) == (people, organisations)


def test_without_the_flag_unknown_organisations_go_to_the_notes(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    organisations = _organisations(url)
    code, out, err = run(capsys, "--db", url, "import", str(_organisations_file(tmp_path)), "--event", EVENT)
    assert code == 0, err
    assert _organisations(url) == organisations
    assert _count(url, "SELECT count(*) FROM people WHERE email = ? AND notes LIKE ?", "marta@comune.milano.it",
                  "%Organisation: Comune di Milano%") == 1


def test_attendance_report_marks_attended_and_lists_the_unmatched(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "attendance.csv"
    report.write_text("Name,Email,Duration\nJonas Becker,jonas.becker@example.de,55m\n"
                      "Kim Min-jun,minjun.kim@example.kr,61m\nA Stranger,stranger@example.org,3m\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", url, "import", str(report),
                         "--event", "cluster-energy-webinar-2026", "--attendance", "--skip-invalid")
    assert code == 0, err
    assert "Imported:" in out and "2 attended" in out and "no-show" in out
    assert "stranger@example.org" in out


def test_an_attendance_report_of_another_meeting_is_refused(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The sample Teams report names none of the webinar's participants: nobody is marked no-show."""
    no_shows = "SELECT count(*) FROM participations WHERE status = 'no_show'"
    before = _count(url, no_shows)
    code, _, err = run(capsys, "--db", url, "import", str(REAL / "teams_webinar_attendance_utf16le.csv"),
                       "--event", "cluster-energy-webinar-2026", "--attendance", "--skip-invalid")
    assert code == 1 and "nothing was changed" in err and "Traceback" not in err
    assert _count(url, no_shows) == before


def test_unknown_event_and_missing_file_are_plain_errors(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", url, "import", str(REAL / "eventbrite_attendee_report.csv"), "--event", "nope")
    assert code == 1 and "There is no event with the code 'nope'" in err and EVENT in err
    code, _, err = run(capsys, "--db", url, "import", "/no/such/file.csv", "--event", EVENT)
    assert code == 1 and "does not exist" in err


def test_a_file_that_is_not_a_table_is_refused(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"\x00\x01 not a workbook")
    code, _, err = run(capsys, "--db", url, "import", str(junk), "--event", EVENT)
    assert code == 1 and "Traceback" not in err and "internal error" not in err


# --- calendars ----------------------------------------------------------------


def _from(url: str, capsys: pytest.CaptureFixture[str], start: str = "", end: str = "") -> None:
    """Move the event's first or last day so that a sample's entries fall within it (items stay within their event)."""
    dates = [*(["--start", start] if start else []), *(["--end", end] if end else [])]
    assert run(capsys, "--db", url, "edit", "event", EVENT, *dates)[0] == 0


def test_ics_file_imports_into_the_event_items(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _from(url, capsys, start="2024-10-04")
    before = _count(url, "SELECT count(*) FROM items")
    code, out, err = run(capsys, "--db", url, "import", str(SAMPLES / "ics" / "google_calendar_berlin.ics"), "--event", EVENT)
    assert code == 0, err
    assert "Imported google_calendar_berlin.ics" in out and "1 new" in out
    assert _count(url, "SELECT count(*) FROM items") == before + 1


def test_ics_dry_run_changes_nothing(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _from(url, capsys, start="2020-04-26")
    before = _count(url, "SELECT count(*) FROM items")
    code, out, _ = run(capsys, "--db", url, "import", str(SAMPLES / "ics" / "exchange2010_wEurope_vtimezone.ics"), "--event", EVENT, "--dry-run", "--json")
    assert code == 0
    assert json.loads(out)["created"] >= 1
    assert _count(url, "SELECT count(*) FROM items") == before


def test_ics_refuses_table_options_and_bad_calendars(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", url, "import", str(SAMPLES / "ics" / "google_calendar_berlin.ics"), "--event", EVENT, "--attendance")
    assert code == 1 and "--attendance" in err
    broken = tmp_path / "broken.ics"
    broken.write_text("BEGIN:VCALENDAR\nthis is not a calendar\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", url, "import", str(broken), "--event", EVENT)
    assert code == 1 and "internal error" not in err


def test_a_broken_or_empty_ics_is_refused_in_words_with_exit_1(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _count(url, "SELECT count(*) FROM items")
    cut = tmp_path / "truncated.ics"  # the try-out's file: no END lines, a start that is no date
    cut.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x1\nSUMMARY:Broken\nDTSTART;TZID=Europe/Brussels:2027032X\n",
                   encoding="utf-8")
    for args in ((), ("--dry-run",), ("--json",)):
        code, out, err = run(capsys, "--db", url, "import", str(cut), "--event", EVENT, *args)
        assert (code, out) == (1, "") and "never ends the VEVENT begun on line 3 (no END:VEVENT)" in err, err
    typo = tmp_path / "typo.ics"
    typo.write_text(cut.read_text(encoding="utf-8") + "END:VEVENT\nEND:VCALENDAR\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", url, "import", str(typo), "--event", EVENT)
    assert (code, out) == (1, "") and "typo.ics, line 6: DTSTART '2027032X' of entry 1 (Broken) cannot be read" in err
    empty = tmp_path / "empty.ics"
    empty.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", url, "import", str(empty), "--event", EVENT)
    assert (code, out) == (1, "") and "empty.ics holds no calendar entry (VEVENT)" in err and "0 new" not in err
    assert "Traceback" not in err and _count(url, "SELECT count(*) FROM items") == before


def test_ics_entries_outside_the_event_are_refused_by_name_and_the_dry_run_says_so(
        url: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = _count(url, "SELECT count(*) FROM items")
    outlook = str(SAMPLES / "ics" / "exchange2010_wEurope_vtimezone.ics")
    for args in (("--dry-run",), ()):
        code, out, err = run(capsys, "--db", url, "import", outlook, "--event", EVENT, *args)
        assert (code, out) == (1, "")
        assert f"Nothing was imported: 2 entries of the calendar fall outside the dates of {EVENT} (2026-10-15 to 2026-10-16)" in err
        assert "Reoccur (2020-04-26 14:00 Europe/Berlin): start: 2020-04-26 is before the event's first day" in err
        assert "Reoccur (2020-04-28 14:00 Europe/Berlin)" in err
    assert _count(url, "SELECT count(*) FROM items") == before


def _fold_calendar(tmp_path: Path) -> Path:
    """A one-hour call at 02:30 Brussels time on 25 October 2026, the hour the clocks pass twice."""
    path = tmp_path / "fold.ics"
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:fold-1@example.eu\r\n"
                    "DTSTAMP:20260101T000000Z\r\nSUMMARY:Night call\r\nDTSTART;TZID=Europe/Brussels:20261025T023000\r\n"
                    "DTEND;TZID=Europe/Brussels:20261025T033000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    return path


def test_ics_with_a_time_in_the_fold_is_refused_naming_both_readings_then_imported_with_dst(
        url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _from(url, capsys, end="2026-10-25")
    path, before = _fold_calendar(tmp_path), _count(url, "SELECT count(*) FROM items")
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT, "--dry-run")
    assert code == 1 and "Run again with --dst earlier or --dst later" in err  # the dry run says what the import will
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT, "--dry-run", "--dst", "earlier",
                         "--json")
    notes = json.loads(out)["notes"]
    assert code == 0 and any("Night call" in n and "the earlier reading" in n for n in notes), notes
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT)
    assert code == 1 and out == "" and "Traceback" not in err
    assert "choose 02:30 CEST (00:30 UTC), the earlier, or 02:30 CET (01:30 UTC), the later" in err
    assert "Run again with --dst earlier or --dst later" in err
    assert _count(url, "SELECT count(*) FROM items") == before
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT, "--dst", "later")
    assert code == 0, err
    assert "1 new" in out and "the later reading: now 02:30–03:30 CET (01:30–02:30 UTC), 1 h as before" in out
    assert _count(url, "SELECT count(*) FROM items WHERE title = 'Night call' AND start_utc LIKE '2026-10-25 01:30%'"
                       " AND end_utc LIKE '2026-10-25 02:30%'") == 1
    code, _, err = run(capsys, "--db", url, "import", str(_bad_file(tmp_path)), "--event", EVENT, "--dst", "later")
    assert code == 1 and "--dst is for .ics files" in err


# --- status and erase -------------------------------------------------------------


def test_status_changes_and_refuses_a_forbidden_move(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", url, "status", EVENT, "aroha.ngata@example.nz", "--to", "confirmed")
    assert code == 0, err
    assert "Aroha Ngata: invited → confirmed" in out
    code, _, err = run(capsys, "--db", url, "status", EVENT, "aroha.ngata@example.nz", "--to", "invited")
    assert code == 1 and "cannot go from confirmed to invited" in err


def test_erase_leaves_no_trace_of_the_person(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", url, "erase", "elin.lindqvist@example.se")
    assert code == 0, err
    assert "Erased elin.lindqvist@example.se" in out and "Kept 1 participation," in out
    raw = Path(url.removeprefix("sqlite:///")).read_bytes()
    assert b"elin.lindqvist" not in raw and b"Lindqvist" not in raw
    code, _, err = run(capsys, "--db", url, "erase", "elin.lindqvist@example.se")
    assert code == 1 and "nothing was erased" in err


def test_an_attendance_report_dated_outside_the_event_is_noted(capsys, db, db_url: str) -> None:  # type: ignore[no-untyped-def]
    """The plan's notes (a report from another day) reach the person, in text and in JSON."""
    from datetime import date

    from iurc_desktop.core.models import Event, Person
    from iurc_desktop.core.registrations import participations as reg

    with db.transaction() as s:
        s.add(Event(code="web", kind="webinar", title="Webinar", zone="Europe/Brussels",
                    start_date=date(2027, 3, 24), end_date=date(2027, 3, 24)))
        s.flush()
        jan = Person(given_name="Jan", family_name="Janssens", email="jan.janssens.ext@example.org")
        s.add(jan)
        s.flush()
        reg.register(s, "web", jan.id, status="registered")
    report = REAL / "teams_meeting_attendance_utf16be.csv"
    code, out, _ = run(capsys, "--db", db_url, "import", str(report), "--event", "web", "--attendance", "--dry-run")
    assert code == 0 and "note: the report's times are on 2022-11-14, outside web's dates" in out
    code, out, _ = run(capsys, "--db", db_url, "import", str(report), "--event", "web", "--attendance", "--dry-run", "--json")
    notes = json.loads(out)["plan"]["notes"]
    assert notes and "2022-11-14" in notes[0]
