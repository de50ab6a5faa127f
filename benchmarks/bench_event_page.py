"""An event's page: its first opening and its Overview, Participants and Exports tabs at 1x and 100x, and memory.

Each run is a fresh process (the first opening pays the imports): it opens the
main window offscreen, opens `r2r-japan-2022` (an ordinary event of 400
participants in both databases) and shows each tab, timing each step until the
GUI thread is free again and until every read has arrived (a large event's tabs
read on the page's reader thread), and counting its statements. Runs alternate
1x and 100x. Goal: a season 100 times larger costs the page no more statements
and at most 1.5x the time, and a tab holds the GUI thread for at most 0.1 s.

Memory: one process opens the event, then reopens it 20 times (each reopening
shows the three tabs); goal: its resident memory grows by less than 20 MB.

    benchmarks/bench_event_page.py [--reps 3] [--small /tmp/scale/p1.db] [--large /tmp/scale/p100.db]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

STEPS = ("open", "participants", "exports")
TIME_GOAL = 1.5
GUI_GOAL = 0.1  # seconds a tab holds the GUI thread before it is usable again (the rows follow)
MEMORY_GOAL_MB = 20.0

RUN = r"""
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from sqlalchemy import event as sa_event
from iurc_desktop.core.db import open_database
from iurc_desktop.ui.shell.main_window import MainWindow

def rss_mb():
    return int(next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1]) / 1024

app = QApplication([])
db = open_database(sys.argv[1])
seen = []
# The window's poll for other users' changes runs on its own clock: not the page's statements.
sa_event.listen(db.engine, "before_cursor_execute", lambda c, cur, sql, *a: "data_changes" in sql or seen.append(sql))
window = MainWindow(db, viewer_zone="Europe/Brussels")
window.resize(1280, 800)
window.show()
start = time.perf_counter()
while window.tasks.busy or time.perf_counter() - start < 1:  # the start page's own reads are not the event's
    app.processEvents()
    time.sleep(0.01)

def settle():
    while not window.event_page.settled():
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()

def step(action):
    # (seconds until the GUI is free again, seconds until every read has arrived, statements)
    seen.clear()
    start = time.perf_counter()
    action()
    shown = time.perf_counter() - start
    settle()
    return shown, time.perf_counter() - start, len(seen)

def visit():
    found = {"open": step(lambda: window.open_event("r2r-japan-2022"))}
    for key in ("participants", "exports"):
        found[key] = step(lambda: window.event_page.select_tab(key))
    window.event_page.select_tab("event")
    return found

if sys.argv[2] == "times":
    print(json.dumps(visit()))
else:
    visit()
    import gc; gc.collect()
    before = rss_mb()
    for _ in range(20):
        visit()
    gc.collect()
    print(json.dumps({"before": before, "after": rss_mb()}))
window.tasks.shutdown()
"""


def run(url: str, what: str) -> dict:
    out = subprocess.run([sys.executable, "-c", RUN, url, what], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.3f} s (min {min(values):.3f}, max {max(values):.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--small", default="/tmp/scale/p1.db", help="1x: generate_programme.py 1 ... --db")
    parser.add_argument("--large", default="/tmp/scale/p100.db", help="100x: generate_programme.py 100 ... --db")
    args = parser.parse_args()
    urls = {"1x": f"sqlite:///{args.small}", "100x": f"sqlite:///{args.large}"}
    found: dict[str, list[dict]] = {"1x": [], "100x": []}
    for _ in range(args.reps):
        for scale in ("1x", "100x"):  # alternated run by run
            found[scale].append(run(urls[scale], "times"))
    for key in STEPS:
        counts = {r[key][2] for r in found["1x"]}, {r[key][2] for r in found["100x"]}
        same = counts[0] == counts[1] and len(counts[0]) == 1
        small, large = [r[key][1] for r in found["1x"]], [r[key][1] for r in found["100x"]]
        ratio = statistics.median(large) / statistics.median(small)
        print(f"first {key:12} all read 100x: {spread(large)} | 1x {spread(small)} | ratio {ratio:.2f}x | "
              f"goal <= {TIME_GOAL}x  {'OK' if ratio <= TIME_GOAL and same else 'MISSED'} | "
              f"statements 1x {sorted(counts[0])} 100x {sorted(counts[1])}")
        if key != "open":  # the first opening builds the page (its imports): its GUI time is the figure above
            busy = [r[key][0] for r in found["100x"]]
            print(f"first {key:12} GUI busy 100x: {spread(busy)} | goal <= {GUI_GOAL} s  "
                  f"{'OK' if statistics.median(busy) <= GUI_GOAL else 'MISSED'}")
    memory = run(urls["100x"], "memory")
    grown = memory["after"] - memory["before"]
    print(f"20 reopenings at 100x: RSS {memory['before']:.1f} -> {memory['after']:.1f} MB, grew {grown:.1f} MB | "
          f"goal < {MEMORY_GOAL_MB:.0f} MB  {'OK' if grown < MEMORY_GOAL_MB else 'MISSED'}")


if __name__ == "__main__":
    main()
