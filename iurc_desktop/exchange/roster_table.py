"""A table to export: columns, streamed rows, and the safe way to a file.

Rosters and reports describe what to write as a `Table`; `xlsx_writer` and
`csv_writer` stream it, through `core.output_files.atomic_output`, so failure or
Cancel leaves no half file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import Cancelled, ValidationError
from ..core.progress import Progress
from ..core.output_files import atomic_output

ProgressFn = Progress  # progress(rows done, rows expected or 0 when unknown, message)

SUFFIXES = {".xlsx": "xlsx", ".csv": "csv"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def write_table(path: Path, table: Table, *, progress: ProgressFn | None = None, cancel: object = None,
                into: Path | None = None) -> int:
    """Write `table` as .xlsx or .csv by the suffix of `path`; returns the number of data rows.

    `into` is where the bytes go when the caller stages the file (a unit of work publishes
    it after the commit); without it the file replaces `path` whole, or not at all.
    """
    kind = output_format(path)
    if into is not None:
        return _write(kind, into, table, progress, cancel)
    with atomic_output(path) as tmp:
        return _write(kind, tmp, table, progress, cancel)


def _write(kind: str, target: Path, table: Table, progress: ProgressFn | None, cancel: object) -> int:
    from .csv_writer import write_csv
    from .xlsx_writer import write_xlsx

    if kind == "xlsx":
        return write_xlsx(target, [table], progress=progress, cancel=cancel)
    return write_csv(target, table, progress=progress, cancel=cancel)
