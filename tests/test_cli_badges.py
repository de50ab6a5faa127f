"""`export badges` on the command line: one PDF, per group or since the last print, plain errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iurc_desktop.app.database import Database
from iurc_desktop.cli.export import BADGE_LAYOUTS
from iurc_desktop.exchange.documents.badges import LAYOUTS
from tests.app.test_badges import VISIT, asian_delegates
from tests.cli_support import run
from tests.pdf_checks import pdf_text

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url, demo_database, out


def test_badges_of_a_group_are_written(capsys: pytest.CaptureFixture[str], url: str, demo_database: Database,
                                       out: Path) -> None:
    asian_delegates(demo_database)
    code, stdout, err = run(capsys, "--db", url, "export", "badges", VISIT, "--group", "B", "--layout", "a6",
                            "-o", str(out / "b.pdf"), "--json")
    assert (code, err) == (0, "")
    written = json.loads(stdout)
    assert written["layout"] == "a6" and written["badges"] >= 1
    text = pdf_text((out / "b.pdf").read_bytes())
    assert text.index("SATO Haruto") < text.index("佐藤 陽斗") and "Group A" not in text


def test_a_label_sheet_layout_is_chosen_by_name(capsys: pytest.CaptureFixture[str], url: str, out: Path) -> None:
    code, stdout, err = run(capsys, "--db", url, "export", "badges", VISIT, "--layout", "avery-l7160",
                            "-o", str(out / "labels.pdf"))
    assert (code, err) == (0, "") and "badges (avery-l7160)" in stdout
    assert "Mikel ARRIETA" in pdf_text((out / "labels.pdf").read_bytes())
    code, _, err = run(capsys, "--db", url, "export", "badges", VISIT, "--layout", "avery-9999", "-o", str(out / "x.pdf"))
    assert code == 2 and "invalid choice: 'avery-9999'" in err


def test_since_last_prints_only_the_new(capsys: pytest.CaptureFixture[str], url: str, demo_database: Database,
                                        out: Path) -> None:
    assert run(capsys, "--db", url, "export", "badges", VISIT, "-o", str(out / "1.pdf"))[0] == 0
    asian_delegates(demo_database)
    code, stdout, _ = run(capsys, "--db", url, "export", "badges", VISIT, "--since-last", "-o", str(out / "2.pdf"))
    assert code == 0 and "Wrote 2 badges (a4)" in stdout


@pytest.mark.parametrize(("argv", "message"), [
    (("nope",), "There is no event with the code 'nope'"),
    ((VISIT, "--group", "Z"), "r2r-korea-2027 has no group 'Z'"),
    (("cluster-mobility-webinar-2027", "--since-last", "--group", "A"), "has no group 'A'"),
])
def test_refusals_are_one_plain_line_and_write_nothing(capsys: pytest.CaptureFixture[str], url: str, out: Path,
                                                       argv: tuple[str, ...], message: str) -> None:
    code, stdout, err = run(capsys, "--db", url, "export", "badges", *argv, "-o", str(out / "x.pdf"))
    assert code == 1 and stdout == "" and message in err and "Traceback" not in err
    assert list(out.iterdir()) == []


def test_the_command_line_offers_the_engines_layouts() -> None:
    assert BADGE_LAYOUTS == tuple(LAYOUTS)
