"""Importing a 10,000-row .xlsx, as a ratio to reading it raw with openpyxl plus a SQLAlchemy Core insert.

The two alternate run by run, each into a new database.
Run: .venv/bin/python benchmarks/bench_import.py   (goal: ratio of the medians <= 2)
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook
from sqlalchemy import event, insert

from iurc_desktop.app.imports import apply_import, plan_import
from iurc_desktop.core.db import open_database
from iurc_desktop.core.models import Event, Person
from timing import alternated, verdict

ROWS = 10_000
RUNS = 3
GOAL = 2.0
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
    """Seconds to read the file with openpyxl read-only and insert its people with one Core insert."""
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


def ours(path: Path, folder: Path, planned: list[float], statements: list[int]) -> float:
    """Seconds of plan_import + apply_import into a new database; the planning's share goes to `planned`, the SQL
    statements run to `statements`."""
    db = new_db(folder, "ours.db")
    seen: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda _conn, _cursor, statement, *_: seen.append(statement))
    start = time.perf_counter()
    plan = plan_import(db, "bench", path)
    planned.append(time.perf_counter() - start)
    result = apply_import(db, plan).value
    elapsed = time.perf_counter() - start
    assert result.people_created == ROWS and result.registrations_created == ROWS
    statements.append(len(seen))
    db.dispose()
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "people.xlsx"
        make_file(path)
        runs = iter(range(2 * RUNS))
        planned: list[float] = []
        statements: list[int] = []

        def fresh() -> Path:
            """A new folder for each run's database."""
            (run := folder / f"run{next(runs)}").mkdir()
            return run

        app_times, raw_times = alternated(RUNS, lambda: ours(path, fresh(), planned, statements), lambda: raw(path, fresh()))
        verdict(f"import {ROWS:,} rows (.xlsx; planning median {statistics.median(planned):.2f} s; {max(statements)} SQL statements)",
                app_times, "raw openpyxl read-only + Core insert", raw_times, GOAL, unit="s")


if __name__ == "__main__":
    main()
