"""Reading .csv and .xlsx files as the tools people use write them, into tables of cells.

A file may hold preambles ("Attendee Report", "Report Generated: …"), summary
blocks, merged title rows, several sections each with its own header (Zoom's
Host/Panelist/Attendee details, Teams' Participants and In-Meeting Activities),
rows padded with empty columns and closing rows such as 以上. `read_tables`
finds every header row (a row whose cells are mostly known column names, as
told by the `is_header` predicate) and the data rows under it, each with its
row number in the file so that errors can point at it.

A workbook with several sheets is read on the sheet whose header names people's
columns, or the one the user chose (`SheetChoice`); when none or several match,
`SheetChoiceNeeded` lists the sheets. Rows hidden in a workbook are kept in the
tables but named in `Source.hidden`, so that the import can leave them out unless
asked. `Source` says where the rows came from, for the preview to tell.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field, replace
from itertools import islice
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ...core.errors import ValidationError
from ...core.file_limits import COLUMNS, FILE_SIZE, ROWS, UNPACKED, check_size
from .decode import NOT_DECODED, decode_bytes

Cell = object  # str, int, float, datetime, date or None
DELIMITERS = (",", ";", "\t", "|")
if TYPE_CHECKING:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

PROBE_ROWS = 30  # a header is looked for in a sheet's first rows (as `find_tables` does)
CLOSING = {"以上", "以 上", "끝", "이상", "end", "fin", "ende", "total", "合計", "계"}


@dataclass(frozen=True)
class Table:
    """One header and the data rows under it; `title` is the section line above the header, if any."""

    title: str
    header: tuple[str, ...]
    header_row: int  # 1-based row number in the file
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]  # (row number, cells aligned with header)


@dataclass(frozen=True)
class SheetChoice:
    """What the user chose about a workbook: the sheet to read (None: the one whose header names people) and hidden rows."""

    sheet: str | None = None
    include_hidden: bool = False


@dataclass(frozen=True)
class Source:
    """Where the rows came from and what the preview must say about them."""

    sheet: str = ""  # the workbook sheet read; "" for a text file
    sheets: tuple[tuple[str, bool], ...] = ()  # every sheet of the workbook: (name, hidden)
    picked: bool = False  # the sheet was picked by its header, not chosen
    hidden: tuple[int, ...] = ()  # data rows hidden in the workbook
    include_hidden: bool = False
    not_utf8: tuple[int, ...] = ()  # rows that had bytes that are not UTF-8, shown with ?

    def notes(self) -> tuple[str, ...]:
        """The sentences the preview shows about the reading."""
        out = []
        if len(self.sheets) > 1:
            others = [_sheet_name(name, hidden) for name, hidden in self.sheets if name != self.sheet]
            why = " (its columns name people)" if self.picked else ""
            out.append(f"Read sheet '{self.sheet}'{why}; also in the file: {', '.join(others)}")
        if self.hidden:
            count = _rows(self.hidden)
            out.append(f"{count} hidden in the workbook: imported as chosen" if self.include_hidden
                       else f"{count} hidden in the workbook: left out unless hidden rows are included")
        if self.not_utf8:
            out.append(f"{_rows(self.not_utf8)} had bytes that are not UTF-8; shown with ?")
        return tuple(out)


class SheetChoiceNeeded(ValidationError):
    """A workbook with several sheets whose headers do not tell which one lists the people."""

    def __init__(self, name: str, sheets: Sequence[tuple[str, bool]], matching: Sequence[str]) -> None:
        self.sheets = tuple(sheets)
        listed = ", ".join(_sheet_name(n, hidden) for n, hidden in sheets)
        if not matching:
            why = "none has column names such as Name, Email, 氏名 or 이메일"
        elif len(matching) > 1:
            why = f"several list people ({_quoted(matching)})"
        else:  # a hidden sheet is never read unless chosen
            why = f"only the hidden sheet {_quoted(matching)} lists people"
        # the window lists the sheets to choose from beside `short`; the command line needs them in the message
        self.short = f"{name} has {len(sheets)} sheets and {why}: choose the sheet to read."
        super().__init__(f"{self.short} Its sheets: {listed}.")


def _sheet_name(name: str, hidden: bool) -> str:
    return f"'{name}'" + (" (hidden)" if hidden else "")


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(f"'{n}'" for n in names)


def _rows(numbers: Sequence[int], shown: int = 10) -> str:
    """Row numbers in words: "row 4", "rows 7 and 12", "rows 1, 2, … 10 and 5 more"."""
    if len(numbers) == 1:
        return f"row {numbers[0]}"
    listed = [str(n) for n in numbers[:shown]]
    tail = f" and {len(numbers) - shown} more" if len(numbers) > shown else ""
    if not tail:
        return f"rows {', '.join(listed[:-1])} and {listed[-1]}"
    return f"rows {', '.join(listed)}{tail}"


@dataclass(frozen=True)
class Sheet:
    """A file read into tables, and where its rows came from."""

    path: Path
    encoding: str  # "xlsx" for workbooks
    delimiter: str  # "" for workbooks
    raw: tuple[tuple[Cell, ...], ...]  # every row as read, for previews
    tables: tuple[Table, ...]
    source: Source = field(default_factory=Source)


@dataclass
class Reading:
    """A file's rows as read, with what the reading found on the way."""

    rows: list[tuple[Cell, ...]]
    encoding: str
    delimiter: str
    source: Source


def read_rows(path: Path, choice: SheetChoice = SheetChoice(),
              is_header: Callable[[str], bool] | None = None, min_known: int = 2) -> Reading:
    """Every row of the file (of a workbook's chosen or matching sheet) as cells, with the encoding and delimiter."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ValidationError(f"{path}: no such file")
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt", ".tsv", ""):
        calendar = "; a calendar file is imported with File ▸ Import calendar…" if suffix == ".ics" else ""
        raise ValidationError(f"{path.name}: cannot import {suffix} files as people (expected .csv or .xlsx){calendar}")
    check_size(path.stat().st_size, FILE_SIZE, path.name)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(path, choice, is_header or default_is_header, min_known)
    if choice.sheet is not None:
        raise ValidationError(f"{path.name} is a text file, not a workbook: it has no sheet '{choice.sheet}'.")
    text, encoding, lossy = decode_bytes(path.read_bytes(), path.name)
    delimiter = sniff_delimiter(text)
    marked: list[int] = []
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    kept = _kept(_marked(rows, marked) if lossy else rows, path.name)
    return Reading(kept, encoding, delimiter, Source(not_utf8=tuple(marked)))


def _marked(rows: Iterable[list[str]], marked: list[int]) -> Iterator[list[str]]:
    """The rows with each byte that was not UTF-8 shown as ?; the numbers of those rows go to `marked`."""
    for number, row in enumerate(rows, start=1):
        if any(NOT_DECODED in cell for cell in row):
            marked.append(number)
            row = [cell.replace(NOT_DECODED, "?") for cell in row]
        yield row


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


def _xlsx_rows(path: Path, choice: SheetChoice, is_header: Callable[[str], bool], min_known: int) -> Reading:
    from openpyxl import load_workbook

    check_size(_unpacked_size(path), UNPACKED, path.name)
    try:
        # data_only=False: a formula cell reads as its formula text, kept as plain text and never evaluated
        # (a cached result may be absent, and would hide what the sender's sheet really holds)
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or mislabelled file
        raise ValidationError(f"{path.name}: not a readable .xlsx workbook ({exc.__class__.__name__}: {exc})") from None
    try:
        sheet, picked = _sheet_to_read(workbook.worksheets, choice, path.name, is_header, min_known)
        hidden: list[int] = []
        rows = _kept(_sheet_rows(sheet, hidden), path.name, pad=True)
        sheets = tuple((ws.title, ws.sheet_state != "visible") for ws in workbook.worksheets)
        source = Source(sheet.title, sheets, picked, tuple(n for n in hidden if n <= len(rows)), choice.include_hidden)
        return Reading(rows, "xlsx", "", source)
    finally:
        workbook.close()


def _sheet_to_read(sheets: Sequence[ReadOnlyWorksheet], choice: SheetChoice, name: str,
                   is_header: Callable[[str], bool], min_known: int) -> tuple[ReadOnlyWorksheet, bool]:
    """The sheet chosen, else the only one whose first rows hold a header of people's columns, else the only visible one
    when none has such a header (the hidden ones being a template's lists); and whether it was picked by its header."""
    if choice.sheet is not None:
        wanted = [ws for ws in sheets if ws.title == choice.sheet] or [
            ws for ws in sheets if ws.title.strip().casefold() == choice.sheet.strip().casefold()]
        if not wanted:
            raise ValidationError(f"{name} has no sheet '{choice.sheet}'. Its sheets: "
                                  + ", ".join(_sheet_name(ws.title, ws.sheet_state != "visible") for ws in sheets) + ".")
        return wanted[0], False
    if len(sheets) == 1:
        return sheets[0], False
    matching = [ws for ws in sheets if _lists_people(ws, is_header, min_known)]
    if len(matching) == 1 and matching[0].sheet_state == "visible":
        return matching[0], True
    visible = [ws for ws in sheets if ws.sheet_state == "visible"]
    if not matching and len(visible) == 1:
        return visible[0], False
    listed = [(ws.title, ws.sheet_state != "visible") for ws in sheets]
    raise SheetChoiceNeeded(name, listed, [ws.title for ws in matching])


def _lists_people(sheet: ReadOnlyWorksheet, is_header: Callable[[str], bool], min_known: int) -> bool:
    """True when one of the sheet's first rows is a header of known column names."""
    with closing(_sheet_rows(sheet, [])) as rows:  # closes the sheet's stream without reading the rest
        first = list(islice(rows, PROBE_ROWS))
    return any(_header_score(row, is_header) >= min_known for row in first)


def _sheet_rows(sheet: ReadOnlyWorksheet, hidden: list[int]) -> Generator[tuple[Cell, ...], None, None]:
    """The rows of a read-only sheet in order, missing ones as empty; the numbers of hidden rows go to `hidden`.

    openpyxl's read-only sheets do not expose row_dimensions (their parser keeps every
    row's attributes, unbounded, and drops them): this walks the same streaming parser
    (openpyxl 3.1.5), taking each row's `hidden` attribute as it passes.
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    book = sheet.parent
    with sheet._get_source() as src:
        parser = WorkSheetParser(src, sheet._shared_strings, data_only=False, epoch=book.epoch,
                                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        expected = 1
        for number, cells in parser.parse():
            attributes = parser.row_dimensions.pop(str(number), {})
            for _missing in range(expected, number):
                yield ()
            expected = number + 1
            if cells and attributes.get("hidden") in ("1", "true"):  # empty hidden rows hold nothing to leave out
                hidden.append(number)
            yield _values(cells)


def _values(cells: Sequence[dict[str, object]]) -> tuple[Cell, ...]:
    """A parsed row's values at their columns, as wide as its last cell."""
    if not cells:
        return ()
    row: list[Cell] = [None] * max(int(c["column"]) for c in cells)  # type: ignore[call-overload]
    for cell in cells:
        row[int(cell["column"]) - 1] = _plain(cell["value"])  # type: ignore[call-overload]
    return tuple(row)


def _plain(cell: object) -> Cell:
    """A workbook value as a plain cell: array and table formulas become their text."""
    if cell is None or isinstance(cell, (str, int, float, bool, datetime, date, time, timedelta)):
        return cell  # type: ignore[return-value]
    return str(getattr(cell, "text", cell))


def sniff_delimiter(text: str) -> str:
    """The delimiter among , ; tab | that splits the most lines into one same number (>1) of fields; then the most fields.

    Counting lines at one width rather than lines that split at all is what tells a
    German or French Excel file (`;` between fields, `,` inside "1,5") from a `,`
    file: its commas split lines into as many fields as each line has decimals.
    Widths are counted untrimmed: Excel writes every line with all its delimiters.
    """
    sample = text[:65536].splitlines()[:200]
    return max(DELIMITERS, key=lambda d: _consistency(sample, d))


def _consistency(lines: Sequence[str], delimiter: str) -> tuple[int, int]:
    """(lines at the most common width above 1, that width) when split on `delimiter`."""
    widths = Counter(len(row) for row in csv.reader(lines, delimiter=delimiter) if len(row) > 1)
    if not widths:
        return 0, 0
    width, count = max(widths.items(), key=lambda item: (item[1], item[0]))
    return count, width


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


def read_tables(path: Path, is_header: Callable[[str], bool] = default_is_header, *, min_known: int = 2,
                choice: SheetChoice = SheetChoice()) -> Sheet:
    """Read a file (a workbook's chosen or matching sheet) and split it into tables under each header row found."""
    read = read_rows(path, choice, is_header, min_known)
    tables = tuple(find_tables(read.rows, is_header, min_known=min_known))
    data_rows = {number for table in tables for number, _ in table.rows}
    source = read.source
    if source.hidden:  # only hidden rows that hold people count; a hidden note or blank row does not
        source = replace(source, hidden=tuple(n for n in source.hidden if n in data_rows))
    return Sheet(path, read.encoding, read.delimiter, tuple(read.rows), tables, source)


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
            continue  # a blank row inside a list, not its end: a section ends at a title, a closing line or a new header
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
