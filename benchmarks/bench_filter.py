"""Filter keystrokes over 100,000 people: the People page's queries vs the same SQL through raw sqlite3.

Usage: python benchmarks/bench_filter.py [N] [DB]
One keystroke is what the page asks: the count of matches and the first window of
100 rows sorted by name (`core.people.listing`). For each query the app's keystroke
and its baseline alternate run by run: the very SQL the app issued (through the
trigram index, a two-character word as the trigrams it starts) replayed through the raw sqlite3 module, and, for contrast, the
LIKE scan every keystroke was before the index. Goals: median <= 15 ms, worst <= 40 ms.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generate_people import generate
from sqlalchemy import event

from iurc_desktop.core.db import open_database
from iurc_desktop.core.paging import ListQuery
from iurc_desktop.core.people.listing import count_people, list_people
from iurc_desktop.core.textfold import fold

QUERIES = ["lind", "Lindström", "suzuki", "鈴木", "park 4", "umea", "zz-no-match", "e"]
RUNS = 5
GOALS = (15.0, 40.0)  # median, worst (ms)


def _ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _like_scan(raw: sqlite3.Connection, text: str) -> None:
    """The keystroke before the index: a LIKE over every person's (and organisation's) search text."""
    words = [f"%{w}%" for w in fold(text).split()]
    match = " AND ".join(
        "(p.search_text LIKE ? OR p.organisation_id IN (SELECT id FROM organisations WHERE search_text LIKE ?))" for _ in words
    ) or "1"
    args = [w for w in words for _ in (0, 1)]
    raw.execute(f"SELECT count(*) FROM people p WHERE {match}", args).fetchone()
    raw.execute(f"SELECT p.*, o.name, o.country FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id "
                f"WHERE {match} ORDER BY lower(p.family_name || ' ' || p.given_name), p.id LIMIT 100", args).fetchall()


def _line(name: str, samples: list[float]) -> str:
    return f"{name} median {statistics.median(samples):.1f} ms (min {min(samples):.1f}, max {max(samples):.1f})"


def main(count: int, path: Path) -> None:
    if not path.exists():
        t0 = time.perf_counter()
        generate(count, path)
        print(f"generated {count:,} people in {time.perf_counter() - t0:.1f} s")
    db = open_database(f"sqlite:///{path}")  # migrated (the index built) before timing
    raw = sqlite3.connect(path)
    issued: list[tuple[str, tuple[object, ...]]] = []
    event.listen(db.engine, "before_cursor_execute", lambda _c, _cur, sql, params, *_: issued.append((sql, tuple(params))))

    def keystroke(text: str) -> None:
        with db.reading() as s:
            count_people(s, text)
            list_people(s, ListQuery(text=text, sort="name", limit=100))

    app_all, raw_all, scan_all = [], [], []
    for text in QUERIES:
        issued.clear()
        keystroke(text)  # not timed: warms the caches and records the SQL to replay
        replay = [(sql, params) for sql, params in issued if sql.lstrip().upper().startswith("SELECT")]
        app, bare, scan = [], [], []
        for _ in range(RUNS):
            app.append(_ms(lambda: keystroke(text)))
            bare.append(_ms(lambda: [raw.execute(sql, params).fetchall() for sql, params in replay]))
            scan.append(_ms(lambda: _like_scan(raw, text)))
        app_all += app
        raw_all += bare
        scan_all += scan
        print(f"  {text!r:14} {_line('app', app)} | raw sqlite3 same SQL {statistics.median(bare):.1f} ms"
              f" | LIKE scan (before) {statistics.median(scan):.1f} ms")
    median, worst = statistics.median(app_all), max(statistics.median(app_all[i:i + RUNS]) for i in range(0, len(app_all), RUNS))
    ratio = median / statistics.median(raw_all)
    ok = "OK" if median <= GOALS[0] and worst <= GOALS[1] else "MISSED"
    print(f"filter keystroke over {count:,} people: app median {median:.1f} ms (min {min(app_all):.1f}, max {max(app_all):.1f}),"
          f" worst query {worst:.1f} ms | raw sqlite3 same SQL {statistics.median(raw_all):.1f} ms | ratio {ratio:.2f}x"
          f" | LIKE scan before {statistics.median(scan_all):.1f} ms | goal median <= {GOALS[0]:.0f} ms, worst <= {GOALS[1]:.0f} ms  {ok}")
    db.dispose()


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    main(n, Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp()) / "people.db")
