"""`erase` lists and purges the app's backups; `restore` and `copy` say how many erased people were erased again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_support import run

pytest_plugins = ("tests.cli_fixtures",)
pytestmark = pytest.mark.sqlite_only("backups are SQLite files")

EMAIL = "elin.lindqvist@example.se"


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The list of backups made is this test's alone."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def _holds(path: Path) -> bool:
    return b"Lindqvist" in path.read_bytes()


def test_erase_names_the_backups_holding_the_person_then_purges_them_on_request(
        url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", url, "backup", "-o", str(tmp_path / "before.db"))[0] == 0
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "by-hand.db").write_bytes((tmp_path / "before.db").read_bytes())
    code, out, err = run(capsys, "--db", url, "erase", EMAIL, "--backup-folder", str(kept))
    assert code == 0, err
    assert "2 backups of this database still hold this person:" in out
    assert f"{kept / 'by-hand.db'}  (source unknown)" in out and f"{tmp_path / 'before.db'}  (source" not in out
    assert str(tmp_path / "before.db") in out and str(kept / "by-hand.db") in out and " UTC " in out
    assert f"iurc-desktop erase {EMAIL} --purge-backups" in out
    assert _holds(tmp_path / "before.db")  # listed, not touched

    code, out, err = run(capsys, "--db", url, "erase", EMAIL, "--backup-folder", str(kept), "--purge-backups", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["erased_before"] is True and report["backups_not_purged"] == []
    assert set(report["backups_purged"]) == {str(tmp_path / "before.db"), str(kept / "by-hand.db")}
    assert not _holds(tmp_path / "before.db") and not _holds(kept / "by-hand.db")


def test_erase_with_purge_rewrites_backups_in_the_same_run(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", url, "backup", "-o", str(tmp_path / "before.db"))[0] == 0
    code, out, err = run(capsys, "--db", url, "erase", EMAIL, "--purge-backups")
    assert code == 0, err
    assert f"Erased {EMAIL}" in out and f"Rewrote the backup {tmp_path / 'before.db'} without this person." in out
    assert not _holds(tmp_path / "before.db")


def test_restore_and_copy_of_an_older_database_say_how_many_were_erased_again(
        url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "before.db"
    assert run(capsys, "--db", url, "backup", "-o", str(old))[0] == 0
    assert run(capsys, "--db", url, "erase", EMAIL)[0] == 0
    code, out, err = run(capsys, "--db", url, "restore", str(old))
    assert code == 0, err
    assert "1 erased person was erased again." in out and "Lindqvist" not in out
    assert not _holds(Path(url.removeprefix("sqlite:///")))

    code, out, err = run(capsys, "--db", str(old), "copy", "--to", url, "--overwrite", "--json")
    assert code == 0, err
    assert json.loads(out)["erased_again"] == 1
    code, out, err = run(capsys, "--db", str(old), "copy", "--to", str(tmp_path / "fresh.db"))
    assert code == 0 and "erased again" not in out  # the old file's own register never named her
