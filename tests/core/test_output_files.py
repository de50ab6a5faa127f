"""Files written whole or not at all: calendars and tables share one path to disk."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from iurc_desktop.core.errors import IurcError, ValidationError
from iurc_desktop.core.output_files import atomic_output, write_atomic


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
