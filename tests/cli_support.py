"""Shared helpers for the command-line tests: run `main`, and a demo database copied per test.

The demo fixtures live in tests/cli_fixtures.py.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from iurc_desktop import cli


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """main(argv) in this process: (exit status, stdout, stderr)."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def make_demo(folder: Path) -> Path:
    """A demo database file, loaded once through the command line."""
    path = folder / "demo.db"
    assert cli.main(["--db", str(path), "demo"]) == 0
    return path


def copy_db(source: Path, folder: Path) -> str:
    """A private copy of a closed SQLite database; its URL."""
    target = folder / "work.db"
    shutil.copyfile(source, target)
    for suffix in ("-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
    return f"sqlite:///{target}"



def digest(url: str) -> str:
    """A SQLite database's bytes, its write-ahead log included: equal digests, an untouched database."""
    path = Path(url.removeprefix("sqlite:///"))
    wal = Path(f"{path}-wal")
    return hashlib.sha256(path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")).hexdigest()
