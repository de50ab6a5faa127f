"""The text gate on the command line: a refused character names the option it came in, and nothing changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_support import digest, run

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url


def _refused(capsys: pytest.CaptureFixture[str], url: str, *argv: str) -> str:
    """Run a command that must fail: exit 1, a message without the refused character, the database untouched."""
    before = digest(url)
    code, out, err = run(capsys, "--db", url, *argv)
    assert code == 1, (out, err)
    assert out == "" and "Traceback" not in err and "internal error" not in err
    assert not any(c in err for c in "\x07\x1b\u202e\u2028")
    assert digest(url) == before
    return err


@pytest.mark.parametrize("argv, expected", [
    (("add", "person", "--given", "A\x07", "--family", "B", "--email", "a@example.org"),
     "error: --given: holds a control character (U+0007) at character 2"),
    (("edit", "person", "ane.etxeberria@example.eus", "--dietary", "vegan\u202e"),
     "error: --dietary: holds a text-direction control (U+202E) at character 6"),
    (("edit", "organisation", "aichi", "--key", "aichi\u2028"),
     "error: --key: holds a Unicode line separator (U+2028)"),
    (("edit", "event", "r2r-japan-2022", "--organiser-name", "\x1b[2JIURC"),
     "error: --organiser-name: holds a control character (U+001B) at character 1"),
    (("edit", "stay", "r2r-japan-2022", "1", "--hotel", "Hotel\x07"),
     "error: --hotel: holds a control character (U+0007)"),
    (("edit", "event", "r2r-japan-2022", "--title", "Visit\udc85"),  # a byte that is not UTF-8 in argv
     "error: --title: holds a byte that is not UTF-8 or half a surrogate pair (U+DC85)"),
])
def test_add_and_edit_refuse_naming_the_option(url: str, capsys: pytest.CaptureFixture[str],
                                                argv: tuple[str, ...], expected: str) -> None:
    assert _refused(capsys, url, *argv).startswith(expected)


def test_every_refused_option_is_named_at_once(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(capsys, url, "add", "person", "--given", "A\x07", "--family", "B\x1b", "--email", "a@example.org",
                   "--nationality", "XX")
    assert [line.removeprefix("error: ").split(":")[0].strip() for line in err.splitlines()] == [
        "--given", "--family", "--nationality"]


def test_load_names_the_field_and_a_field_given_twice(url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"format": "iurc-programme/1", "people": [
        {"key": "jo", "given_name": "Jo\x07", "family_name": "Bloggs", "email": "jo@example.org"}]}), encoding="utf-8")
    assert "people[0].given_name: holds a control character (U+0007)" in _refused(capsys, url, "load", str(path))
    path.write_text('{"format": "iurc-programme/1", "people": [{"key": "jo", "email": "jo@example.org", '
                    '"given_name": "Jo", "given_name": "Joe"}]}', encoding="utf-8")
    assert 'people[0]: gives "given_name" twice' in _refused(capsys, url, "load", str(path))


def test_import_takes_control_characters_out_and_says_where(url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("First Name,Last Name,Email,Notes\nJo,Bloggs,jo@example.org,needs\x07 a ramp\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", url, "import", str(path), "--event", "r2r-japan-2022", "--json")
    assert code == 0, err
    assert json.loads(out)["plan"]["notes"] == [
        "row 2, column Notes: a control character (U+0007) taken out (no stored value may hold it); the rest of the cell is imported"]
    code, out, _ = run(capsys, "--db", url, "dump", "r2r-japan-2022", "-o", "-")
    jo = next(p for p in json.loads(out)["people"] if p.get("email") == "jo@example.org")
    assert jo["notes"] == "needs a ramp"
