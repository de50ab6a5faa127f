"""A table to export: its columns and streamed rows, and how a cell that looks like a formula is kept as text.

Rosters and reports describe what to write as a `Table`; `xlsx_writer` and
`csv_writer` stream it, and `table_file.write_table` puts it on disk whole or
not at all, so failure or Cancel leaves no half file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ...core.errors import Cancelled, ValidationError
from ...core.progress import Progress

ProgressFn = Progress  # progress(rows done, rows expected or 0 when unknown, message)

SUFFIXES = {".xlsx": "xlsx", ".csv": "csv"}
# What a spreadsheet may run as a formula when a cell starts with it (OWASP), with the fullwidth, small
# and mathematical look-alikes some spreadsheets also accept.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe66", "\ufe62",
                  "\ufe63", "\ufe6b", "\u2212")
# Control characters no cell can hold (XML 1.0 refuses them in .xlsx; in .csv they garble readers): tab, line
# feed and carriage return are text.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(text: str) -> str:
    """`text` without control characters, so that no stored value can break an exported file."""
    return CONTROL.sub("", text) if CONTROL.search(text) else text


@dataclass(frozen=True)
class Column:
    """One column: its header (naming the zone for local times), kind of value and width."""

    header: str
    kind: str = "text"  # text | int | date | datetime
    width: float = 16.0


@dataclass
class Table:
    """A titled table whose rows are produced lazily, in column order."""

    sheet: str
    title: str
    columns: tuple[Column, ...]
    rows: Iterable[Sequence[object]]
    total: int = 0  # rows expected, for progress; 0 when unknown

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


def output_format(path: Path) -> str:
    """'xlsx' or 'csv' from the file's suffix; any other suffix is refused."""
    kind = SUFFIXES.get(Path(path).suffix.lower())
    if kind is None:
        raise ValidationError(f"{Path(path).name}: cannot tell the format from the suffix; name the file .xlsx or .csv")
    return kind


def is_cancelled(cancel: object) -> bool:
    """Duck-typed cancel token: core.progress.CancelToken (`cancelled`), an `is_cancelled` flag or method, or a callable."""
    if cancel is None:
        return False
    for name in ("cancelled", "is_cancelled"):
        flag = getattr(cancel, name, None)
        if flag is not None:
            return bool(flag()) if callable(flag) else bool(flag)
    return bool(cancel()) if callable(cancel) else False


class Ticker:
    """Reports progress and checks for Cancel every `every` rows, not on each one (cheap)."""

    def __init__(self, progress: ProgressFn | None, cancel: object, total: int = 0, every: int = 500,
                 message: str = "Writing rows") -> None:
        self.progress = progress
        self.message = message
        self.cancel = cancel
        self.total = total
        self.every = every
        self.done = 0

    def start(self) -> None:
        self.check()
        if self.progress is not None:
            self.progress(0, self.total, self.message)

    def step(self) -> None:
        self.done += 1
        if self.done % self.every == 0:
            self.check()
            if self.progress is not None:
                self.progress(self.done, self.total, self.message)

    def check(self) -> None:
        if is_cancelled(self.cancel):
            raise Cancelled("Export cancelled: no file was written.")

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.done, max(self.total, self.done), "Done")
