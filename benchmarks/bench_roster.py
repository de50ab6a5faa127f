"""Roster export speed against raw openpyxl, and peak memory at 10,000 and 100,000 rows.

Run: .venv/bin/python benchmarks/bench_roster.py [--rows 10000] [--memory-rows 10000 100000]

The ratio compares `write_roster` (database query included) with openpyxl's
write-only mode appending the very same cell values from a list in memory, the two
alternated run by run; the goal is a ratio of the medians of at most 1.2x. Peak memory (tracemalloc) should stay flat as rows grow.
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import tracemalloc
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import insert

from iurc_desktop.core.db import Database, open_database
from iurc_desktop.core.models import Event, Group, Organisation, Participation, Person
from iurc_desktop.exchange.rosters.rosters import roster_table, write_roster
from timing import alternated, seconds, verdict

CODE = "bench"
GOAL = 1.2
COUNTRIES = ["BE", "JP", "KR", "ES", "AU", "FR", "=XX"]  # one formula-like value on purpose


def make_database(folder: Path, rows: int, name: str = "bench") -> Database:
    """A temporary SQLite database with one event and `rows` confirmed participants."""
    db = open_database(f"sqlite:///{folder / f'{name}-{rows}.db'}")
    with db.transaction() as session:
        session.execute(insert(Organisation), [
            {"key": f"org{i}", "name": f"Organisation {i}", "local_name": f"組織{i}", "kind": "city", "sector": "government",
             "country": COUNTRIES[i % len(COUNTRIES)], "zone": "Europe/Brussels"} for i in range(200)])
        event = Event(code=CODE, kind="study_visit", title="Benchmark visit", zone="Asia/Tokyo",
                      start_date=date(2026, 5, 1), end_date=date(2026, 5, 7))
        session.add(event)
        session.add_all([Group(name=g, event=event) for g in ("A", "B", "C")])
        session.flush()
        group_ids = [g.id for g in event.groups]
        for start in range(0, rows, 20000):
            batch = range(start, min(rows, start + 20000))
            session.execute(insert(Person), [
                {"id": i + 1, "given_name": f"Given{i}", "family_name": f"Family{i:06d}", "local_name": f"名前{i}",
                 "email": f"p{i}@example.eu", "organisation_id": i % 200 + 1, "dietary": "vegetarian" if i % 7 == 0 else ""}
                for i in batch])
            session.execute(insert(Participation), [
                {"event_id": event.id, "person_id": i + 1, "status": "confirmed", "role": "delegate", "group_id": group_ids[i % 3]}
                for i in batch])
    return db


def time_roster(db: Database, path: Path) -> float:
    """Seconds of `write_roster`, its database query included."""

    def roster() -> None:
        with db.reading() as session:
            write_roster(session, CODE, "participants", path)

    return seconds(roster)


def same_cells(db: Database) -> list[list[object]]:
    """The exact rows the roster writes (title, header, data), materialised for the raw baseline."""
    with db.reading() as session:
        table = roster_table(session, CODE, "participants")
        return [[table.title], table.headers, *[list(r) for r in table.rows]]


def time_raw(rows: list[list[object]], path: Path) -> float:
    """openpyxl write-only appending the same values, with nothing else (no query, no safety checks)."""

    def write() -> None:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Participants")
        for row in rows:
            ws.append(row)
        wb.save(path)

    return seconds(write)


def peak_memory(db: Database, path: Path) -> int:
    gc.collect()
    tracemalloc.start()
    with db.reading() as session:
        write_roster(session, CODE, "participants", path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--memory-rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="iurc-bench-") as tmp:
        folder = Path(tmp)
        db = make_database(folder, args.rows)
        rows = same_cells(db)
        app_times, raw_times = alternated(args.repeat, lambda: time_roster(db, folder / "ours.xlsx"),
                                          lambda: time_raw(rows, folder / "raw.xlsx"))
        verdict(f"roster of {args.rows:,} participants ({len(rows[1])} columns)", app_times, "raw openpyxl write-only",
                raw_times, GOAL)
        db.dispose()
        peaks = []
        for n in args.memory_rows:
            mdb = make_database(folder, n, "memory")
            peak = peak_memory(mdb, folder / f"mem-{n}.xlsx")
            peaks.append(peak)
            print(f"peak memory (tracemalloc) writing {n:,} rows: {peak / 1e6:.1f} MB")
            mdb.dispose()
        if len(peaks) > 1:
            print(f"memory ratio {args.memory_rows[-1]:,} / {args.memory_rows[0]:,} rows: {peaks[-1] / peaks[0]:.2f}x (flat means ~1x)")


if __name__ == "__main__":
    main()
