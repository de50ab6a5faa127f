"""First open of the People, Organisations and Events pages vs a bare QTableView over the same count.

Usage: python benchmarks/bench_lists.py [RUNS] [DB]
On a database of 100,000 people, 3,000 organisations and 500 events (built once
into DB, default /tmp/scale/lists.db), each run is a fresh process that opens the
main window offscreen, waits until it has settled as a person meets it (the home
page has read and shown its data: no statement for 0.2 s and no background task;
before, five rounds of events left the home page's reading running into the timed
part), then times showing one list page until its table has painted its rows. The baseline, also a fresh process, times a
bare QTableView whose model only counts the rows (the same count query through
sqlite3) and shows the row number in each visible cell of as many columns as the
page has (the same grid painted). App and baseline alternate run by run. Goal: first open <= 1.5x the bare table.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from generate_people import generate
from sqlalchemy import func, insert, select

from iurc_desktop.core.db import open_database
from iurc_desktop.core.models import Event, Organisation
from iurc_desktop.core.search_text import with_search_text

PEOPLE, ORGANISATIONS, EVENTS = 100_000, 3_000, 500
GOAL = 1.5
TABLES = {"people": "people", "organisations": "organisations", "events": "events"}
# Children start as an installed app does: from compiled modules (written once, outside the source tree).
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "PYTHONPYCACHEPREFIX": str(Path(tempfile.gettempdir()) / "iurc-bench-pycache")}

APP = r"""
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from sqlalchemy import event
from iurc_desktop.core.db import open_database
from iurc_desktop.ui.shell.main_window import MainWindow

QUIET = 0.2  # seconds without a statement after which the window counts as settled
app = QApplication([])
db = open_database(sys.argv[1])
seen = [time.perf_counter()]
event.listen(db.engine, "before_cursor_execute", lambda *_args: seen.append(time.perf_counter()))
window = MainWindow(db, viewer_zone="Europe/Brussels")
window.resize(1280, 800)
window.show()
# Settled as a user meets it: the home page has read and shown its data (no statement for QUIET seconds,
# no background task), so what start-up imports and reads is not counted against the list page.
while window.tasks.busy or time.perf_counter() - seen[-1] < QUIET:
    app.processEvents()
    time.sleep(0.002)
start = time.perf_counter()
page = window.show_page(sys.argv[2])
page.table.viewport().repaint()
app.processEvents()
print(json.dumps({"ms": (time.perf_counter() - start) * 1000, "rows": page.model.rowCount(),
                  "columns": page.model.columnCount()}))
"""

BARE = r"""
import json, os, sqlite3, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

class Counted(QAbstractTableModel):
    # Only the count query: each cell shows its row number.
    def __init__(self, rows):
        super().__init__()
        self.rows = rows

    def rowCount(self, parent=None):
        return self.rows

    def columnCount(self, parent=None):
        return int(sys.argv[3])

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return str(index.row()) if role == Qt.ItemDataRole.DisplayRole else None

app = QApplication([])
connection = sqlite3.connect(sys.argv[1].removeprefix("sqlite:///"))
window = QMainWindow()
window.resize(1280, 800)
window.show()
for _ in range(5):
    app.processEvents()
start = time.perf_counter()
view = QTableView()
view.setModel(Counted(connection.execute(f"SELECT count(*) FROM {sys.argv[2]}").fetchone()[0]))
window.setCentralWidget(view)
view.viewport().repaint()
app.processEvents()
print(json.dumps({"ms": (time.perf_counter() - start) * 1000, "rows": view.model().rowCount()}))
"""


def build(path: Path) -> None:
    """100,000 people and 3,000 organisations (generate_people), then 500 events, into a new database."""
    generate(PEOPLE, path)
    db = open_database(f"sqlite:///{path}")
    rng = random.Random(11)
    with db.transaction() as session:
        have = session.scalar(select(func.count()).select_from(Organisation)) or 0
        session.execute(insert(Organisation), with_search_text(Organisation, [
            {"key": f"partner-{i}", "name": f"Partner organisation {i}", "local_name": "", "kind": "city",
             "sector": "government", "country": "SE", "zone": "Europe/Stockholm", "place": "", "notes": ""}
            for i in range(have, ORGANISATIONS)]))
        session.execute(insert(Event), with_search_text(Event, [
            {"code": f"visit-{i}", "kind": rng.choice(["study_visit", "webinar", "meeting"]), "title": f"Visit {i}",
             "theme": "", "zone": "Asia/Tokyo", "start_date": date(2026, 1, 1) + timedelta(days=i % 365),
             "end_date": date(2026, 1, 3) + timedelta(days=i % 365), "capacity": None, "organiser_name": "",
             "organiser_email": "", "status": "planned", "url": "", "description": "", "uid": f"uid-{i}", "sequence": 0}
            for i in range(EVENTS)]))
    db.dispose()


def run(script: str, url: str, key: str, columns: int = 0) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", script, url, key, str(columns)], capture_output=True, text=True, check=True,
                         env=ENV).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main(runs: int, path: Path) -> None:
    if not path.exists():
        build(path)
    url = f"sqlite:///{path}"
    open_database(url).dispose()  # migrated before timing
    for key, table in TABLES.items():
        columns = int(run(APP, url, key)["columns"])  # not timed: compiled modules written, files in the OS cache
        run(BARE, url, table, columns)
        app, bare = [], []
        for _ in range(runs):
            app.append(run(APP, url, key))
            bare.append(run(BARE, url, table, columns))
        a, b = [r["ms"] for r in app], [r["ms"] for r in bare]
        ratio = statistics.median(a) / statistics.median(b)
        print(f"{key} page first open, {int(app[0]['rows']):,} rows: app median {statistics.median(a):.0f} ms "
              f"(min {min(a):.0f}, max {max(a):.0f}) | bare QTableView + count {statistics.median(b):.0f} ms "
              f"(min {min(b):.0f}, max {max(b):.0f}), {columns} columns each | ratio {ratio:.2f}x | goal <= {GOAL}x  {'OK' if ratio <= GOAL else 'MISSED'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5, Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/tmp/scale/lists.db"))
