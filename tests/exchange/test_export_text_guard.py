"""No stored text can break an exported file: control characters go, formula look-alikes stay text."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import func, update

from iurc_desktop.core.db import open_database
from iurc_desktop.core.models import Event, Group, Item, Organisation, Participation, Person, Stay, TravelLeg
from iurc_desktop.core.programme.demo import demo_path
from iurc_desktop.exchange.rosters.table import CONTROL
from tests.cli_support import run

EVENT = "r2r-japan-2022"
HOSTILE_ORG = "Aichi\x00\x01\x07 ＝HYPERLINK(\"x\")"
HOSTILE_TITLE = "Visit\x1b[31m to Japan"
HOSTILE_GIVEN = "＋cmd|' /C calc'!A0"
HOSTILE_DIET = "\x0bvegetarian\x7f"


@pytest.fixture
def hostile_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The demo with hostile text stored as a database written before the text gate (which now refuses it) holds it."""
    data = json.loads(demo_path().read_text(encoding="utf-8"))
    next(p for p in data["people"] if p["key"] == "ane")["organisation"] = "aichi"
    path = tmp_path / "demo.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'hostile.db'}"
    code, _, err = run(capsys, "--db", url, "load", str(path))
    assert code == 0, err
    db = open_database(url)
    with db.transaction() as s:
        s.execute(update(Organisation).where(Organisation.key == "aichi").values(name=HOSTILE_ORG))
        s.execute(update(Event).where(Event.code == EVENT).values(title=HOSTILE_TITLE))
        s.execute(update(Person).where(Person.key == "ane").values(given_name=HOSTILE_GIVEN, dietary=HOSTILE_DIET))
    db.dispose()
    return url


def _exports(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[Path]:
    made = []
    for name, args in {
        "report.xlsx": ("export", "report"),
        "roster.xlsx": ("export", "roster", EVENT, "--kind", "participants", "--include-sensitive"),
        "roster.csv": ("export", "roster", EVENT, "--kind", "participants", "--include-sensitive"),
        "needs.xlsx": ("export", "roster", EVENT, "--kind", "needs"),
    }.items():
        out = tmp_path / name
        code, _, err = run(capsys, "--db", url, *args, "-o", str(out))
        assert code == 0, err
        made.append(out)
    return made


def _texts(path: Path) -> list[str]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [cell for row in csv.reader(handle) for cell in row]
    texts = [str(v) for ws in load_workbook(path).worksheets for row in ws.iter_rows(values_only=True) for v in row if v]
    calamine = CalamineWorkbook.from_path(str(path))
    texts += [str(v) for name in calamine.sheet_names for row in calamine.get_sheet_by_name(name).to_python() for v in row]
    return texts


def test_every_export_reads_in_two_readers_with_no_control_character(hostile_db: str, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    for path in _exports(hostile_db, tmp_path, capsys):
        texts = _texts(path)
        assert not [t for t in texts if CONTROL.search(t)], path.name
    assert "Visit[31m to Japan" in " ".join(_texts(tmp_path / "roster.xlsx"))  # the title, without its ESC


def test_fullwidth_formula_look_alikes_stay_text(hostile_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _exports(hostile_db, tmp_path, capsys)
    csv_cells = _texts(tmp_path / "roster.csv")
    assert any(c.startswith("'" + HOSTILE_GIVEN) for c in csv_cells)  # neutralised like an ASCII '+'
    cells = [c for ws in load_workbook(tmp_path / "roster.xlsx").worksheets for row in ws.iter_rows() for c in row]
    named = [c for c in cells if isinstance(c.value, str) and c.value.startswith(HOSTILE_GIVEN)]
    assert named and all(c.data_type == "s" for c in named)


# Every C0 and C1 control character and DEL, and a formula look-alike in front: what a database written before the
# text gate (or by another program) may hold in any free-text field.
EVERY_CONTROL = "".join(map(chr, [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]))
FREE_TEXT = {
    Organisation: ("name", "local_name", "place", "notes"),
    Event: ("title", "theme", "description", "organiser_name"),
    Person: ("given_name", "family_name", "local_name", "job_title", "phone", "dietary", "accessibility", "notes"),
    Group: ("name",), Item: ("title", "place", "notes"), Stay: ("hotel",), Participation: ("notes",),
    TravelLeg: ("carrier", "number", "booking_ref", "from_place", "to_place"),
}
ROSTERS = {"participants": (), "host": ("--item", "aichi-visit"), "rooming": (), "arrivals": (), "needs": ()}


@pytest.fixture
def every_field_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The demo with each free-text field of every record starting with a fullwidth '=' and ending in every control."""
    url = f"sqlite:///{tmp_path / 'every.db'}"
    assert run(capsys, "--db", url, "load", str(demo_path()))[0] == 0
    db = open_database(url)
    with db.transaction() as s:
        for model, columns in FREE_TEXT.items():
            table = model.__table__
            s.execute(update(table).values({c: "\uff1d" + func.coalesce(table.c[c], "") + EVERY_CONTROL for c in columns}))
    db.dispose()
    return url


def test_every_roster_and_the_report_read_in_both_readers_with_every_control_in_every_field(
        every_field_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    written = []
    for kind, extra in ROSTERS.items():
        for suffix in (".xlsx", ".csv"):
            out = tmp_path / f"{kind}{suffix}"
            code, _, err = run(capsys, "--db", every_field_db, "export", "roster", EVENT, "--kind", kind, *extra,
                               "--include-sensitive", "-o", str(out))
            assert code == 0, err
            written.append(out)
    assert run(capsys, "--db", every_field_db, "export", "report", "-o", str(tmp_path / "report.xlsx"))[0] == 0
    written.append(tmp_path / "report.xlsx")
    for path in written:
        texts = _texts(path)
        assert any("\uff1d" in t for t in texts), path.name  # the hostile fields are in the file
        assert not [t for t in texts if CONTROL.search(t)], path.name
        if path.suffix == ".csv":
            assert not [t for t in texts if t.startswith("\uff1d")], path.name  # neutralised with a leading '
        else:
            cells = [c for ws in load_workbook(path).worksheets for row in ws.iter_rows() for c in row]
            assert not [c for c in cells if c.data_type == "f"], path.name
