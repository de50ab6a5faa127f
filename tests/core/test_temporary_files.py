"""Temporary files: in the app's own owner-only folder, gone at exit, and swept at the next start after a crash."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from iurc_desktop.core import paths, temporary_files


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_temporary_files_are_owner_only_in_the_data_folder_not_the_system_temp() -> None:
    made = temporary_files.new_file(prefix="t.", suffix=".xml")
    try:
        assert made.parent == temporary_files.own_folder()
        assert made.parent.parent == paths.temp_dir() and paths.data_dir() in made.parents
        assert (_mode(paths.temp_dir()), _mode(made.parent), _mode(made)) == (0o700, 0o700, 0o600)
    finally:
        made.unlink()


def test_a_folder_made_open_by_hand_is_made_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "tmp"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    assert _mode(paths.private_dir(folder)) == 0o700


def test_the_folder_of_a_dead_process_is_swept_and_a_live_ones_kept() -> None:
    """What a killed process left goes at the next start; a running process keeps its files."""
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    dead = paths.temp_dir() / f"{gone.stdout.strip()}-abc123"
    dead.mkdir()
    (dead / "openpyxl.sheet").write_text("<row>Ane Etxeberria, no gluten</row>")
    mine = temporary_files.new_file()
    try:
        assert temporary_files.sweep() == 1
        assert not dead.exists() and mine.exists()
    finally:
        mine.unlink()


def test_a_process_removes_its_folder_when_it_exits(tmp_path: Path) -> None:
    """Even a file a library forgot (openpyxl's, after an error it did not clean up) goes at a normal exit."""
    script = ("from iurc_desktop.core import temporary_files\n"
              "print(temporary_files.new_file().parent)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          env=os.environ.copy())
    folder = Path(done.stdout.strip())
    assert folder.parent == paths.temp_dir() and not folder.exists()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="process start times come from /proc")
def test_a_folder_left_before_a_restart_is_swept_even_when_its_process_id_is_taken_again() -> None:
    """After a power cut process ids start over: the new app may have the id of the one that died."""
    stale = paths.temp_dir() / f"{os.getpid()}-beforecut"
    stale.mkdir()
    (stale / "openpyxl.sheet").write_text("<row>Ane Etxeberria, no gluten</row>")
    an_hour_before_this_process = time.time() - time.monotonic() - 3600  # earlier than boot, let alone start
    os.utime(stale, (an_hour_before_this_process, an_hour_before_this_process))
    mine = temporary_files.new_file()
    try:
        assert temporary_files.sweep() == 1
        assert not stale.exists() and mine.exists()
    finally:
        mine.unlink()
