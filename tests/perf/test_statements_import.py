"""Importing people runs as many statements for 300 rows as for 20: rows go to the database in batches."""

from __future__ import annotations

from pathlib import Path

from iurc_desktop.app import imports as app_imports
from iurc_desktop.core.db import Database

from ..statements import count_statements

EVENT = "networking-seoul-2026"
OTHER = "r2r-japan-2022"


def _file(folder: Path, prefix: str, rows: int) -> Path:
    """A registrations file of `rows` new people (e-mails starting `prefix`)."""
    path = folder / f"{prefix}.csv"
    lines = ["First Name,Last Name,Email,Organisation,Status"]
    lines += [f"Given{i},Family{i},{prefix}{i}@example.eu,City {i % 7},registered" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _import_counts(db: Database, path: Path, created: int, event: str = EVENT) -> tuple[int, int]:
    """Statements of planning and of applying the file's import into `event`, which registers every row and
    creates `created` people."""
    plans = []
    planning = count_statements(db, lambda: plans.append(app_imports.plan_import(db, event, path)))
    results = []
    applying = count_statements(db, lambda: results.append(app_imports.apply_import(db, plans[0]).value))
    assert results[0].people_created == created and results[0].registrations_created == len(plans[0].rows)
    return planning, applying


def test_an_import_runs_as_many_statements_for_300_rows_as_for_20(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Before, SQLite inserted each new person and each registration in a statement of its own (20,055 for 10,000 rows)."""
    small = _import_counts(demo_db, _file(tmp_path, "small", 20), 20)
    large = _import_counts(demo_db, _file(tmp_path, "large", 300), 300)
    assert small == large


def test_importing_people_already_stored_runs_as_many_statements_for_300_rows_as_for_20(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The same files again into another event: every row a stored person, read 500 to a statement, not one each."""
    small, large = _file(tmp_path, "small", 20), _file(tmp_path, "large", 300)
    _import_counts(demo_db, small, 20)
    _import_counts(demo_db, large, 300)
    assert _import_counts(demo_db, small, 0, OTHER) == _import_counts(demo_db, large, 0, OTHER)
