"""Rosters, the programme report and mail lists as use cases: files staged, in place only when the export ends well."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from iurc_desktop.app import database, rosters
from iurc_desktop.core import output_files
from iurc_desktop.core.errors import Cancelled
from iurc_desktop.core.progress import CancelToken, no_progress
from iurc_desktop.exchange.mail_list import address_file
from iurc_desktop.ui import operations_export as ops
from tests.cli_support import run

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url

VISIT = "r2r-japan-2022"


@pytest.fixture
def db(demo_database: database.Database) -> database.Database:
    return demo_database


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_window_and_the_command_line_write_the_same_roster(db: database.Database, url: str, out: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", url, "export", "roster", VISIT, "--kind", "rooming", "-o", str(out / "cli.xlsx"))
    assert code == 0, err
    job = ops.roster_job(db, VISIT, "rooming", out / "window.xlsx", item_key=None, columns=None, include_sensitive=False)
    result = job(no_progress, CancelToken())
    assert result.path == out / "window.xlsx" and result.rows > 0
    cli, window = ([r for r in openpyxl.load_workbook(out / n).active.iter_rows(min_row=2, values_only=True)]
                   for n in ("cli.xlsx", "window.xlsx"))
    assert cli == window
    assert _names(out) == ["cli.xlsx", "window.xlsx"]  # nothing staged is left beside them


def test_a_cancelled_roster_leaves_no_file(db: database.Database, out: Path) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        rosters.write_roster(db, VISIT, "participants", out / "p.csv", cancel=token)
    assert _names(out) == []


def test_a_roster_that_cannot_be_put_in_place_leaves_nothing(db: database.Database, out: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output_files.os, "replace", disk_full)
    with pytest.raises(OSError):
        rosters.write_roster(db, VISIT, "rooming", out / "r.xlsx")
    assert _names(out) == []


def test_a_bad_suffix_is_refused_before_anything_is_written(db: database.Database, out: Path) -> None:
    with pytest.raises(Exception, match=r"\.xlsx or \.csv"):
        rosters.write_roster(db, VISIT, "rooming", out / "r.txt")
    assert _names(out) == []


def test_the_report_from_the_window_matches_the_command_line(db: database.Database, url: str, out: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", url, "export", "report", "-o", str(out / "cli.xlsx"))[0] == 0
    result = ops.report_job(db, out / "window.xlsx")(no_progress, CancelToken())
    assert result.path == out / "window.xlsx"
    assert openpyxl.load_workbook(out / "window.xlsx").sheetnames == openpyxl.load_workbook(out / "cli.xlsx").sheetnames
    assert _names(out) == ["cli.xlsx", "window.xlsx"]


def test_preview_and_columns(db: database.Database) -> None:
    headers, rows = rosters.preview_roster(db, VISIT, "participants", limit=3)
    assert headers[0] == "Name" and len(rows) == 3
    assert any(c.sensitive for c in rosters.roster_columns("participants"))


def test_mail_list_file_is_written_through_the_unit_of_work(db: database.Database, out: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    rows = rosters.mail_list_rows(db, VISIT, status="confirmed")
    assert rosters.save_addresses(db, VISIT, out / "a.txt", status="confirmed") == len({r.email.lower() for r in rows if r.email})
    assert (out / "a.txt").read_text(encoding="utf-8").count("<") == len({r.email.lower() for r in rows if r.email})
    assert rosters.save_addresses(db, VISIT, out / "a.csv", status="confirmed", role="host") >= 0
    assert (out / "a.csv").read_text(encoding="utf-8-sig").splitlines()[0] == "Name,E-mail,Organisation,Role,Status,Group"

    def disk_full(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output_files.os, "replace", disk_full)
    with pytest.raises(OSError):
        rosters.save_addresses(db, VISIT, out / "b.txt")
    assert _names(out) == ["a.csv", "a.txt"]


class _Row:
    def __init__(self, name: str, email: str) -> None:
        self.name, self.email, self.organisation, self.role, self.status, self.group = name, email, "X", "delegate", "confirmed", ""


def test_address_file_neutralises_formulas_and_counts_distinct_addresses() -> None:
    rows = [_Row("=Evil", "eve@example.eu"), _Row("Eve again", "EVE@example.eu"), _Row("No mail", "")]
    data, count = address_file(rows, ".csv")
    assert count == 1 and data.decode("utf-8-sig").splitlines()[1].startswith("'=Evil")
    data, count = address_file(rows, ".txt", with_names=False)
    assert (data, count) == (b"eve@example.eu\n", 1)
