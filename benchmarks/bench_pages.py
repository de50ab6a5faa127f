"""First open of every page and event tab at 1x, 10x and 100x of a generated programme.

Each measurement is a fresh offscreen process: it opens the main window on the
database (untimed, until idle), then times one thing until the window is idle
again (no SQL statement for 200 ms while Qt's events are processed), and counts
the SQL statements run meanwhile:

- a navigation page: `show_page(key)`; the home page is the window itself
  (`MainWindow(db)` and `show()`), since the window opens on it;
- an event tab: `open_event(code)` (untimed) then `event_page.select_tab(key)`;
  the overview is `open_event(code)` itself. The tabs are those of an ordinary
  study visit; the world clock is that of a webinar.

Scales are alternated run by run. The databases are generated once and reused:

    benchmarks/generate_programme.py N /tmp/scale/pN.json --db /tmp/scale/pN.db   (N = 1, 10, 100)
    .venv/bin/python benchmarks/bench_pages.py [--runs 3] [--scales 1 10 100] [--only people checks]
                                               [--timeout 180] [--budget 45]

A scale whose database is missing or not fully loaded is left out (said so). A
page or tab whose process takes over --timeout seconds is not measured again at
that scale or above; no run starts that would end after --budget minutes.
Goal per page and tab: first open at the largest scale <= 1.5x at 1x, and equal
statement counts (the fewest of the runs at each scale). It also prints the home page shown against a bare window with
a table (bench_startup.py, goal <= 3x).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path("/tmp/scale")
VISIT = "r2r-japan-2022"  # an ordinary study visit (copy 0 keeps the demo's codes at every scale)
WEBINAR = "cluster-energy-webinar-2026"
PAGES = ("home", "events", "people", "organisations", "programme", "dashboard", "duplicates")
TABS = ("overview", "participants", "itinerary", "travel", "worldclock", "checks", "exports")
TAB_KEYS = {"overview": "event"}  # the overview tab's key on the event page
QUIET = 0.2  # seconds without a statement after which the window counts as idle
RATIO_GOAL = 1.5


@dataclass(frozen=True)
class Target:
    """One thing to open: a navigation page or an event tab."""

    kind: str  # "page" or "tab"
    key: str

    @property
    def label(self) -> str:
        return f"{self.kind} {self.key}"


def targets(only: list[str] | None) -> list[Target]:
    """The pages and tabs to measure (all, or those named in `only`)."""
    every = [Target("page", k) for k in PAGES] + [Target("tab", k) for k in TABS]
    return [t for t in every if not only or t.key in only]


# --- the child: one measurement in a fresh process ------------------------------------
def child(db_path: str, kind: str, key: str) -> None:
    """Open the window on `db_path`, time the first open of one page or tab, print it as JSON."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import event as sa_event

    from iurc_desktop.core.db import open_database
    from iurc_desktop.ui.shell.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    db = open_database(f"sqlite:///{db_path}")
    seen: list[float] = []
    sa_event.listen(db.engine, "before_cursor_execute", lambda *_args: seen.append(time.perf_counter()))

    def until_idle(start: float, before: int) -> tuple[float, int]:
        """Process Qt's events until no statement ran for QUIET seconds; (seconds from `start` to the last activity,
        statements since the `before`-th)."""
        seen_before = len(seen)
        last = time.perf_counter()  # the action returned
        while True:
            app.processEvents()
            now = time.perf_counter()
            if len(seen) != seen_before:  # statements ran (here or on a worker thread): their results were just shown
                seen_before, last = len(seen), now
            elif now - last > QUIET:
                return last - start, len(seen) - before
            time.sleep(0.002)

    if kind == "page" and key == "home":
        start = time.perf_counter()
        window = MainWindow(db, viewer_zone="Europe/Brussels")
        window.show()
        seconds, count = until_idle(start, 0)
    else:
        window = MainWindow(db, viewer_zone="Europe/Brussels")
        window.show()
        until_idle(time.perf_counter(), len(seen))
        start, before = time.perf_counter(), len(seen)
        if kind == "page":
            window.show_page(key)
        elif key == "overview":
            window.open_event(VISIT)
        else:
            window.open_event(WEBINAR if key == "worldclock" else VISIT)
            until_idle(time.perf_counter(), len(seen))
            start, before = time.perf_counter(), len(seen)
            window.event_page.select_tab(TAB_KEYS.get(key, key))
        seconds, count = until_idle(start, before)
    print(json.dumps({"ms": seconds * 1000, "statements": count}), flush=True)
    window.close()
    db.dispose()


# --- the parent: alternate scales run by run ------------------------------------------
def ready(folder: Path, scale: int) -> Path | None:
    """The database of `scale` when it is fully loaded (all its seasons' events), else None."""
    path = folder / f"p{scale}.db"
    if not path.exists():
        return None
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as conn:
            events = conn.execute("SELECT count(*) FROM events WHERE code LIKE ?", (f"{VISIT}%",)).fetchone()[0]
    except sqlite3.Error:
        return None
    return path if events == scale else None


def measure(db: Path, target: Target, env: dict[str, str], timeout: float) -> tuple[float, int] | None:
    """(ms, statements) of one first open in a fresh process; None when the child failed; TimeoutError when it hung."""
    cmd = [sys.executable, __file__, "--child", str(db), target.kind, target.key]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise TimeoutError(f"{target.label} at {db.name}: no answer in {timeout:.0f} s") from None
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode or not lines:
        print(f"  {target.label} at {db.name}: failed ({done.returncode}): {done.stderr.strip()[-300:]}", flush=True)
        return None
    result = json.loads(lines[-1])
    return result["ms"], result["statements"]


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):7.0f} ms (min {min(values):.0f}, max {max(values):.0f})"


def report(target: Target, runs: dict[int, list[tuple[float, int]]], stuck: int | None, timeout: float) -> bool:
    """Print one target's figures per scale and its verdict; True when it meets the goal."""
    scales = sorted(s for s in runs if runs[s])
    parts = []
    for scale in scales:
        ms = [m for m, _ in runs[scale]]
        counts = sorted({c for _, c in runs[scale]})
        parts.append(f"{scale}x {spread(ms)} {'/'.join(map(str, counts))} stmts")
    if stuck is not None:
        parts.append(f"{stuck}x over {timeout:.0f} s (not measured further)")
        print(f"{target.label:20} {' | '.join(parts)} | goal <= {RATIO_GOAL}x, equal  OVER", flush=True)
        return False
    if len(scales) < 2:
        print(f"{target.label:20} {' | '.join(parts)} | not enough scales")
        return False
    low, high = scales[0], scales[-1]
    ratio = statistics.median(m for m, _ in runs[high]) / statistics.median(m for m, _ in runs[low])
    # the fewest statements of each scale: a periodic read of the window's own (team mode) may fall into a run
    same = min(c for _, c in runs[low]) == min(c for _, c in runs[high])
    ok = ratio <= RATIO_GOAL and same
    print(f"{target.label:20} {' | '.join(parts)} | ratio {high}x/{low}x {ratio:.2f}x, statements "
          f"{'equal' if same else 'differ'} | goal <= {RATIO_GOAL}x, equal  {'OK' if ok else 'OVER'}", flush=True)
    return ok


def startup(runs: int) -> None:
    """The home page shown against a bare window with a table (bench_startup.py, its own alternation)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_startup import main as startup_main

    startup_main(["--runs", str(runs)])


def available(folder: Path, scales: list[int]) -> dict[int, Path]:
    """The databases of `scales` that are ready; the others are named with the command that makes them."""
    dbs = {}
    for scale in scales:
        path = ready(folder, scale)
        if path is None:
            print(f"{scale}x: {folder / f'p{scale}.db'} is missing or not fully loaded; left out "
                  f"(benchmarks/generate_programme.py {scale} {folder}/p{scale}.json --db {folder}/p{scale}.db)")
        else:
            dbs[scale] = path
    return dbs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--folder", type=Path, default=FOLDER, help="where the pN.db databases are")
    parser.add_argument("--only", nargs="+", help="page or tab keys to measure (default: all)")
    parser.add_argument("--timeout", type=float, default=180, help="seconds a child may take; a page or tab over it "
                        "is not measured again at that scale or above")
    parser.add_argument("--budget", type=float, default=45, help="minutes: no run starts that would end after them")
    parser.add_argument("--no-startup", action="store_true", help="leave out the home page vs bare window comparison")
    args = parser.parse_args(argv)
    dbs = available(args.folder, args.scales)
    chosen = targets(args.only)
    results: dict[Target, dict[int, list[tuple[float, int]]]] = {t: {s: [] for s in dbs} for t in chosen}
    stuck: dict[Target, int] = {}  # the smallest scale at which a target timed out
    began, done = time.perf_counter(), 0
    with tempfile.TemporaryDirectory(prefix="iurc-bench-") as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=f"{tmp}/config", XDG_DATA_HOME=f"{tmp}/data")
        for run in range(args.runs):
            elapsed = time.perf_counter() - began
            if run and elapsed / run * (run + 1) > args.budget * 60:
                print(f"stopped after {run} runs: another would pass the {args.budget:.0f}-minute budget")
                break
            order = sorted(dbs) if run % 2 == 0 else sorted(dbs, reverse=True)  # alternate which scale goes first
            for target in chosen:
                for scale in order:
                    if scale >= stuck.get(target, scale + 1):
                        continue
                    try:
                        result = measure(dbs[scale], target, env, args.timeout)
                    except TimeoutError as exc:
                        print(f"  run {run + 1}: {exc}", flush=True)
                        stuck[target] = scale
                        continue
                    if result is not None:
                        results[target][scale].append(result)
                        print(f"  run {run + 1}: {target.label} at {scale}x: {result[0]:.0f} ms, {result[1]} statements",
                              flush=True)
            done = run + 1
    print(f"first open, {done} runs, scales {'/'.join(f'{s}x' for s in sorted(dbs))} alternated, "
          f"each in a fresh process ({time.perf_counter() - began:.0f} s):")
    met = sum(report(t, results[t], stuck.get(t), args.timeout) for t in chosen)
    print(f"{met} of {len(chosen)} pages and tabs meet the goal")
    if not args.no_startup and not args.only:
        startup(3)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(*sys.argv[2:])
    else:
        raise SystemExit(main())
