"""Files that claim more than they hold, or hold more than anyone meant: refused within bounded memory and time.

Each file is made by the test. The import runs as a person would run it, in a
process of its own, so its peak memory and its time are measured whole; the
refusal names the limit and how to raise it, and the database is left unchanged.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

pytest_plugins = ("tests.cli_fixtures",)  # url

EVENT = "networking-seoul-2026"
MEMORY_CEILING_MB = 300
TIME_CEILING_S = 60


# The command line in a process that reports its own peak memory as it ends.
# VmHWM belongs to the process's own address space; ru_maxrss would not do:
# Linux carries it over from the parent through fork and exec, so a child
# started from a large test run reports the runner's size, not its own.
_MEASURED = """
import re, sys
from pathlib import Path
from iurc_desktop.cli import main
try:
    code = main(sys.argv[1:])
finally:
    status = Path("/proc/self/status").read_text()
    print("PEAK_KB=" + re.search(r"VmHWM:\\s*(\\d+) kB", status).group(1), file=sys.stderr)
sys.exit(code)
"""


def _import(url: str, path: Path, env: dict[str, str] | None = None) -> tuple[int, str, float, float]:
    """Exit status, output, peak memory (MB) and seconds of `iurc-desktop import FILE` in its own process."""
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, "--db", url, "import", str(path), "--event", EVENT],
        capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=TIME_CEILING_S * 2,
    )
    seconds = time.monotonic() - start
    text, _, peak = done.stderr.rpartition("PEAK_KB=")
    return done.returncode, done.stdout + text, int(peak.strip()) / 1024, seconds


def _people(url: str) -> int:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return int(conn.execute("SELECT count(*) FROM people").fetchone()[0])


def _workbook(path: Path, far_cell: str | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["First Name", "Last Name", "Email"])
    sheet.append(["Ana", "Ruiz", "ana.ruiz@example.es"])
    if far_cell:
        sheet[far_cell] = "x"  # the stored extent becomes A1:<far_cell>
    book.save(path)
    return path


def _refused(url: str, path: Path, expected: str, env: dict[str, str] | None = None) -> str:
    before = _people(url)
    code, text, peak_mb, seconds = _import(url, path, env)
    assert code == 1, text
    assert expected in text and "Traceback" not in text and "internal error" not in text.lower()
    assert peak_mb < MEMORY_CEILING_MB, f"peak {peak_mb:.0f} MB"
    assert seconds < TIME_CEILING_S
    assert _people(url) == before
    return text


def test_a_stray_cell_a_million_rows_down_is_refused_quickly(url: str, tmp_path: Path) -> None:
    path = _workbook(tmp_path / "far.xlsx", far_cell="XFD1048576")
    assert path.stat().st_size < 20_000
    text = _refused(url, path, "has a filled row 1,048,576, over the limit of 200,000 rows")
    assert "IURC_MAX_ROWS" in text


def test_a_cell_in_the_last_column_is_refused(url: str, tmp_path: Path) -> None:
    _refused(url, _workbook(tmp_path / "wide.xlsx", far_cell="XFD2"), "has a filled cell in column 16,384, over the limit of 1,000 columns")


def test_a_workbook_that_inflates_past_the_limit_is_refused_before_it_is_inflated(url: str, tmp_path: Path) -> None:
    path = _workbook(tmp_path / "bomb.xlsx")
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("xl/media/padding.bin", "w", force_zip64=True) as padding:
            block = bytes(8 * 1024 * 1024)
            for _ in range(8):  # 64 MB of zeros, a few hundred KB packed
                padding.write(block)
    assert path.stat().st_size < 1_000_000
    text = _refused(url, path, "over the limit of 32 MB", env={"IURC_MAX_UNPACKED_MB": "32"})
    assert "IURC_MAX_UNPACKED_MB" in text


def test_a_million_row_csv_is_refused_at_the_row_limit(url: str, tmp_path: Path) -> None:
    path = tmp_path / "million.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("First Name,Last Name,Email\n")
        out.writelines(f"Ana,Ruiz,ana.ruiz.{i}@example.es\n" for i in range(1_000_000))
    _refused(url, path, "has a filled row 200,001, over the limit of 200,000 rows")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(url: str, tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("First Name,Last Name,Email\n" + "Ana,Ruiz,ana@example.es\n" * 60_000, encoding="utf-8")
    _refused(url, path, "over the limit of 1 MB", env={"IURC_MAX_FILE_MB": "1"})


def test_a_workbook_within_the_limits_still_imports(url: str, tmp_path: Path) -> None:
    before = _people(url)
    code, text, _peak, _seconds = _import(url, _workbook(tmp_path / "fine.xlsx", far_cell="E40"))
    assert code == 0, text
    assert _people(url) == before + 1
