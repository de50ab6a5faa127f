"""Streaming .xlsx tables with openpyxl's write-only mode.

Each sheet: a title row (event and export time), a bold header row, frozen below
the header, an autofilter over the data, set widths; dates and times as real
cells (naive local time, the zone named in the header); text a spreadsheet would
read as a formula stored as a text cell. openpyxl streams each sheet into a
temporary file before zipping it; those files are made in the app's own
owner-only folder (`core.temporary_files`), never in the shared system one.
"""

from __future__ import annotations

import re
from contextlib import suppress
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet import _writer as openpyxl_sheet_writer
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from ...core import temporary_files
from .table import FORMULA_STARTS, ProgressFn, Table, Ticker, printable

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
TITLE_FONT = Font(bold=True, size=12)
HEADER_FONT = Font(bold=True)
MAX_SHEET_NAME = 31
_STARTS = frozenset(FORMULA_STARTS)


def _sheet_stream_file(suffix: str = "") -> str:
    """Where openpyxl streams a sheet (a roster's rows) before zipping it: the app's folder, not the system's."""
    path = str(temporary_files.new_file(prefix="openpyxl.", suffix=suffix))
    openpyxl_sheet_writer.ALL_TEMP_FILES.append(path)  # openpyxl's cleanup() takes it off this list as it removes it
    return path


# openpyxl names every sheet's temporary file through this one function (write-only sheets as they are
# appended to, ordinary workbooks as they are saved); replacing it moves those files and nothing else
# (tempfile.tempdir would move every library's). tests/exchange/test_xlsx_temporaries.py checks it holds.
openpyxl_sheet_writer.create_temporary_file = _sheet_stream_file


def sheet_name(text: str) -> str:
    """A valid, Excel-safe sheet name (no []:*?/\\, at most 31 characters)."""
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", text).strip().strip("'") or "Sheet"
    return cleaned[:MAX_SHEET_NAME]


def _text_cell(ws: WriteOnlyWorksheet, text: str, font: Font | None = None) -> WriteOnlyCell:
    """A cell that holds `text` as text, whatever it starts with."""
    cell = WriteOnlyCell(ws, value=printable(text))
    cell.data_type = "s"  # '=…' would otherwise be stored as a formula
    if font is not None:
        cell.font = font
    return cell


class _CellMaker:
    """Turns row values into what write-only append takes, touching only cells that need it."""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self.ws = ws

    def __call__(self, value: object) -> object:
        if value.__class__ is str:
            # Fast path: most text is printable and starts harmlessly; only the rest is inspected.
            if value[:1] not in _STARTS and value.isprintable():  # type: ignore[index, union-attr]
                return value
            return self.text(value)  # type: ignore[arg-type]
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, datetime):
            if value.tzinfo is not None:
                raise TypeError("xlsx cells take naive local times; name the zone in the header")
            cell = WriteOnlyCell(self.ws, value=value)
            cell.number_format = DATETIME_FORMAT
            return cell
        if isinstance(value, date):
            cell = WriteOnlyCell(self.ws, value=value)
            cell.number_format = DATE_FORMAT
            return cell
        return value

    def text(self, value: str) -> object:
        value = printable(value)
        if value.startswith(FORMULA_STARTS):
            return _text_cell(self.ws, value)
        return value


def _prepare(ws: WriteOnlyWorksheet, table: Table) -> None:
    """Widths and frozen panes: write-only drops them if set after the first row."""
    for index, column in enumerate(table.columns, 1):
        width = max(column.width, len(column.header) + 3)
        ws.column_dimensions[get_column_letter(index)].width = min(width, 80)
    ws.freeze_panes = "A3"  # rows 1-2 (title, header) stay in view


def write_sheet(ws: WriteOnlyWorksheet, table: Table, ticker: Ticker) -> int:
    """Stream one table into an empty write-only sheet; returns the number of data rows."""
    _prepare(ws, table)
    ws.append([_text_cell(ws, table.title, TITLE_FONT)])
    ws.append([_text_cell(ws, header, HEADER_FONT) for header in table.headers])
    make = _CellMaker(ws)
    count = 0
    for row in table.rows:
        ws.append([make(v) for v in row])
        count += 1
        ticker.step()
    last = get_column_letter(max(len(table.columns), 1))
    ws.auto_filter.ref = f"A2:{last}{count + 2}"  # the filter is written after the rows, so the end is known
    return count


def write_xlsx(path: Path, tables: Sequence[Table], *, progress: ProgressFn | None = None, cancel: object = None) -> int:
    """Write the tables as sheets of one workbook at `path`; returns the number of data rows."""
    wb = Workbook(write_only=True)
    ticker = Ticker(progress, cancel, total=sum(t.total for t in tables))
    used: set[str] = set()
    count = 0
    with temporary_files.removed_afterwards():
        try:
            ticker.start()
            for table in tables:
                name = _unique(sheet_name(table.sheet), used)
                count += write_sheet(wb.create_sheet(name), table, ticker)
            ticker.check()
            wb.save(path)
        except BaseException:
            _discard(wb)
            raise
    ticker.finish()
    return count


def _discard(wb: Workbook) -> None:
    """Close half-written sheets after a failure or Cancel, so that their temporary files can be removed."""
    # openpyxl has no public abort; its sheets stream into temp files it would only remove at exit.
    for ws in wb.worksheets:
        rows, writer = getattr(ws, "_rows", None), getattr(ws, "_writer", None)
        with suppress(Exception):
            if rows is not None:
                rows.close()
        with suppress(Exception):
            if writer is not None:
                writer.close()


def save_workbook(wb: Workbook, path: Path) -> None:
    """Save an ordinary workbook; the temporary file of each sheet goes even when saving fails (a full disk)."""
    with temporary_files.removed_afterwards():
        wb.save(path)


def _unique(name: str, used: set[str]) -> str:
    candidate, n = name, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate, n = name[: MAX_SHEET_NAME - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate
