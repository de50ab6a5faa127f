"""The Duplicates page's first open at 1x, 10x and 100x, until its suggestions are shown.

bench_pages.py stops a measurement at the first 200 ms without an SQL statement;
the duplicate search reads everyone in one statement and then compares names in
Python on the worker for longer than that, so here the clock stops when the page
has its suggestions. Each measurement is a fresh offscreen process (the window
opened and idle first, untimed); scales alternate run by run:

    .venv/bin/python benchmarks/bench_duplicates.py [--runs 3] [--folder /tmp/scale]

Goal: first open at 100x <= 1.5x at 1x.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

SCALES = (1, 10, 100)
SETTLE = 8.0  # seconds the window gets to open and go idle before the clock starts


def child(db_path: str) -> None:
    """Open the window on `db_path`, time the Duplicates page until it shows its suggestions, print it as JSON."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from iurc_desktop.core.db import open_database
    from iurc_desktop.ui.shell.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    window = MainWindow(open_database(f"sqlite:///{db_path}"), viewer_zone="Europe/Brussels")
    window.show()
    end = time.monotonic() + SETTLE
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.005)
    start = time.perf_counter()
    window.show_page("duplicates")
    page = window.pages["duplicates"]
    while page.searching or page.model.rowCount() == 0:
        app.processEvents()
        time.sleep(0.002)
    app.processEvents()
    print(json.dumps({"ms": (time.perf_counter() - start) * 1000, "shown": page.model.rowCount(),
                      "summary": page.summary.text()}), flush=True)
    os._exit(0)  # the window's own shutdown is not measured


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/scale"))
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args(argv)
    runs: dict[int, list[float]] = {scale: [] for scale in SCALES if (args.folder / f"p{scale}.db").exists()}
    for run in range(args.runs):
        for scale in sorted(runs, reverse=bool(run % 2)):
            done = subprocess.run([sys.executable, __file__, "--child", str(args.folder / f"p{scale}.db")],
                                  capture_output=True, text=True, timeout=args.timeout)
            lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
            if not lines:
                print(f"  {scale}x failed: {done.stderr.strip()[-300:]}")
                continue
            result = json.loads(lines[-1])
            runs[scale].append(result["ms"])
            print(f"  run {run + 1} at {scale}x: {result['ms']:.0f} ms; {result['summary']}", flush=True)
    for scale, ms in runs.items():
        if ms:
            print(f"{scale}x {statistics.median(ms):7.0f} ms (min {min(ms):.0f}, max {max(ms):.0f})")
    low, high = min(runs), max(runs)
    if runs[low] and runs[high] and low != high:
        ratio = statistics.median(runs[high]) / statistics.median(runs[low])
        print(f"ratio {high}x/{low}x {ratio:.2f}x | goal <= 1.5x  {'OK' if ratio <= 1.5 else 'OVER'}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        raise SystemExit(main())
