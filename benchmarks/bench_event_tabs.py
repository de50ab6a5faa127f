"""First open of the Itinerary, Travel & stays and World clock tabs at 1x, 10x and 100x a season.

Each run is a fresh process: it opens the main window offscreen on a generated programme's
database (benchmarks/generate_programme.py N OUT.json --db OUT.db, an ordinary event size),
opens the event and times the first showing of each tab, counting its SQL statements.
The scales run alternated (1x, 10x, 100x, 1x, ...). The study visit `r2r-japan-2022` has
the travel and stays, the webinar `cluster-energy-webinar-2026` the participant zones.
Goal: at 100x each tab opens within 1.5x of its 1x time, with the same number of statements.

    benchmarks/bench_event_tabs.py [--scales 1 10 100] [--runs 3] [--folder /tmp/scale]

A scale's database is `p<N>.db` in the folder; a missing one is generated there first.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

GOAL = 1.5
TABS = (("itinerary", "r2r-japan-2022"), ("travel", "r2r-japan-2022"), ("worldclock", "cluster-energy-webinar-2026"))

RUN = r"""
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from sqlalchemy import event as sa_event
from PySide6.QtWidgets import QApplication
from iurc_desktop.core.db import open_database
from iurc_desktop.ui.shell.main_window import MainWindow

app = QApplication([])
db = open_database(sys.argv[1])
window = MainWindow(db, viewer_zone="Europe/Brussels")
window.show()
seen = []
POLL = "SELECT counter FROM data_changes"  # the window's timer polling for others' changes, not the tab's
sa_event.listen(db.engine, "before_cursor_execute", lambda *a: a[2].startswith(POLL) or seen.append(a[2]))
out = {}
for tab, code in json.loads(sys.argv[2]):
    if window.event_page.code != code:
        window.open_event(code)
        app.processEvents()
    seen.clear()
    start = time.perf_counter()
    window.event_page.select_tab(tab)
    app.processEvents()
    out[tab] = {"ms": 1000 * (time.perf_counter() - start), "statements": len(seen)}
print(json.dumps(out))
"""


def database(folder: Path, scale: int) -> Path:
    """The generated database of this scale, made once."""
    path = folder / f"p{scale}.db"
    if not path.exists():
        here = Path(__file__).parent
        subprocess.run([sys.executable, str(here / "generate_programme.py"), str(scale), str(folder / f"p{scale}.json"),
                        "--db", str(path)], check=True)
    return path


def run(path: Path) -> dict[str, dict[str, float]]:
    """One fresh process's first open of each tab: ms and statements."""
    done = subprocess.run([sys.executable, "-c", RUN, f"sqlite:///{path}", json.dumps(TABS)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/scale"))
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    paths = {scale: database(args.folder, scale) for scale in args.scales}
    results: dict[int, list[dict[str, dict[str, float]]]] = {scale: [] for scale in args.scales}
    for _ in range(args.runs):
        for scale in args.scales:  # alternated, so a slow spell of the machine hits every scale alike
            results[scale].append(run(paths[scale]))
    base = args.scales[0]
    for tab, _code in TABS:
        times = {scale: [r[tab]["ms"] for r in results[scale]] for scale in args.scales}
        counts = {scale: sorted({int(r[tab]["statements"]) for r in results[scale]}) for scale in args.scales}
        for scale in args.scales[1:]:
            ratio = statistics.median(times[scale]) / statistics.median(times[base])
            same = counts[scale] == counts[base]
            verdict = "OK" if ratio <= GOAL and same else "MISSED"
            print(f"{tab} tab {scale}x: median {statistics.median(times[scale]):.0f} ms (min {min(times[scale]):.0f},"
                  f" max {max(times[scale]):.0f}) | {base}x median {statistics.median(times[base]):.0f} ms"
                  f" (min {min(times[base]):.0f}, max {max(times[base]):.0f}) | ratio {ratio:.2f}x | goal <= {GOAL}x"
                  f" | statements {counts[scale]} vs {counts[base]}  {verdict}")


if __name__ == "__main__":
    main()
