"""Whole-process time of `todo`, `search` and `check` at 1x, 10x and 100x of the generated programme.

Run: .venv/bin/python benchmarks/bench_commands.py [--runs 3] [--scales 1 10 100] [--folder /tmp/scale]

Each scale's database is generated once (benchmarks/generate_programme.py, ordinary events) as
FOLDER/pN.json and FOLDER/pN.db and reused; a scale whose database is still being written elsewhere
is left out, saying so. Every run is a fresh `python -m iurc_desktop` process (start-up included, as a
person waits for it), the scales alternated run by run so the machine's load hits all alike. The SQL
statements of each command are counted once per scale, in a process of their own. `todo` is run as on
TODAY, so that the same events are still to come whenever the benchmark runs.

Goal: at the largest scale at most 1.3x the time at 1x (medians), and the same statement count at every scale.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

GOAL = 1.3
TODAY = "2026-12-01"
EVENTS_PER_SEASON = 6  # core/programme/scaled.py: the demo's events, once per season
COMMANDS = {
    "todo": ("todo", "--today", TODAY, "--event", "r2r-korea-2027"),  # the to-do of an ordinary event
    "todo (all events)": ("todo", "--today", TODAY),  # grows with the events to come: shown, not held to the goal
    "search": ("search", "hydrogen"),
    "check": ("check", "r2r-korea-2027"),  # an ordinary study visit: participants, items, travel and stays
}
GOALS = ("todo", "search", "check")  # an ordinary event's: the whole to-do list is shown for scale only
# Runs one command in this process with every statement counted; prints the count last.
_COUNTING = """
import contextlib, io, sys
from sqlalchemy import Engine, event
seen = []
event.listen(Engine, "before_cursor_execute", lambda *args: seen.append(1))
from iurc_desktop.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(sys.argv[1:])
print(len(seen))
"""


def database(folder: Path, times: int) -> Path | None:
    """The scale's database, generated when absent; None while another process is still writing it."""
    db = folder / f"p{times}.db"
    if not db.exists():
        folder.mkdir(parents=True, exist_ok=True)
        print(f"generating {times}x into {db} (once)…", flush=True)
        subprocess.run([sys.executable, str(Path(__file__).with_name("generate_programme.py")), str(times),
                        str(folder / f"p{times}.json"), "--db", str(db)], check=True)
    return db if _complete(db, times) else None


def _complete(db: Path, times: int) -> bool:
    """Whether the load into `db` has committed (it writes every event in one transaction)."""
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
            return conn.execute("SELECT count(*) FROM events").fetchone()[0] == EVENTS_PER_SEASON * times
    except sqlite3.Error:
        return False


def run(db: Path, argv: tuple[str, ...]) -> float:
    """Seconds from launch to exit of one command."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "iurc_desktop", "--db", str(db), *argv], check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def statements(db: Path, argv: tuple[str, ...]) -> int:
    """The SQL statements one command runs, start-up included."""
    out = subprocess.run([sys.executable, "-c", _COUNTING, "--db", str(db), *argv], check=True,
                         capture_output=True, text=True).stdout
    return int(out.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--folder", type=Path, default=Path("/tmp/scale"))
    args = parser.parse_args()
    dbs = {}
    for times in args.scales:
        db = database(args.folder, times)
        if db is None:
            print(f"{times}x: {args.folder / f'p{times}.db'} is still being written elsewhere; left out")
        else:
            dbs[times] = db
    if 1 not in dbs or len(dbs) < 2:
        sys.exit("need the 1x database and at least one larger one")
    counts = {(name, times): statements(db, argv) for name, argv in COMMANDS.items() for times, db in dbs.items()}
    seconds: dict[tuple[str, int], list[float]] = {key: [] for key in counts}
    for _ in range(args.runs):
        for name, argv in COMMANDS.items():
            for times, db in dbs.items():  # scales alternated run by run
                seconds[(name, times)].append(run(db, argv))
    largest = max(dbs)
    for name in COMMANDS:
        parts = [f"{times}x median {statistics.median(seconds[(name, times)]):.2f} s"
                 f" (min {min(seconds[(name, times)]):.2f}, max {max(seconds[(name, times)]):.2f}),"
                 f" {counts[(name, times)]} statements" for times in dbs]
        ratio = statistics.median(seconds[(name, largest)]) / statistics.median(seconds[(name, 1)])
        same = len({counts[(name, times)] for times in dbs}) == 1
        verdict = "OK" if ratio <= GOAL and same else "OVER" if same else "OVER (statements grow)"
        goal = f"goal <= {GOAL}x, equal statements  {verdict}" if name in GOALS else "no goal: its output grows with the data"
        print(f"{name:7} " + " | ".join(parts) + f" | {largest}x/1x {ratio:.2f}x | {goal}")


if __name__ == "__main__":
    main()
