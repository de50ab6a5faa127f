"""CSV output: UTF-8 with BOM, header first, formulas neutralised, local times as ISO text."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

from iurc_desktop.exchange.rosters.csv_writer import csv_value, neutralise
from iurc_desktop.exchange.rosters.table import Column, Table
from iurc_desktop.exchange.rosters.table_file import write_table


def test_neutralise_prefixes_every_formula_start() -> None:
    """= + - @ tab CR at the start get a leading ' (OWASP); other text is untouched."""
    for text in ["=1+2", "+331", "-5", "@SUM(A1)", "\tx", "\rx"]:
        assert neutralise(text) == "'" + text
    assert neutralise("Ane") == "Ane" and neutralise("a=b") == "a=b" and neutralise("") == ""


def test_values_are_written_as_plain_text() -> None:
    assert csv_value(datetime(2022, 11, 20, 19, 5)) == "2022-11-20 19:05"
    assert csv_value(date(2030, 1, 31)) == "2030-01-31"
    assert csv_value(None) == "" and csv_value(3) == "3" and csv_value(True) == "yes"


def test_csv_is_utf8_with_bom_header_first_and_neutralised(tmp_path: Path) -> None:
    """Excel needs the BOM to read CJK and accents; the header is line 1; dangerous cells are neutralised."""
    path = tmp_path / "r.csv"
    columns = (Column("Name"), Column("Arrival (Asia/Tokyo)", "datetime"))
    rows = [("浜松 Émile", datetime(2022, 11, 20, 19, 5)), ('=HYPERLINK("x")', None), ("-2", None)]
    assert write_table(path, Table("S", "title", columns, iter(rows))) == 3
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert lines[0] == ["Name", "Arrival (Asia/Tokyo)"]
    assert lines[1] == ["浜松 Émile", "2022-11-20 19:05"]
    assert lines[2] == ["'=HYPERLINK(\"x\")", ""]
    assert lines[3] == ["'-2", ""]
    assert all(not cell.startswith(("=", "+", "-", "@")) for line in lines for cell in line)
