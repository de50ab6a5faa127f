"""Workbook cells read as written: brackets in names kept, formula cells read as their text, never evaluated."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from iurc_desktop.app import imports as app_imports
from iurc_desktop.core.models import Event, Person
from iurc_desktop.exchange.imports.people import plan_import
from iurc_desktop.exchange.imports.values import clean_display_name

EVIL = "=cmd|' /C calc'!A0"


@pytest.fixture
def visit(db):  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        s.add(Event(code="sv", kind="study_visit", title="Visit", zone="Asia/Tokyo", start_date=date(2026, 10, 18),
                    end_date=date(2026, 10, 24)))
    return db


def _names(db) -> dict[str | None, str]:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return {p.email: f"{p.given_name} {p.family_name}".strip() for p in s.query(Person)}


def test_names_with_brackets_and_formula_cells_arrive_as_their_text(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wb = Workbook()
    ws = wb.active
    ws.append(["Name", "Email", "Job title"])
    ws.append(["@SUM(A1:A2)", "sum@example.eu", "Officer"])
    ws.append([EVIL, "calc@example.eu", "=1+1"])  # stored as formulas: openpyxl writes '=' text as a formula
    ws.append(["Jan Janssens (Guest)", "jan@example.be", "Mayor"])
    assert ws["A3"].data_type == "f"
    wb.save(tmp_path / "f.xlsx")
    with visit.transaction() as s:
        plan = plan_import(s, "sv", tmp_path / "f.xlsx")
        assert plan.rejected == []
    app_imports.apply_import(visit, plan)
    names = _names(visit)
    assert names["sum@example.eu"] == "@SUM(A1:A2)"
    assert names["calc@example.eu"] == EVIL
    assert names["jan@example.be"] == "Jan Janssens"
    with visit.reading() as s:
        assert s.query(Person).filter_by(email="calc@example.eu").one().job_title == "=1+1"


@pytest.mark.parametrize(("cell", "name"), [
    ("@SUM(A1:A2)", "@SUM(A1:A2)"),
    ("Jan (Brussels)", "Jan (Brussels)"),
    ("Person Two (Guest)", "Person Two"),
    ("田中 結衣（ゲスト）", "田中 結衣"),
    ("김민준 (게스트)", "김민준"),
    ("Ane Etxeberria (Unverified)", "Ane Etxeberria"),
    ("JANSSENS JAN (EXT)", "JANSSENS JAN"),
    ("015_Loki (Loki Laufeyson)", "Loki Laufeyson"),
])
def test_only_the_tags_meeting_tools_add_are_cut_from_a_name(cell: str, name: str) -> None:
    assert clean_display_name(cell) == name
