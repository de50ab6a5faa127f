"""The streaming .xlsx/.csv table layer: cell types, formula safety, layout, atomic output, cancel."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from iurc_desktop.core.errors import Cancelled, ValidationError
from iurc_desktop.core.progress import CancelToken
from iurc_desktop.exchange.rosters.table import Column, Table, output_format
from iurc_desktop.exchange.rosters.table_file import write_table
from iurc_desktop.exchange.rosters.xlsx_writer import sheet_name

DANGEROUS = ["=1+2", "+33 1 23", "-5", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://evil","click")']


def _table(rows: list[tuple[object, ...]]) -> Table:
    columns = (Column("Name"), Column("Arrival (Asia/Tokyo)", "datetime", 17), Column("Passport expiry", "date"))
    return Table("People", "Test roster — exported now", columns, iter(rows), total=len(rows))


def _rows() -> list[tuple[object, ...]]:
    base = [("Ane", datetime(2022, 11, 20, 19, 5), date(2030, 1, 31)), ("浜松 太郎", datetime(2022, 11, 21, 7, 0), None)]
    return base + [(text, None, None) for text in DANGEROUS]


def _sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return "".join(zf.read(n).decode("utf-8") for n in zf.namelist() if n.startswith("xl/worksheets/"))


def test_title_header_freeze_and_autofilter(tmp_path: Path) -> None:
    """Row 1 is the title, row 2 the header; panes freeze below the header; autofilter covers header+data."""
    path = tmp_path / "t.xlsx"
    rows = _rows()
    assert write_table(path, _table(rows)) == len(rows)
    ws = load_workbook(path)["People"]
    assert ws["A1"].value == "Test roster — exported now"
    assert [c.value for c in ws[2]] == ["Name", "Arrival (Asia/Tokyo)", "Passport expiry"]
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == f"A2:C{len(rows) + 2}"
    assert ws.column_dimensions["B"].width >= len("Arrival (Asia/Tokyo)")


def test_dates_are_real_cells_with_local_values(tmp_path: Path) -> None:
    """Datetimes and dates come back as dates (openpyxl and calamine), with the naive local values written."""
    path = tmp_path / "t.xlsx"
    write_table(path, _table(_rows()))
    ws = load_workbook(path)["People"]
    assert ws["B3"].value == datetime(2022, 11, 20, 19, 5)
    assert ws["B3"].is_date and ws["B3"].number_format == "yyyy-mm-dd hh:mm"
    assert ws["C3"].is_date and ws["C3"].number_format == "yyyy-mm-dd"
    data = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("People").to_python(skip_empty_area=False)
    assert data[1] == ["Name", "Arrival (Asia/Tokyo)", "Passport expiry"]
    assert data[2][1] == datetime(2022, 11, 20, 19, 5)
    assert data[2][2] == date(2030, 1, 31)
    assert data[3][0] == "浜松 太郎"


def test_formula_like_text_is_stored_as_text_never_formula(tmp_path: Path) -> None:
    """Text starting with = + - @ tab CR is a text cell: no <f> element, same text read back by both readers."""
    path = tmp_path / "t.xlsx"
    write_table(path, _table(_rows()))
    assert "<f>" not in _sheet_xml(path) and "<f " not in _sheet_xml(path)
    ws = load_workbook(path)["People"]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    expected = [t.replace("\r", "\n") for t in DANGEROUS]  # XML readers normalise CR to LF
    read = [ws.cell(row=5 + i, column=1).value for i in range(len(DANGEROUS))]
    assert read == expected
    data = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("People").to_python(skip_empty_area=False)
    assert [r[0] for r in data[4:]] == expected


def test_control_characters_are_dropped_not_fatal(tmp_path: Path) -> None:
    """A name with a control character (from a pasted import) is written without it instead of failing."""
    path = tmp_path / "t.xlsx"
    write_table(path, _table([("A\x0bne", None, None)]))
    assert load_workbook(path)["People"]["A3"].value == "Ane"


def test_aware_datetime_is_refused_and_leaves_no_file(tmp_path: Path) -> None:
    """An aware datetime means a caller forgot the local conversion; nothing is written."""
    path = tmp_path / "t.xlsx"
    with pytest.raises(TypeError):
        write_table(path, _table([("x", datetime(2022, 1, 1, tzinfo=timezone.utc), None)]))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["roster.txt", "roster", "roster.xls"])
def test_unknown_suffix_is_a_validation_error(tmp_path: Path, name: str) -> None:
    """Output format comes from the suffix; anything but .xlsx/.csv is refused with a hint."""
    with pytest.raises(ValidationError, match=r"\.xlsx or \.csv"):
        output_format(tmp_path / name)


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    assert output_format(tmp_path / "A.XLSX") == "xlsx" and output_format(tmp_path / "a.Csv") == "csv"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_cancel_midway_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path, suffix: str) -> None:
    """Cancel during the rows raises Cancelled; the previous file is untouched, no partial file remains."""
    path = tmp_path / f"r{suffix}"
    path.write_bytes(b"old")
    token = CancelToken()
    seen: list[tuple[int, int, str]] = []

    def rows():  # type: ignore[no-untyped-def]
        for i in range(5000):
            if i == 1200:
                token.cancel()
            yield (f"p{i}", None, None)

    table = Table("People", "t", (Column("Name"), Column("A", "datetime"), Column("B", "date")), rows(), total=5000)
    with pytest.raises(Cancelled):
        write_table(path, table, progress=lambda d, t, m: seen.append((d, t, m)), cancel=token)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    assert seen[0] == (0, 5000, "Writing rows") and seen[-1][0] <= 1500
    assert _openpyxl_temp_files() == []


def _openpyxl_temp_files() -> list[str]:
    from openpyxl.worksheet._writer import ALL_TEMP_FILES

    return [p for p in ALL_TEMP_FILES if Path(p).exists()]


def test_cancel_accepts_duck_typed_tokens(tmp_path: Path) -> None:
    """A callable or an object with is_cancelled also cancels (the GUI and CLI may pass either)."""
    with pytest.raises(Cancelled):
        write_table(tmp_path / "a.csv", _table(_rows()), cancel=lambda: True)

    class Flag:
        is_cancelled = True

    with pytest.raises(Cancelled):
        write_table(tmp_path / "a.xlsx", _table(_rows()), cancel=Flag())
    assert list(tmp_path.iterdir()) == []


def test_progress_reports_the_end(tmp_path: Path) -> None:
    """The last progress call says all rows are done."""
    seen: list[tuple[int, int, str]] = []
    write_table(tmp_path / "a.xlsx", _table(_rows()), progress=lambda d, t, m: seen.append((d, t, m)))
    assert seen[-1][:2] == (len(_rows()), len(_rows()))


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="does not exist"):
        write_table(tmp_path / "nope" / "a.xlsx", _table([]))


def test_sheet_names_are_made_valid() -> None:
    """Characters Excel forbids in sheet names are replaced and the name cut to 31 characters."""
    assert sheet_name("Rooming: Hotel [Nagoya]/Kyoto") == "Rooming  Hotel  Nagoya  Kyoto"
    assert len(sheet_name("x" * 40)) == 31
