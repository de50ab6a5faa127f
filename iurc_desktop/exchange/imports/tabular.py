"""Reading .csv and .xlsx files as the tools people use write them, into tables of cells.

A file may hold preambles ("Attendee Report", "Report Generated: …"), summary
blocks, merged title rows, several sections each with its own header (Zoom's
Host/Panelist/Attendee details, Teams' Participants and In-Meeting Activities),
rows padded with empty columns and closing rows such as 以上. `read_tables`
finds every header row (a row whose cells are mostly known column names, as
told by the `is_header` predicate) and the data rows under it, each with its
row number in the file so that errors can point at it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ...core.errors import ValidationError
from ...core.file_limits import COLUMNS, FILE_SIZE, ROWS, UNPACKED, check_size
from .decode import decode_bytes

Cell = object  # str, int, float, datetime, date or None
DELIMITERS = (",", ";", "\t", "|")
CLOSING = {"以上", "以 上", "끝", "이상", "end", "fin", "ende", "total", "合計", "계"}


@dataclass(frozen=True)
class Table:
    """One header and the data rows under it; `title` is the section line above the header, if any."""

    title: str
    header: tuple[str, ...]
    header_row: int  # 1-based row number in the file
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]  # (row number, cells aligned with header)


@dataclass(frozen=True)
class Sheet:
    path: Path
    encoding: str  # "xlsx" for workbooks
    delimiter: str  # "" for workbooks
    raw: tuple[tuple[Cell, ...], ...]  # every row as read, for previews
    tables: tuple[Table, ...]


def read_rows(path: Path) -> tuple[list[tuple[Cell, ...]], str, str]:
    """Every row of the file as cells, with the encoding and delimiter found."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ValidationError(f"{path}: no such file")
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt", ".tsv", ""):
        raise ValidationError(f"{path.name}: cannot import {suffix} files (expected .csv or .xlsx)")
    check_size(path.stat().st_size, FILE_SIZE, path.name)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(path), "xlsx", ""
    text, encoding = decode_bytes(path.read_bytes(), path.name)
    delimiter = sniff_delimiter(text)
    return _kept(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), path.name), encoding, delimiter


def _kept(rows: Iterable[Sequence[Cell]], name: str, *, pad: bool = False) -> list[tuple[Cell, ...]]:
    """The rows as read, while their filled cells stay within the row and column limits.

    Empty rows are kept only when a filled one follows: a stray cell a million rows
    down is refused for what it is, not read as a million empty rows first. With
    `pad`, every row is as wide as the widest (a workbook's rows come as wide as their last cell).
    """
    max_rows, max_columns = ROWS.value(), COLUMNS.value()
    kept: list[tuple[Cell, ...]] = []
    empty: list[tuple[Cell, ...]] = []
    for number, row in enumerate(rows, start=1):
        width = len(_trim(row))
        if not width:
            if len(empty) < max_rows:
                empty.append(tuple(row[:max_columns]))
            continue
        if number > max_rows:
            raise ROWS.refuse(name, f"has a filled row {number:,}")
        if width > max_columns:
            raise COLUMNS.refuse(name, f"row {number:,} has a filled cell in column {width:,}")
        kept.extend(empty)
        empty.clear()
        kept.append(tuple(row[:max_columns]))
    if pad:
        widest = max((len(r) for r in kept), default=0)
        kept = [r + (None,) * (widest - len(r)) for r in kept]
    return kept


def _unpacked_size(path: Path) -> int:
    """What the workbook's archive inflates to, from its directory (before anything is inflated)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValidationError(f"{path.name}: not a readable .xlsx workbook ({exc})") from None


def _xlsx_rows(path: Path) -> list[tuple[Cell, ...]]:
    from openpyxl import load_workbook

    check_size(_unpacked_size(path), UNPACKED, path.name)
    try:
        # data_only=False: a formula cell reads as its formula text, kept as plain text and never evaluated
        # (a cached result may be absent, and would hide what the sender's sheet really holds)
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or mislabelled file
        raise ValidationError(f"{path.name}: not a readable .xlsx workbook ({exc.__class__.__name__}: {exc})") from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # the stored extent may claim any size: read the rows that are there
        return _kept((tuple(_plain(cell) for cell in row) for row in sheet.iter_rows(values_only=True)), path.name, pad=True)
    finally:
        workbook.close()


def _plain(cell: object) -> Cell:
    """A workbook value as a plain cell: array and table formulas become their text."""
    if cell is None or isinstance(cell, (str, int, float, bool, datetime, date, time, timedelta)):
        return cell  # type: ignore[return-value]
    return str(getattr(cell, "text", cell))


def sniff_delimiter(text: str) -> str:
    """The delimiter giving the most lines with the same number (>1) of fields, among , ; tab |."""
    sample = text[:65536].splitlines()[:60]
    best, best_score = ",", -1
    for delimiter in DELIMITERS:
        counts: dict[int, int] = {}
        for row in csv.reader(sample, delimiter=delimiter):
            width = len(_trim(row))
            if width > 1:
                counts[width] = counts.get(width, 0) + 1
        score = sum(counts.values()) + max(counts.values(), default=0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _trim(row: Sequence[Cell]) -> list[Cell]:
    """Cells up to the last non-empty one (padding columns dropped)."""
    end = len(row)
    while end and _empty(row[end - 1]):
        end -= 1
    return list(row[:end])


def _empty(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _filled(row: Sequence[Cell]) -> list[Cell]:
    return [c for c in row if not _empty(c)]


def default_is_header(cell: str) -> bool:
    return bool(cell.strip())


def read_tables(path: Path, is_header: Callable[[str], bool] = default_is_header, *, min_known: int = 2) -> Sheet:
    """Read a file and split it into tables under each header row found."""
    rows, encoding, delimiter = read_rows(path)
    return Sheet(path, encoding, delimiter, tuple(rows), tuple(find_tables(rows, is_header, min_known=min_known)))


def _header_score(row: Sequence[Cell], is_header: Callable[[str], bool]) -> int:
    cells = _filled(row)
    if len(cells) < 2 or not all(isinstance(c, str) for c in cells):
        return 0
    return sum(1 for c in cells if is_header(str(c)))


def find_tables(rows: Sequence[Sequence[Cell]], is_header: Callable[[str], bool], *, min_known: int = 2) -> list[Table]:
    """Tables under every row with at least `min_known` known column names; else one table under the widest row."""
    # A header starts the file's first rows or follows a break (blank line, section title): data rows need no look.
    candidates = [i for i in range(len(rows)) if i < 30 or len(_filled(rows[i - 1])) <= 1]
    headers = [i for i in candidates if _header_score(rows[i], is_header) >= min_known]
    if not headers:
        headers = _fallback_header(rows)
    tables = []
    for n, start in enumerate(headers):
        stop = headers[n + 1] if n + 1 < len(headers) else len(rows)
        tables.append(_table(rows, start, stop))
    return [t for t in tables if t.header]


def _fallback_header(rows: Sequence[Sequence[Cell]]) -> list[int]:
    """Without known names: the first row as wide as the widest of the first 30, if all its cells are text."""
    window = rows[:30]
    widest = max((len(_filled(r)) for r in window), default=0)
    for i, row in enumerate(window):
        cells = _filled(row)
        if widest >= 2 and len(cells) == widest and all(isinstance(c, str) for c in cells):
            return [i]
    return []


def _title_above(rows: Sequence[Sequence[Cell]], start: int) -> str:
    for i in range(start - 1, max(start - 3, -1), -1):
        cells = _filled(rows[i])
        if len(cells) == 1:
            return str(cells[0]).strip()
        if cells:
            break
    return ""


def _table(rows: Sequence[Sequence[Cell]], start: int, stop: int) -> Table:
    header_cells = _trim(rows[start])
    header = tuple("" if c is None else str(c).strip() for c in header_cells)
    width = len(header)
    data: list[tuple[int, tuple[Cell, ...]]] = []
    for i in range(start + 1, stop):
        row = rows[i]
        cells = _filled(row)
        if not cells:
            if data:
                break  # a blank line ends a section
            continue
        if len(cells) == 1 and width > 2 and (data or _is_closing(cells[0])):
            break  # a section title, a closing 以上 or a total line
        if _is_closing(cells[0]) and len(cells) <= 2:
            break
        padded = tuple(_clean(c) for c in row[:width]) + (None,) * max(0, width - len(row))
        data.append((i + 1, padded))
    return Table(_title_above(rows, start), header, start + 1, tuple(data))


def _is_closing(cell: Cell) -> bool:
    return isinstance(cell, str) and cell.strip().lower() in CLOSING


def _clean(cell: Cell) -> Cell:
    """Text cells stripped; empty text is None. Formula-looking text stays text, unchanged."""
    if isinstance(cell, str):
        stripped = cell.strip()
        return stripped or None
    return cell
