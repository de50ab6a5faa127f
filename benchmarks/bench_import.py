"""Importing a 10,000-row .xlsx, as a ratio to reading it raw with openpyxl plus a SQLAlchemy Core insert.

Run: .venv/bin/python benchmarks/bench_import.py   (goal: ratio <= 2)
"""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook
from sqlalchemy import insert

from iurc_desktop.app.imports import apply_import, plan_import
from iurc_desktop.core.db import open_database
from iurc_desktop.core.models import Event, Person

ROWS = 10_000
HEADER = ["First name", "Last name", "Email", "Organisation", "Job title", "Dietary requirements"]


def make_file(path: Path) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(HEADER)
    for i in range(ROWS):
        ws.append([f"Given{i}", f"Family{i}", f"person{i}@example.eu", f"City {i % 60}", "Officer", "vegetarian" if i % 7 == 0 else ""])
    wb.save(path)


def new_db(folder: Path, name: str):  # type: ignore[no-untyped-def]
    db = open_database(f"sqlite:///{folder / name}")
    with db.transaction() as s:
        s.add(Event(code="bench", kind="webinar", title="Bench", zone="Europe/Brussels", start_date=date(2026, 1, 1), end_date=date(2026, 1, 1)))
    return db


def raw(path: Path, folder: Path) -> float:
    db = new_db(folder, "raw.db")
    start = time.perf_counter()
    wb = load_workbook(path, read_only=True)
    rows = wb.worksheets[0].iter_rows(values_only=True)
    next(rows)
    dicts = [{"given_name": g, "family_name": f, "email": e, "job_title": j, "dietary": d or "", "notes": o,
              "local_name": "", "phone": "", "gender": "", "nationality": "", "accessibility": "", "name_order": "given_first"}
             for g, f, e, o, j, d in rows]
    wb.close()
    with db.engine.begin() as conn:
        conn.execute(insert(Person.__table__), dicts)
    elapsed = time.perf_counter() - start
    db.dispose()
    return elapsed


def ours(path: Path, folder: Path) -> tuple[float, float]:
    db = new_db(folder, "ours.db")
    start = time.perf_counter()
    plan = plan_import(db, "bench", path)
    planned = time.perf_counter() - start
    result = apply_import(db, plan).value
    elapsed = time.perf_counter() - start
    assert result.people_created == ROWS and result.registrations_created == ROWS
    db.dispose()
    return elapsed, planned


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "people.xlsx"
        make_file(path)
        base = min(raw(path, folder / f"r{i}") if (folder / f"r{i}").mkdir() is None else 0 for i in range(3))
        runs = []
        for i in range(3):
            (folder / f"o{i}").mkdir()
            runs.append(ours(path, folder / f"o{i}"))
        total, planned = min(runs)
        print(f"rows: {ROWS}")
        print(f"raw openpyxl read-only + Core insert: {base:.3f} s")
        print(f"plan_import + apply_import:           {total:.3f} s (plan {planned:.3f} s, apply {total - planned:.3f} s)")
        print(f"ratio: {total / base:.2f}x (goal <= 2x)")


if __name__ == "__main__":
    main()
