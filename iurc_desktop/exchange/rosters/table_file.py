"""A table to a file: .xlsx or .csv by the file's suffix, whole or not at all."""

from __future__ import annotations

from pathlib import Path

from ...core.output_files import atomic_output
from .csv_writer import write_csv
from .table import ProgressFn, Table, output_format
from .xlsx_writer import write_xlsx


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
    if kind == "xlsx":
        return write_xlsx(target, [table], progress=progress, cancel=cancel)
    return write_csv(target, table, progress=progress, cancel=cancel)
