"""Tabular reading: encodings, delimiters, header rows below preambles and titles, closing rows, dates."""

from __future__ import annotations

import codecs
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from iurc_desktop.core.errors import ValidationError
from iurc_desktop.exchange.imports.dates import day_first, parse_datetime_value, parse_minutes
from iurc_desktop.exchange.imports.decode import decode_bytes
from iurc_desktop.exchange.imports.people import read_sheet

ROSTER = "Name,Email,Organisation\nÉlodie Dupont,elodie@example.fr,Ville de Lyon\n髙橋 一郎,ichiro@example.jp,愛知県\n"


@pytest.mark.parametrize(("data", "encoding"), [
    (codecs.BOM_UTF8 + ROSTER.encode("utf-8"), "utf-8-sig"),
    (ROSTER.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF16_LE + ROSTER.encode("utf-16-le"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + ROSTER.encode("utf-16-be"), "utf-16-be"),
])
def test_unicode_encodings_are_decoded_by_bom_or_strict_utf8(data: bytes, encoding: str) -> None:
    assert decode_bytes(data)[:2] == (ROSTER, encoding)


def test_cp1252_and_cp932_are_told_apart() -> None:
    western = "Nom;Prénom;Courriel\nMüller;Jürgen;j@example.de\nDupont;Élodie;e@example.fr\n"
    japanese = "氏名,メールアドレス,所属\n髙橋　一郎,ichiro@example.jp,愛知県①\n山田　花子,hanako@example.jp,浜松市～\n"
    assert decode_bytes(western.encode("cp1252"))[:2] == (western, "cp1252")
    assert decode_bytes(japanese.encode("cp932"))[:2] == (japanese, "cp932")


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    text = delimiter.join(["Name", "Email", "Country"]) + "\n" + delimiter.join(["Ane Etxeberria", "ane@example.eus", "ES"]) + "\n"
    sheet = read_sheet(_write(tmp_path, "x.csv", text.encode()))
    assert sheet.delimiter == delimiter
    assert sheet.tables[0].header == ("Name", "Email", "Country")


def test_header_found_below_a_preamble_and_padding_columns_dropped(tmp_path: Path) -> None:
    text = ("Participant list,,,,\nExported: 2026-03-01,,,,\n,,,,\nFirst name,Last name,E-mail,,\n"
            "Ane,Etxeberria,ane@example.eus,,\nJan,Janssens,jan@example.be,,\n")
    table = read_sheet(_write(tmp_path, "x.csv", text.encode())).tables[0]
    assert (table.header_row, table.header) == (4, ("First name", "Last name", "E-mail"))
    assert [n for n, _ in table.rows] == [5, 6]


def test_merged_title_xlsx_with_closing_row(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["令和4年度 EU視察団 受入名簿"])
    ws.merge_cells("A1:D1")
    ws.append([])
    ws.append(["氏名 / Name", "メールアドレス / Email", "所属 / Organisation", "到着日 / Arrival"])
    ws.append(["山田　太郎", "taro@example.jp", "愛知県", datetime(2022, 11, 20)])
    ws.append(["Ane Etxeberria", "ane@example.eus", "Basque Country", "令和4年11月21日"])
    ws.append(["以上"])
    ws.append(["担当: 国際課"])
    path = tmp_path / "roster.xlsx"
    wb.save(path)
    sheet = read_sheet(path)
    (table,) = sheet.tables
    assert table.title == "令和4年度 EU視察団 受入名簿" and table.header_row == 3
    assert [cells[0] for _, cells in table.rows] == ["山田　太郎", "Ane Etxeberria"]
    assert table.rows[0][1][3] == datetime(2022, 11, 20)


def test_unsupported_suffix_and_missing_file_are_clear(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="cannot import .pdf"):
        read_sheet(_write(tmp_path, "x.pdf", b"%PDF"))
    with pytest.raises(ValidationError, match="no such file"):
        read_sheet(tmp_path / "missing.csv")


@pytest.mark.parametrize(("text", "first", "expected"), [
    ("Mar 22, 2025 19:13:27", False, datetime(2025, 3, 22, 19, 13, 27)),
    ("Mar 23, 2025 6:26 PM", False, datetime(2025, 3, 23, 18, 26)),
    ("4/17/23, 7:29:57 PM", False, datetime(2023, 4, 17, 19, 29, 57)),
    ("14/11/22, 09:30:46", True, datetime(2022, 11, 14, 9, 30, 46)),
    ("11/19/2021 10:00:00 AM", False, datetime(2021, 11, 19, 10)),
    ("2026/10/18", False, date(2026, 10, 18)),
    ("2026-10-18 09:30", False, datetime(2026, 10, 18, 9, 30)),
    ("令和4年11月20日", False, date(2022, 11, 20)),
    ("平成31年4月30日", False, date(2019, 4, 30)),
    ("2022年11月20日", False, date(2022, 11, 20)),
    ("--", False, None),
])
def test_dates_as_the_tools_write_them(text: str, first: bool, expected: object) -> None:
    assert parse_datetime_value(text, first) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("2025-03-22T01:00:00Z", datetime(2025, 3, 22, 1, tzinfo=timezone.utc)),
    ("2025-03-22 10:00+09:00", datetime(2025, 3, 22, 1, tzinfo=timezone.utc)),
    ("Mar 22, 2025 10:00:00 GMT+9", datetime(2025, 3, 22, 1, tzinfo=timezone.utc)),
    ("4/17/23, 7:29:57 PM UTC", datetime(2023, 4, 17, 19, 29, 57, tzinfo=timezone.utc)),
    ("Mar 22, 2025 01:00 UTC-03:30", datetime(2025, 3, 22, 4, 30, tzinfo=timezone.utc)),
])
def test_a_stated_offset_is_kept_not_dropped(text: str, expected: datetime) -> None:
    """A time that names its offset stays that instant instead of being re-read in the event's zone."""
    value = parse_datetime_value(text)
    assert isinstance(value, datetime) and value.tzinfo is not None and value == expected


def test_excel_date_cells_pass_through_and_unreadable_text_says_why() -> None:
    assert parse_datetime_value(datetime(2026, 1, 2, 3, 4)) == datetime(2026, 1, 2, 3, 4)
    with pytest.raises(ValueError, match="is not a date and time"):
        parse_datetime_value("next Tuesday")
    with pytest.raises(ValueError):
        parse_datetime_value("31/31/22")


def test_day_order_is_decided_per_column() -> None:
    assert day_first(["14/11/22, 09:30:46"]) is True
    assert day_first(["4/17/23, 7:29:57 PM"]) is False
    assert day_first(["4/5/23, 7:29:57 PM"]) is False
    assert day_first(["04/05/22, 09:30"], default=True) is True


def test_durations() -> None:
    assert parse_minutes("13m 26s") == pytest.approx(13 + 26 / 60)
    assert parse_minutes("1h 2m") == 62 and parse_minutes("128") == 128 and parse_minutes("--") is None


def test_a_blank_row_inside_a_list_does_not_end_it(tmp_path: Path) -> None:
    """A roster with an empty line after its first person: every person under it is read too, in .csv and .xlsx."""
    from openpyxl import Workbook

    rows = [("Name", "Email"), ("Ana Silva", "ana@example.pt"), (None, None), ("Bob Berg", "bob@example.se"),
            ("Cara Conti", "cara@example.it")]
    csv = _write(tmp_path, "roster.csv", "\n".join(",".join(c or "" for c in row) for row in rows).encode())
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(tmp_path / "roster.xlsx")
    for path in (csv, tmp_path / "roster.xlsx"):
        [table] = read_sheet(path).tables
        assert [row[1][0] for row in table.rows] == ["Ana Silva", "Bob Berg", "Cara Conti"]
        assert [row[0] for row in table.rows] == [2, 4, 5]  # the file's own row numbers, for messages
