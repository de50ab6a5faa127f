"""`import --dry-run` lists every column of the file and what it is imported as; `--map` changes it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli_support import run

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url

EVENT = "networking-seoul-2026"
ROSTER = ("No.,氏名,Name (Roman),E-mail,Arrival,Shoe size\n"
          "1,山田　太郎,Yamada Taro,taro@roster.example,令和8年4月3日,42\n"
          "2,鈴木　花子,Suzuki Hanako,hanako@roster.example,R8.4.4,38\n")


def _roster(tmp_path: Path) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    return path


def _local_names(url: str) -> dict[str, str]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return dict(conn.execute("SELECT email, local_name FROM people WHERE email LIKE '%@roster.example'").fetchall())


def test_dry_run_lists_each_column_and_what_it_is_imported_as(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", url, "import", str(_roster(tmp_path)), "--event", EVENT, "--dry-run")
    assert code == 0, err
    for line in ("No. → Not imported", "氏名 → Local name", "Name (Roman) → Full name", "E-mail → Email",
                 "Arrival → Arrival (in registration notes)", "Shoe size → Not imported"):
        assert f"    {line}\n" in out
    assert _local_names(url) == {}


def test_json_lists_the_columns(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "import", str(_roster(tmp_path)), "--event", EVENT, "--dry-run", "--json")
    columns = json.loads(out)["plan"]["columns"]
    assert code == 0 and columns[0] == {"column": "No.", "field": None} and {"column": "氏名", "field": "local_name"} in columns


def test_map_imports_a_column_as_the_field_chosen(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _roster(tmp_path)
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT, "--dry-run",
                         "--map", "Shoe size=notes", "--map", "氏名=")
    assert code == 0, err
    assert "    Shoe size → Notes\n" in out and "    氏名 → Not imported\n" in out
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", EVENT, "--map", "氏名=-")
    assert code == 0, err
    assert _local_names(url) == {"taro@roster.example": "", "hanako@roster.example": ""}


@pytest.mark.parametrize(("option", "message"), [
    ("Shoes=notes", "roster.csv has no column 'Shoes'"), ("Shoe size=shoe_size", "'shoe_size' is not a field"),
    ("notes", "write it as COLUMN=FIELD"),
])
def test_a_wrong_map_is_a_plain_error_and_changes_nothing(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          option: str, message: str) -> None:
    code, out, err = run(capsys, "--db", url, "import", str(_roster(tmp_path)), "--event", EVENT, "--map", option)
    assert code == 1 and message in err and "Traceback" not in err and out == ""
    assert _local_names(url) == {}
