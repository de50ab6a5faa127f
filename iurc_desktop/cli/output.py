"""Printing for the command line: aligned tables, JSON, ISO times and atomic file writes."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from ..core.errors import IurcError


class OutputError(IurcError):
    """An output file cannot be written."""


def iso(moment: datetime) -> str:
    """ISO 8601 with the offset, e.g. 2022-11-22T09:30:00+09:00; refuses naive times."""
    if moment.tzinfo is None:
        raise TypeError("iso() takes an aware datetime")
    return moment.isoformat(timespec="seconds")


def _default(value: object) -> object:
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, set, frozenset)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def to_json(data: object) -> str:
    """Readable, UTF-8 JSON (names in any script stay as they are) with a trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=_default) + "\n"


def print_json(data: object, out: TextIO | None = None) -> None:
    (out or sys.stdout).write(to_json(data))


def display_width(text: str) -> int:
    """Columns a terminal uses for `text`: CJK wide and full-width characters take two."""
    if text.isascii():  # one column a character: no need to look each one up
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def format_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Columns aligned by display width, two spaces apart; the last column is not padded."""
    cells = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(headers) - 1)]  # the last is not padded
    lines = []
    for row in cells:
        padded = [_pad(value, widths[i]) for i, value in enumerate(row[:-1])] + [row[-1]]
        lines.append("  ".join(padded).rstrip())
    return "\n".join(lines) + "\n"


def write_text_atomically(path: Path, text: str) -> None:
    """Write UTF-8 text to `path` whole or not at all (core.output_files), told against `path` on failure."""
    from ..core.errors import ValidationError
    from ..core.output_files import write_text

    try:
        write_text(path, text)
    except ValidationError as exc:
        raise OutputError(str(exc)) from None
    except OSError as exc:
        raise OutputError(f"Cannot write {path}: {exc.strerror}.") from None
