"""Reading workbooks with several sheets and hidden rows, `;` files with decimal commas, and mostly UTF-8 files.

Every file is written by the test itself.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from iurc_desktop.exchange.imports.decode import decode_bytes
from iurc_desktop.exchange.imports.people import read_sheet
from iurc_desktop.exchange.imports.tabular import SheetChoice, SheetChoiceNeeded, sniff_delimiter

PEOPLE = ("First name", "Last name", "Email")


def workbook(path: Path, sheets: dict[str, list[tuple[object, ...]]], *, hidden_sheets: tuple[str, ...] = (),
             hidden_rows: dict[str, tuple[int, ...]] | None = None) -> Path:
    """A workbook with the given sheets in order, some hidden, some rows hidden."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(list(row))
        for number in (hidden_rows or {}).get(title, ()):
            ws.row_dimensions[number].hidden = True
        if title in hidden_sheets:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def people(count: int, start: int = 0) -> list[tuple[object, ...]]:
    return [PEOPLE] + [(f"Given{i}", f"Family{i}", f"p{i}@example.eu") for i in range(start, start + count)]


NOTES = [("Registrations exported 2026-03-01",), ("Contact: the events team",)]


def test_the_sheet_whose_header_names_people_is_read_and_said(tmp_path: Path) -> None:
    path = workbook(tmp_path / "book.xlsx", {"Notes": NOTES, "Participants": people(3), "Sheet3": []})
    sheet = read_sheet(path)
    assert [len(t.rows) for t in sheet.tables] == [3]
    assert sheet.source.sheet == "Participants" and sheet.source.picked
    assert sheet.source.notes() == ("Read sheet 'Participants' (its columns name people); also in the file: 'Notes', 'Sheet3'",)


@pytest.mark.parametrize(("sheets", "hidden", "why"), [
    ({"Notes": NOTES, "Summary": [("Total", 3)]}, (), "none has column names such as Name"),
    ({"Day 1": people(2), "Day 2": people(2, 5)}, (), "several list people ('Day 1', 'Day 2')"),
    ({"Notes": NOTES, "Old": people(2)}, ("Old",), "only the hidden sheet 'Old' lists people"),
    ({"Participants": people(2), "Old": people(2, 5)}, ("Old",), "several list people ('Participants', 'Old')"),
])
def test_when_the_headers_do_not_tell_the_sheets_are_listed_to_choose_from(
        tmp_path: Path, sheets: dict[str, list[tuple[object, ...]]], hidden: tuple[str, ...], why: str) -> None:
    """None, several, or only a hidden sheet match: the reader asks; a hidden sheet is never taken silently."""
    path = workbook(tmp_path / "book.xlsx", sheets, hidden_sheets=hidden)
    with pytest.raises(SheetChoiceNeeded) as raised:
        read_sheet(path)
    assert why in str(raised.value) and "choose the sheet to read" in str(raised.value)
    assert raised.value.sheets == tuple((name, name in hidden) for name in sheets)


def test_a_chosen_sheet_is_read_even_a_hidden_one_and_an_unknown_name_is_refused(tmp_path: Path) -> None:
    path = workbook(tmp_path / "book.xlsx", {"Day 1": people(2), "Day 2": people(3, 5)}, hidden_sheets=("Day 2",))
    sheet = read_sheet(path, SheetChoice("day 2"))
    assert sheet.source.sheet == "Day 2" and not sheet.source.picked
    assert [cells[2] for _, cells in sheet.tables[0].rows] == ["p5@example.eu", "p6@example.eu", "p7@example.eu"]
    with pytest.raises(Exception, match=r"has no sheet 'Day 3'. Its sheets: 'Day 1', 'Day 2' \(hidden\)"):
        read_sheet(path, SheetChoice("Day 3"))


def test_a_single_sheet_workbook_is_read_as_before(tmp_path: Path) -> None:
    sheet = read_sheet(workbook(tmp_path / "one.xlsx", {"Whatever": people(2)}))
    assert sheet.source.sheet == "Whatever" and sheet.source.notes() == () and len(sheet.tables[0].rows) == 2


def test_the_only_visible_sheet_is_read_when_no_header_tells_beside_a_template_s_hidden_lists(tmp_path: Path) -> None:
    rows = [("Quién", "Dónde"), ("Ane Etxeberria", "Bilbao")]  # no column name it knows
    path = workbook(tmp_path / "template.xlsx", {"Inscritos": rows, "Lists": [("yes",), ("no",)]}, hidden_sheets=("Lists",))
    sheet = read_sheet(path)
    assert sheet.source.sheet == "Inscritos" and not sheet.source.picked
    assert sheet.source.notes() == ("Read sheet 'Inscritos'; also in the file: 'Lists' (hidden)",)


def test_a_sheet_asked_of_a_text_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Name,Email\nAne Etxeberria,ane@example.eus\n", encoding="utf-8")
    with pytest.raises(Exception, match="people.csv is a text file, not a workbook: it has no sheet 'People'"):
        read_sheet(path, SheetChoice("People"))


def test_hidden_rows_are_named_with_their_row_numbers(tmp_path: Path) -> None:
    path = workbook(tmp_path / "hidden.xlsx", {"People": [*people(5), (), ("",)]}, hidden_rows={"People": (3, 5, 8)})
    sheet = read_sheet(path)
    assert sheet.source.hidden == (3, 5)  # row 8 is hidden but empty: nothing to leave out
    assert sheet.source.notes() == ("rows 3 and 5 hidden in the workbook: left out unless hidden rows are included",)
    assert [n for n, _ in sheet.tables[0].rows] == [2, 3, 4, 5, 6]  # kept in the table, for the preview to show
    included = read_sheet(path, SheetChoice(include_hidden=True)).source
    assert included.include_hidden and included.notes() == ("rows 3 and 5 hidden in the workbook: imported as chosen",)


_PARTS = {
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    '</Relationships>',
    "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="People" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>',
}


def _row(number: int, cells: tuple[str, ...], hidden: bool = False) -> str:
    inline = "".join(f'<c r="{col}{number}" t="inlineStr"><is><t>{text}</t></is></c>' for col, text in zip("ABC", cells))
    flag = ' hidden="1"' if hidden else ""
    return f'<row r="{number}"{flag}>{inline}</row>'


def _hidden_heights_workbook(path: Path, empty_rows: int) -> Path:
    """Three people (row 3 hidden) above `empty_rows` hidden rows of a set height: written as Excel writes a filtered list."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            sheet.write(_row(1, PEOPLE).encode())
            for n in (2, 3, 4):
                sheet.write(_row(n, (f"Given{n}", f"Family{n}", f"p{n}@example.eu"), hidden=n == 3).encode())
            for n in range(5, 5 + empty_rows):
                sheet.write(f'<row r="{n}" ht="18" customHeight="1" hidden="1"/>'.encode())
            sheet.write(b"</sheetData></worksheet>")
    return path


_MEASURED = """
import re, sys
from pathlib import Path
from iurc_desktop.exchange.imports.people import read_sheet
sheet = read_sheet(Path(sys.argv[1]))
status = Path("/proc/self/status").read_text()
print(list(sheet.source.hidden), len(sheet.tables[0].rows), re.search(r"VmHWM:\\s*(\\d+) kB", status).group(1))
"""


def test_hidden_rows_are_read_streaming_in_bounded_memory(tmp_path: Path) -> None:
    """200,000 hidden rows with a height each: read as they stream by, in the memory of any small import."""
    path = _hidden_heights_workbook(tmp_path / "filtered.xlsx", 200_000)
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", _MEASURED, str(path)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})
    hidden, rows, peak_kb = done.stdout.rsplit(" ", 2)
    assert (hidden, rows) == ("[3]", "3"), done.stderr
    assert int(peak_kb) / 1024 < 150 and time.monotonic() - start < 60


GERMAN = [("Nachname", "Vorname", "E-Mail", "Übernachtungen", "Kosten", "Bemerkung")] + [
    (family, given, f"{given.lower()}@example.de", str(i % 3 + 1), f"{i + 1},5", "vegetarisch" if i % 2 else "")
    for i, (family, given) in enumerate([("Müller", "Jürgen"), ("Schmidt", "Anna"), ("Weber", "Lena"),
                                          ("Fischer", "Paul"), ("Wagner", "Eva"), ("Becker", "Tom")])]
FRENCH = [("Nom", "Prénom", "Courriel", "Montant (EUR, TTC)")] + [
    ("Dupont", "Élodie", "elodie@example.fr", "12,50"), ("Martin", "Luc", "luc@example.fr", "7,25"),
    ("Petit", "Anaïs", "anais@example.fr", "3,75")]
ENGLISH = [("Name", "Email", "Organisation", "Amount")] + [
    ("Ane Etxeberria", "ane@example.eus", "Basque Country; Bilbao office", "1.5"),
    ("Jan Janssens", "jan@example.be", "City of Ghent", "2,5"), ("Lea Novak", "lea@example.si", "Ljubljana", "3")]
TABS = [("Name", "Email", "Organisation")] + [("Dupont, Élodie", "elodie@example.fr", "Ville de Lyon, service international"),
                                              ("Novak, Lea", "lea@example.si", "Ljubljana")]


def _text(rows: list[tuple[str, ...]], delimiter: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize(("rows", "delimiter"), [(GERMAN, ";"), (FRENCH, ";"), (ENGLISH, ","), (TABS, "\t")])
def test_the_delimiter_is_the_one_that_splits_lines_consistently(rows: list[tuple[str, ...]], delimiter: str) -> None:
    """German and French Excel (`;`, decimal commas, an empty last column), `,` files, tab files."""
    assert sniff_delimiter(_text(rows, delimiter)) == delimiter


def test_csv_sniffer_is_not_relied_on() -> None:
    """The standard library's sniffer gets the German file right but gives up on a `,` file whose text holds `;`."""
    assert csv.Sniffer().sniff(_text(GERMAN, ";"), delimiters=",;\t|").delimiter == ";"
    with pytest.raises(csv.Error, match="Could not determine delimiter"):
        csv.Sniffer().sniff(_text(ENGLISH, ","), delimiters=",;\t|")


def test_a_german_excel_file_is_read_in_its_columns(tmp_path: Path) -> None:
    path = tmp_path / "teilnehmer.csv"
    path.write_bytes(_text(GERMAN, ";").encode("cp1252"))
    sheet = read_sheet(path)
    assert (sheet.encoding, sheet.delimiter) == ("cp1252", ";")
    assert sheet.tables[0].header == GERMAN[0][:5] + ("Bemerkung",)
    assert sheet.tables[0].rows[0][1][:5] == ("Müller", "Jürgen", "jürgen@example.de", "1", "1,5")


NAMES = ["Émile Zola", "Zoë Kravitz", "Łucja Wójcik", "José Núñez", "Søren Kierkegaard", "Åsa Ångström",
         "François Hollande", "Jürgen Klopp", "Hélène Cixous", "Ōe Kenzaburō", "Nuño Pérez"]


def _mixed() -> bytes:
    """A UTF-8 roster in which two names were pasted in cp1252 (rows 7 and 12)."""
    lines = [b"Name,Email"]
    for i, name in enumerate(NAMES):
        encoding = "cp1252" if name in ("François Hollande", "Nuño Pérez") else "utf-8"
        lines.append(f"{name},p{i}@example.eu".encode(encoding))
    return b"\n".join(lines) + b"\n"


def test_a_mostly_utf8_file_stays_utf8_and_names_the_rows_with_other_bytes(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(_mixed())
    sheet = read_sheet(path)
    names = [cells[0] for _, cells in sheet.tables[0].rows]
    assert sheet.encoding == "utf-8" and names[0] == "Émile Zola" and names[9] == "Ōe Kenzaburō"
    assert names[6] == "Fran?ois Hollande" and names[10] == "Nu?o P?rez"
    assert sheet.source.not_utf8 == (8, 12)
    assert sheet.source.notes() == ("rows 8 and 12 had bytes that are not UTF-8; shown with ?",)


def test_a_mostly_utf8_file_with_old_mac_line_ends_stays_utf8() -> None:
    text = decode_bytes(_mixed().replace(b"\n", b"\r"))
    assert text.encoding == "utf-8" and text.lossy and "Émile Zola" in text.text


def test_real_cp1252_and_cp932_files_still_decode_as_such() -> None:
    western = "\n".join(f"{name},p{i}@example.eu" for i, name in enumerate(NAMES[:9] + ["Nuño Pérez"]))
    western = western.replace("Łucja Wójcik", "Lucja Wojcik").replace("Ōe Kenzaburō", "Oe")
    assert decode_bytes(western.encode("cp1252")) == (western, "cp1252", False)
    japanese = "氏名,メール\n髙橋　一郎,ichiro@example.jp\n山田　花子,hanako@example.jp\n浜松市～①,x@example.jp\n"
    assert decode_bytes(japanese.encode("cp932")) == (japanese, "cp932", False)
