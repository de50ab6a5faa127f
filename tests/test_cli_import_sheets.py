"""`import` of workbooks with several sheets and hidden rows, German Excel CSV and mostly UTF-8 files, on the command line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli_support import run
from tests.exchange.test_import_sheets import GERMAN, NOTES, _mixed, _text, people, workbook

pytest_plugins = ("tests.cli_fixtures",)  # url

EVENT = "networking-seoul-2026"


def _emails(url: str) -> set[str]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return {row[0] for row in conn.execute("SELECT email FROM people WHERE email IS NOT NULL")}


def test_data_on_the_second_sheet_is_imported_and_the_sheet_named(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = workbook(tmp_path / "export.xlsx", {"Notes": NOTES, "Participants": people(3), "Sheet3": []})
    before = _emails(url)
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT)
    assert code == 0, err
    assert "note: Read sheet 'Participants' (its columns name people); also in the file: 'Notes', 'Sheet3'" in out
    assert "3 people created" in out and _emails(url) - before == {"p0@example.eu", "p1@example.eu", "p2@example.eu"}


def test_when_several_sheets_list_people_the_command_asks_which(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = workbook(tmp_path / "days.xlsx", {"Day 1": people(2), "Day 2": people(2, 5), "Old": people(1, 9)}, hidden_sheets=("Old",))
    before = _emails(url)
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT)
    assert code == 1 and out == "" and "Traceback" not in err
    assert "days.xlsx has 3 sheets and several list people ('Day 1', 'Day 2', 'Old'): choose the sheet to read." in err
    assert "Its sheets: 'Day 1', 'Day 2', 'Old' (hidden)." in err and "--sheet NAME" in err
    assert _emails(url) == before
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT, "--sheet", "Day 2", "--json")
    assert code == 0, err
    plan = json.loads(out)["plan"]
    assert plan["sheet"] == "Day 2" and plan["sheets"][2] == {"name": "Old", "hidden": True}
    assert _emails(url) - before == {"p5@example.eu", "p6@example.eu"}


def test_no_rows_read_is_said_and_exits_1(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A sheet with column names and nothing under them: never "done" with 0 rows."""
    path = workbook(tmp_path / "template.xlsx", {"Participants": [("First name", "Last name", "Email")], "Notes": NOTES})
    before = _emails(url)
    for extra in ((), ("--dry-run",)):
        code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT, *extra)
        assert code == 1 and out == ""
        assert "No rows were read from sheet 'Participants' of template.xlsx" in err and "Nothing was imported" in err
        assert "The file also has 'Notes'" in err
    assert _emails(url) == before


def test_hidden_rows_are_listed_and_left_out_unless_included(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = workbook(tmp_path / "filtered.xlsx", {"People": people(4)}, hidden_rows={"People": (3, 5)})
    before = _emails(url)
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT, "--dry-run")
    assert code == 0, err
    assert "2 new, 2 hidden" in out and "note: rows 3 and 5 hidden in the workbook: left out unless" in out
    assert [line.split()[:2] for line in out.splitlines() if line.startswith(("3 ", "5 "))] == [["3", "hidden"], ["5", "hidden"]]
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT)
    assert code == 0 and "2 people created" in out
    assert _emails(url) - before == {"p0@example.eu", "p2@example.eu"}
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT, "--include-hidden", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["plan"]["hidden_rows"] == [3, 5] and data["plan"]["include_hidden"] and data["result"]["people_created"] == 2
    assert _emails(url) - before == {f"p{i}@example.eu" for i in range(4)}


def test_a_workbook_whose_rows_are_all_hidden_is_refused(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = workbook(tmp_path / "all-hidden.xlsx", {"People": people(2)}, hidden_rows={"People": (2, 3)})
    before = _emails(url)
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT)
    assert code == 1 and "All 2 rows of all-hidden.xlsx are hidden in the workbook" in err and "--include-hidden" in err
    assert _emails(url) == before


def test_a_german_excel_csv_is_read_in_its_columns(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`;` with decimal commas and an often empty last column: names and e-mails, not "no name" on every row."""
    path = tmp_path / "teilnehmer.csv"
    path.write_bytes(_text([("Vorname", "Nachname", "E-Mail", *GERMAN[0][3:])] + [(g, f, e, *rest) for f, g, e, *rest in GERMAN[1:]], ";").encode("cp1252"))
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT, "--dry-run", "--json")
    assert code == 0, err
    plan = json.loads(out)["plan"]
    assert plan["counts"] == {"new": 6} and plan["rows"][0]["name"] == "Jürgen Müller"


def test_a_mostly_utf8_csv_names_the_rows_with_other_bytes(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(_mixed())
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT, "--dry-run")
    assert code == 0, err
    assert "utf-8" in out.splitlines()[0] and "Émile Zola" in out and "Ōe Kenzaburō" in out and "Ã" not in out
    assert "note: rows 8 and 12 had bytes that are not UTF-8; shown with ?" in out
