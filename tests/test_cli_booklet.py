"""`export booklet` on the command line: a group's or a person's booklet, plain errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.app.test_booklets import VISIT
from tests.cli_support import run
from tests.pdf_checks import pdf_text

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url, demo_database, out


def test_a_persons_booklet_is_written(capsys: pytest.CaptureFixture[str], url: str, demo_database: object,
                                      out: Path) -> None:
    code, stdout, err = run(capsys, "--db", url, "export", "booklet", VISIT, "--person", "haruto.sato@example.jp",
                            "-o", str(out / "h.pdf"), "--json")
    assert (code, err) == (0, "") and json.loads(stdout)["person"] == "haruto.sato@example.jp"
    text = pdf_text((out / "h.pdf").read_bytes())
    assert text.index("SATO Haruto") < text.index("佐藤 陽斗")


def test_host_contacts_e_mail_only_with_with_contacts(capsys: pytest.CaptureFixture[str], url: str,
                                                     demo_database: object, out: Path) -> None:
    base = ("--db", url, "export", "booklet", VISIT, "--group", "A")
    assert run(capsys, *base, "-o", str(out / "plain.pdf"))[0] == 0
    code, stdout, _ = run(capsys, *base, "--with-contacts", "-o", str(out / "contacts.pdf"), "--json")
    assert code == 0 and json.loads(stdout)["with_contacts"] is True
    assert run(capsys, "--db", url, "export", "booklet", VISIT, "--all", "-o", str(out / "all"))[0] == 0
    plain = " ".join(pdf_text((out / "plain.pdf").read_bytes()).split())
    assert "Suzuki Misaki" in plain and "m.suzuki@example.aichi.jp" not in plain
    assert all("m.suzuki@example.aichi.jp" not in pdf_text(p.read_bytes()) for p in (out / "all").iterdir())
    assert "m.suzuki@example.aichi.jp" in " ".join(pdf_text((out / "contacts.pdf").read_bytes()).split())


@pytest.mark.parametrize(("argv", "message"), [
    (("nope", "--group", "A"), "There is no event with the code 'nope'"),
    ((VISIT, "--group", "Z"), "has no group 'Z'"),
    ((VISIT, "--person", "nobody@example.org"), "nobody@example.org"),
])
def test_refusals_are_one_plain_line_and_write_nothing(capsys: pytest.CaptureFixture[str], url: str,
                                                       demo_database: object, out: Path, argv: tuple[str, ...],
                                                       message: str) -> None:
    code, stdout, err = run(capsys, "--db", url, "export", "booklet", *argv, "-o", str(out / "x.pdf"))
    assert code == 1 and stdout == "" and message in err and "Traceback" not in err
    assert list(out.iterdir()) == []


def test_a_group_or_a_person_is_required(capsys: pytest.CaptureFixture[str], url: str, out: Path) -> None:
    code, _, err = run(capsys, "--db", url, "export", "booklet", VISIT, "-o", str(out / "x.pdf"))
    assert code == 2 and "one of the arguments --group --person --all is required" in err


def test_every_booklet_goes_into_the_folder_with_names_that_say_whose(capsys: pytest.CaptureFixture[str], url: str,
                                                                      demo_database: object, out: Path) -> None:
    code, stdout, err = run(capsys, "--db", url, "export", "booklet", VISIT, "--all", "-o", str(out / "all"),
                            "--json")
    files = [Path(b["file"]).name for b in json.loads(stdout)["booklets"]]
    assert (code, err) == (0, "") and files[:2] == [f"itinerary-{VISIT}-Group-A.pdf", f"itinerary-{VISIT}-Group-B.pdf"]
    assert f"itinerary-{VISIT}-SATO-Haruto.pdf" in files and len(set(files)) == len(files) > 4
    whose = {Path(b["file"]).name: b.get("person") or b.get("group") for b in json.loads(stdout)["booklets"]}
    assert whose[f"itinerary-{VISIT}-SATO-Haruto.pdf"] == "haruto.sato@example.jp" and whose[files[0]] == "A"
    assert sorted(p.name for p in (out / "all").iterdir()) == sorted(files)
    code, stdout, err = run(capsys, "--db", url, "export", "booklet", VISIT, "--all", "-o", str(out / "all"))
    assert code == 0 and "Nothing changed" not in stdout and f"Wrote {len(files)} itinerary booklets" in stdout
