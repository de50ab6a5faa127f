"""Streaming .csv tables: UTF-8 with BOM so Excel reads accents and CJK, formulas neutralised.

The header is the first line (no title row), so other programs read the file as a
plain table. Dates and times are ISO text in the local time named in the header.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

from .table import FORMULA_STARTS, ProgressFn, Table, Ticker, printable


def neutralise(text: str) -> str:
    """`text` without control characters, and prefixed with ' when a spreadsheet would run it as a formula (OWASP)."""
    text = printable(text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_value(value: object) -> str:
    """One cell as CSV text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            raise TypeError("csv cells take naive local times; name the zone in the header")
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def write_csv(path: Path, table: Table, *, progress: ProgressFn | None = None, cancel: object = None) -> int:
    """Write `table` to `path` as CSV; returns the number of data rows."""
    ticker = Ticker(progress, cancel, total=table.total)
    ticker.start()
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([neutralise(h) for h in table.headers])
        for row in table.rows:
            writer.writerow([csv_value(v) for v in row])
            count += 1
            ticker.step()
    ticker.finish()
    return count
