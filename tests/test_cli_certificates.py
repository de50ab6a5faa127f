"""`export certificates` on the command line: one PDF per participant marked attended, plain errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.app.test_certificates import MEETING
from tests.cli_support import run
from tests.pdf_checks import pdf_text

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url, demo_database, out


def test_certificates_are_written_for_those_who_attended(capsys: pytest.CaptureFixture[str], url: str,
                                                          demo_database: object, out: Path) -> None:
    code, stdout, err = run(capsys, "--db", url, "export", "certificates", MEETING, "-o", str(out / "c"), "--json")
    assert (code, err) == (0, "")
    files = [Path(f) for f in json.loads(stdout)["certificates"]]
    assert len(files) == 12 and all(f.exists() for f in files)
    text = pdf_text(next(f for f in files if "KATO" in f.name).read_bytes())
    assert text.index("KATO Koji") < text.index("加藤 浩二")


@pytest.mark.parametrize(("argv", "message"), [
    (("nope",), "There is no event with the code 'nope'"),
    (("r2r-korea-2027",), "Nobody is marked attended in r2r-korea-2027"),
])
def test_refusals_are_one_plain_line_and_write_nothing(capsys: pytest.CaptureFixture[str], url: str,
                                                       demo_database: object, out: Path, argv: tuple[str, ...],
                                                       message: str) -> None:
    code, stdout, err = run(capsys, "--db", url, "export", "certificates", *argv, "-o", str(out))
    assert code == 1 and stdout == "" and message in err and "Traceback" not in err
    assert list(out.iterdir()) == []
