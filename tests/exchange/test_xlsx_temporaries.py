"""openpyxl's temporary sheet files: in the app's own owner-only folder, never the system temp; gone afterwards."""

from __future__ import annotations

import stat
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook

from iurc_desktop.core import paths, temporary_files
from iurc_desktop.exchange.rosters.table import Column, Table
from iurc_desktop.exchange.rosters.xlsx_writer import save_workbook, write_xlsx


@pytest.fixture()
def system_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """What the system temp folder is for this test, so a file landing there is seen."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _roster(seen: dict[Path, int], fail_at: int | None = None) -> Table:
    """A table whose rows note, half-way, which temporary files exist and their permissions."""

    def rows() -> Iterator[tuple[str]]:
        for i in range(1000):
            if i == 500:
                seen.update({path: stat.S_IMODE(path.stat().st_mode) for path in paths.temp_dir().rglob("*")})
            if i == fail_at:
                raise OSError(28, "No space left on device")
            yield (f"person{i}@example.eu",)

    return Table("People", "Roster", (Column("E-mail"),), rows(), total=1000)


def test_a_rosters_rows_stream_into_the_apps_own_folder(tmp_path: Path, system_temp: Path) -> None:
    seen: dict[Path, int] = {}
    write_xlsx(tmp_path / "roster.xlsx", [_roster(seen)])
    sheet_files = [path for path in seen if path.name.startswith("openpyxl.")]
    assert len(sheet_files) == 1 and sheet_files[0].parent == temporary_files.own_folder()
    assert seen[sheet_files[0]] == 0o600 and seen[sheet_files[0].parent] == 0o700
    assert list(system_temp.iterdir()) == []
    assert not sheet_files[0].exists()  # removed once zipped


def test_a_failed_roster_leaves_no_temporary_file(tmp_path: Path, system_temp: Path) -> None:
    seen: dict[Path, int] = {}
    with pytest.raises(OSError):
        write_xlsx(tmp_path / "roster.xlsx", [_roster(seen, fail_at=700)])
    assert any(path.name.startswith("openpyxl.") for path in seen)
    assert list(temporary_files.own_folder().iterdir()) == [] and list(system_temp.iterdir()) == []


def test_an_ordinary_workbook_saves_through_the_apps_own_folder(tmp_path: Path, system_temp: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The programme report is an ordinary workbook: openpyxl streams each sheet to a temporary file as it saves."""
    made: list[Path] = []
    new_file = temporary_files.new_file
    monkeypatch.setattr(temporary_files, "new_file", lambda *a, **k: made.append(new_file(*a, **k)) or made[-1])
    wb = Workbook()
    wb.active.append(["Ane Etxeberria", "no gluten"])
    wb.save(tmp_path / "report.xlsx")
    assert len(made) == 1 and made[0].parent == temporary_files.own_folder() and not made[0].exists()
    assert list(system_temp.iterdir()) == []


def test_a_workbook_that_fails_to_save_leaves_no_temporary_file(tmp_path: Path, system_temp: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk while the report is zipped: openpyxl itself would keep the sheet's file until the app exits."""

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "write", full)
    wb = Workbook()
    wb.active.append(["Ane Etxeberria", "no gluten"])
    with pytest.raises(OSError):
        save_workbook(wb, tmp_path / "report.xlsx")
    assert list(temporary_files.own_folder().iterdir()) == [] and list(system_temp.iterdir()) == []
