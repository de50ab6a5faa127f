"""`export letters` on the command line: one PDF per letter, the passport only with --include-passport, plain errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iurc_desktop.app.database import Database
from tests.app.test_documents import PASSPORT, VISIT, needs_visas
from tests.cli_support import run
from tests.pdf_checks import pdf_text

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url, demo_database, out


def test_letters_are_written_numbered_and_listed(capsys: pytest.CaptureFixture[str], url: str,
                                                  demo_database: Database, out: Path) -> None:
    needs_visas(demo_database)
    code, stdout, err = run(capsys, "--db", url, "export", "letters", VISIT, "-o", str(out / "letters"), "--json")
    assert (code, err) == (0, "")
    written = json.loads(stdout)
    assert [row["number"] for row in written["letters"]] == [f"R2R-KOREA-2027/00{n}" for n in (1, 2, 3)]
    assert written["with_passport_number"] == 0
    assert all(PASSPORT not in pdf_text(Path(row["file"]).read_bytes()) for row in written["letters"])


def test_the_passport_number_needs_include_passport(capsys: pytest.CaptureFixture[str], url: str,
                                                    demo_database: Database, out: Path) -> None:
    needs_visas(demo_database)
    code, stdout, _ = run(capsys, "--db", url, "export", "letters", VISIT, "--person", "haruto.sato@example.jp",
                          "--include-passport", "-o", str(out))
    assert code == 0 and "1 with the passport number" in stdout and "R2R-KOREA-2027/001" in stdout
    (pdf,) = out.glob("*.pdf")
    assert PASSPORT in pdf_text(pdf.read_bytes())


@pytest.mark.parametrize(("argv", "message"), [
    (("nope",), "There is no event with the code 'nope'"),
    (("cluster-energy-webinar-2026",), "invitation letters are for study visits"),
    ((VISIT,), "No confirmed participant of r2r-korea-2027 needs a visa"),
    ((VISIT, "--person", "nobody@example.org"), "nobody@example.org does not take part in r2r-korea-2027"),
])
def test_refusals_are_one_plain_line_and_write_nothing(capsys: pytest.CaptureFixture[str], url: str, out: Path,
                                                       argv: tuple[str, ...], message: str) -> None:
    code, stdout, err = run(capsys, "--db", url, "export", "letters", *argv, "-o", str(out))
    assert code == 1 and stdout == "" and message in err and "Traceback" not in err
    assert list(out.iterdir()) == []


def test_a_file_as_the_folder_is_refused(capsys: pytest.CaptureFixture[str], url: str, out: Path) -> None:
    (out / "taken").write_text("x")
    code, _, err = run(capsys, "--db", url, "export", "letters", VISIT, "-o", str(out / "taken"))
    assert code == 1 and "it is a file" in err


def test_a_passport_number_recorded_on_the_command_line_reaches_a_consented_letter(
        capsys: pytest.CaptureFixture[str], url: str, demo_database: Database, out: Path) -> None:
    needs_visas(demo_database)
    email = "dohyun.jeong@example.kaist.kr"
    assert run(capsys, "--db", url, "edit", "person", email, "--passport-number", "M87654321")[0] == 0
    assert run(capsys, "--db", url, "export", "letters", VISIT, "--person", email, "--include-passport",
               "-o", str(out))[0] == 0
    (pdf,) = out.glob("*.pdf")
    assert "M87654321" in pdf_text(pdf.read_bytes())
