"""An import takes out what no stored value may hold, and the preview names the row and column it came from.

A real export with a stray bell in a notes cell imports (refusing it would only be in
the way); what is stored is clean, and the preview's notes say where each character was,
never what the cell said.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from iurc_desktop.app import imports as app_imports
from iurc_desktop.core.models import Event, Person
from iurc_desktop.core.registrations import participations as reg
from iurc_desktop.exchange.imports.cell_text import SHOWN
from iurc_desktop.exchange.imports.people import plan_import


@pytest.fixture
def visit(db):  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        s.add(Event(code="sv", kind="study_visit", title="Visit", zone="Asia/Tokyo", start_date=date(2026, 10, 18),
                    end_date=date(2026, 10, 24)))
    return db


def _stored(db) -> dict[str | None, tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return {p.email: (p.given_name, p.family_name, p.notes) for p in s.query(Person)}


def test_a_csv_with_control_characters_imports_clean_and_the_preview_names_row_and_column(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "registrations.csv"
    path.write_bytes("First Name,Last Name,Email,Notes\n"
                     "Ana,Lopez,ana@example.org,needs\x07 a ramp\n"
                     "Bo\x1b[2J,Li\u2028Wei,bo@example.org,\x00late\n"
                     "Cy,Ng,cy@example.org,fine\n".encode())
    with visit.transaction() as s:
        plan = plan_import(s, "sv", path)
    assert plan.rejected == []
    assert plan.notes == (
        "row 2, column Notes: a control character (U+0007) taken out (no stored value may hold it); the rest of the cell is imported",
        "row 3, column First Name: a control character (U+001B) taken out (no stored value may hold it); the rest of the cell is imported",
        "row 3, column Last Name: a Unicode line separator (U+2028) taken out (no stored value may hold it); the rest of the cell is imported",
        "row 3, column Notes: a control character (U+0000) taken out (no stored value may hold it); the rest of the cell is imported",
    )
    assert {r.name for r in plan.rows} == {"Ana Lopez", "Bo[2J Li Wei", "Cy Ng"}
    app_imports.apply_import(visit, plan)
    stored = _stored(visit)
    assert stored["ana@example.org"] == ("Ana", "Lopez", "needs a ramp")
    assert stored["bo@example.org"] == ("Bo[2J", "Li Wei", "late")
    assert stored["cy@example.org"] == ("Cy", "Ng", "fine")


def test_a_workbook_with_c1_direction_and_bom_characters_imports_clean(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wb = Workbook()
    ws = wb.active
    ws.append(["Name", "Email", "Job title"])
    ws.append(["Jan\u202e Janssens", "jan@example.be", "Mayor\x85 of Gent"])
    ws.append(["\ufeffEva Berg", "eva@example.se", "Officer"])
    wb.save(tmp_path / "hosts.xlsx")
    with visit.transaction() as s:
        plan = plan_import(s, "sv", tmp_path / "hosts.xlsx")
    assert [n.split(":")[0] for n in plan.notes] == ["row 2, column Name", "row 2, column Job title", "row 3, column Name"]
    assert "text-direction control (U+202E)" in plan.notes[0] and "byte-order mark (U+FEFF)" in plan.notes[2]
    app_imports.apply_import(visit, plan)
    with visit.reading() as s:
        people = {p.email: (p.given_name, p.family_name, p.job_title) for p in s.query(Person)}
    assert people == {"jan@example.be": ("Jan", "Janssens", "Mayor of Gent"), "eva@example.se": ("Eva", "Berg", "Officer")}


def test_many_changed_cells_are_counted_beyond_the_first_ones(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "many.csv"
    rows = "".join(f"P{i},Q,p{i}@example.org,bell\x07\n" for i in range(SHOWN + 10))
    path.write_text("First Name,Last Name,Email,Notes\n" + rows, encoding="utf-8")
    with visit.transaction() as s:
        plan = plan_import(s, "sv", path)
    assert len(plan.notes) == SHOWN + 1
    assert plan.notes[-1] == "… and 10 more cells with characters taken out"
    assert plan.notes[0].startswith("row 2, column Notes:")


def test_a_header_with_a_control_character_is_named_with_escapes(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "header.csv"
    path.write_text("First\x1b[8m Name,Last Name,Email\nAna\x07,Lopez,ana@example.org\n", encoding="utf-8")
    with visit.transaction() as s:
        plan = plan_import(s, "sv", path, mapping={"First\x1b[8m Name": "given_name"})
    assert [note.split(":")[0] for note in plan.notes] == ["row 2, column First\\x1b[8m Name"]


def test_an_attendance_report_takes_them_out_too(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        s.add(Event(code="web", kind="webinar", title="Webinar", zone="Europe/Brussels", start_date=date(2026, 3, 24),
                    end_date=date(2026, 3, 24)))
        s.flush()
        person = Person(given_name="Ane", family_name="Etxeberria", email="ane@example.eus")
        s.add(person)
        s.flush()
        reg.register(s, "web", person.id, status="registered")
    path = tmp_path / "attendance.csv"
    path.write_text("Name,Email,Join Time,Leave Time\n"
                    "Ane Etxeberria\x07,ane@example.eus,2026-03-24 10:00,2026-03-24 11:00\n", encoding="utf-8")
    with db.transaction() as s:
        plan = plan_import(s, "web", path, attendance=True)
    assert [n.split(":")[0] for n in plan.notes] == ["row 2, column Name"]
    assert [r.fate for r in plan.rows] == ["attended"]
