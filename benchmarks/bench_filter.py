"""Filter latency over a large people table: the People page's query vs raw sqlite3.

Prints, for 100,000 people (or N from argv), the time of one filter keystroke
(count + first window of 100 rows, sorted by name) through `core.people.listing`, the
same SQL through the raw sqlite3 module, and their ratio. Goal: ≤ 50 ms a keystroke.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from generate_people import generate

from iurc_desktop.core.db import open_database
from iurc_desktop.core.paging import ListQuery
from iurc_desktop.core.people.listing import count_people, list_people
from iurc_desktop.core.textfold import fold

QUERIES = ["lind", "Lindström", "suzuki", "鈴木", "park 4", "umea", "zz-no-match", "e"]


def _time(fn, repeats: int = 5) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main(count: int) -> None:
    path = Path(tempfile.mkdtemp()) / "people.db"
    t0 = time.perf_counter()
    generate(count, path)
    print(f"generated {count:,} people in {time.perf_counter() - t0:.1f} s")
    db = open_database(f"sqlite:///{path}")
    raw = sqlite3.connect(path)
    app_times, raw_times = [], []
    for text in QUERIES:
        def app() -> None:
            with db.reading() as s:
                count_people(s, text)
                list_people(s, ListQuery(text=text, sort="name", limit=100))

        words = [f"%{w}%" for w in fold(text).split()]
        match = " AND ".join(
            "(p.search_text LIKE ? OR p.organisation_id IN (SELECT id FROM organisations WHERE search_text LIKE ?))" for _ in words
        ) or "1"
        args = [w for w in words for _ in (0, 1)]

        def bare() -> None:  # the same SQL as the service issues, through the raw driver
            raw.execute(f"SELECT count(*) FROM people p WHERE {match}", args).fetchone()
            raw.execute(f"SELECT p.*, o.name, o.country FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id "
                        f"WHERE {match} ORDER BY lower(p.family_name || ' ' || p.given_name), p.id LIMIT 100", args).fetchall()

        a, b = _time(app), _time(bare)
        app_times.append(a)
        raw_times.append(b)
        print(f"  {text!r:16} app {a * 1000:6.1f} ms   raw sqlite3 {b * 1000:6.1f} ms   ratio {a / b:4.2f}")
    print(f"filter keystroke over {count:,} people: median {statistics.median(app_times) * 1000:.1f} ms, "
          f"worst {max(app_times) * 1000:.1f} ms (goal ≤ 50 ms); ratio to raw sqlite3 {sum(app_times) / sum(raw_times):.2f}")
    db.dispose()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
