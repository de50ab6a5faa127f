"""`import` on the command line: --map by the labels --dry-run shows, a missing column named, lost letters flagged."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from tests.cli_support import run

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url

EVENT = "cluster-energy-webinar-2026"


def _sql(url: str, query: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return conn.execute(query).fetchall()


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "list.csv"
    path.write_text("Name,Email,X\nAna Review,ana.review@example.es,vegetarian\n", encoding="utf-8")
    return path


def test_map_takes_the_label_the_dry_run_shows(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path)
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT, "--dry-run", "--map", "X=Notes")
    assert code == 0, err
    assert "    X → Notes\n" in out and "list.csv: generic layout, utf-8, 1 row for" in out
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT, "--map", "X=notes")
    assert code == 0, err
    assert _sql(url, "SELECT notes FROM people WHERE email = 'ana.review@example.es'") == [("vegetarian",)]


def test_map_of_a_column_the_file_lacks_names_the_column(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", url, "import", str(_file(tmp_path)), "--event", EVENT, "--map", "Shoe=Notes")
    assert code == 1 and out == "" and "Traceback" not in err
    assert "list.csv has no column 'Shoe'; its columns: 'Name', 'Email', 'X'" in err and "not a field" not in err
    assert _sql(url, "SELECT count(*) FROM people WHERE email = 'ana.review@example.es'") == [(0,)]


def test_a_lost_letter_is_flagged_and_its_organisation_not_created(url: str, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "german.csv"
    path.write_bytes("Vorname;Nachname;E-Mail;Organisation\n"
                     "Jürgen;Müller;juergen.review@example.de;Stadt Köln\n"
                     "Käthe;Groß;kaethe.review@example.de;Stadt Köln\n".encode("utf-8")
                     + b"St\xe9phane;We\xdfer;stephane.review@example.de;Stadt M\xfcnchen\n")
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT, "--dry-run", "--json")
    assert code == 0, err
    plan = json.loads(out)["plan"]
    assert plan["rows"][2]["problems"] == ["row has bytes that are not UTF-8: check the name"]
    assert {o["name"]: o["create"] for o in plan["new_organisations"]} == {"Stadt Köln": True, "Stadt M?nchen": False}
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT, "--create-organisations")
    assert code == 0, err
    assert "Stadt M?nchen: key stadt-m-nchen" in out and "not created: a ? in its name stands for a byte that is not UTF-8: check the name" in out
    names = {n for (n,) in _sql(url, "SELECT name FROM organisations WHERE name LIKE 'Stadt%'")}
    assert "Stadt Köln" in names and not any("?" in n for n in names)


def test_a_teams_room_is_skipped_by_name_in_a_people_import(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "teams.csv"
    path.write_text("Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n"
                    "Brussels Room 3.14 (Teams Room)\t4/9/26, 9:59:00 AM\t4/9/26, 12:05:00 PM\t2h 6m\t\t\tAttendee\n"
                    "Nora Review (Guest)\t4/9/26, 10:02:00 AM\t4/9/26, 12:00:00 PM\t1h 58m\tnora.review@example.se\t\tAttendee\n",
                    encoding="utf-16")
    before = _sql(url, "SELECT count(*) FROM people")[0][0]
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT, "--skip-invalid")
    assert code == 0, err
    assert "1 new, 1 skipped" in out and "1 people created" in out
    assert _sql(url, "SELECT count(*) FROM people")[0][0] == before + 1
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT, "--dry-run")
    assert re.search(r"skipped +Brussels Room 3\.14 \(Teams Room\)", out)
