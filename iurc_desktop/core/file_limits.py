"""How much of a file the app agrees to read: size, rows, columns, unpacked size and nesting.

A file can claim anything: a 5 KB workbook can name a cell a million rows and 16,384
columns away, a small archive can inflate to gigabytes. Each reader checks these limits while it reads, so memory and time stay
proportional to what is kept, and a refusal names the limit and how to raise it. The
defaults are generous for real use; an environment variable raises each one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .errors import ValidationError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    """One limit: its default, the variable that overrides it, and how a refusal names what it counts."""

    variable: str
    default: int
    unit: str  # "MB" for sizes, else what is counted ("rows", "columns", "levels")

    def value(self) -> int:
        """The limit in force: the variable's positive whole number, else the default."""
        raw = os.environ.get(self.variable, "").strip()
        return int(raw) if raw.isdigit() and int(raw) > 0 else self.default

    def bytes(self) -> int:
        return self.value() * MB

    def refuse(self, name: str, what: str) -> ValidationError:
        """The refusal of file `name`, which holds `what` (e.g. "more than 200,000 rows")."""
        return ValidationError(
            f"{name}: {what}, over the limit of {self.value():,} {self.unit}. Nothing was read. "
            f"If the file is what you meant, set {self.variable} to a larger number and try again."
        )


FILE_SIZE = Limit("IURC_MAX_FILE_MB", 50, "MB")  # an import file (.csv, .xlsx, .ics) as stored
UNPACKED = Limit("IURC_MAX_UNPACKED_MB", 500, "MB")  # a workbook's archive once inflated
ROWS = Limit("IURC_MAX_ROWS", 200_000, "rows")
COLUMNS = Limit("IURC_MAX_COLUMNS", 1_000, "columns")
PROGRAMME_SIZE = Limit("IURC_MAX_PROGRAMME_MB", 500, "MB")  # a programme file: a 100-season file is ~50 MB


def check_size(size: int, limit: Limit, name: str) -> None:
    """Refuse a file of `size` bytes over `limit` before reading it."""
    if size > limit.bytes():
        raise limit.refuse(name, f"{size / MB:,.1f} MB")
