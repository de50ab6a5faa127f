"""Files written whole or not at all: calendars and tables share one path to disk."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from iurc_desktop.core.errors import IurcError, ValidationError
from iurc_desktop.core.output_files import OutputFiles, atomic_output, write_atomic
from iurc_desktop.core.paths import data_dir


def test_written_file_gets_the_usual_permissions_not_private_ones(tmp_path: Path) -> None:
    """A calendar file is readable by whoever the user's umask lets read it (mkstemp would make it 0600)."""
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "x.ics", b"data")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "x.ics").stat().st_mode) == 0o644


def test_missing_folder_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "x.ics", b"data")


def test_failure_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "x.ics"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_output(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.ics"]


def test_locked_target_says_the_file_cannot_be_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A target held open by another program (Excel on Windows) is a message, and no temporary is left."""

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(IurcError, match="Cannot write .*open in another program"):
        write_atomic(tmp_path / "x.ics", b"data")
    assert list(tmp_path.iterdir()) == []


def test_a_staged_file_is_owner_only_until_it_is_placed(tmp_path: Path) -> None:
    """While it is written a staged file (perhaps a roster) is the user's alone; in place it gets the usual mode."""
    old = os.umask(0o022)
    try:
        files = OutputFiles()
        staged = files.stage(tmp_path / "roster.csv")
        staged.write_bytes(b"Ane Etxeberria;no gluten")
        assert stat.S_IMODE(staged.stat().st_mode) == 0o600
        files.publish()
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "roster.csv").stat().st_mode) == 0o644


def test_the_journal_is_owner_only_and_names_nothing_of_the_destination(tmp_path: Path) -> None:
    """A mail export names its files after e-mail addresses; the journal in the data folder must not keep them."""
    files = OutputFiles()
    staged = files.stage(tmp_path / "lunch-ane.etxeberria-example.eu.eml")
    journals = [j for j in (data_dir() / "staging").glob("*.list") if str(staged) in j.read_text(encoding="utf-8")]
    try:
        assert len(journals) == 1 and stat.S_IMODE(journals[0].stat().st_mode) == 0o600
        assert "etxeberria" not in journals[0].read_text(encoding="utf-8") and "etxeberria" not in staged.name
        assert stat.S_IMODE(journals[0].parent.stat().st_mode) == 0o700
    finally:
        files.discard()
    assert not journals[0].exists() and list(tmp_path.iterdir()) == []
