"""Memory of the open People page at 10,000 and 100,000 people.

Each measurement runs in a fresh process: it opens the main window offscreen on
a generated database, shows the People page, scrolls to the end (so the lazy
model fetches its last windows) and reports the resident memory. For contrast,
the same rows loaded whole into a plain QAbstractTableModel over a list in a
QTableView, as a naive table would (QStandardItemModel aborts at this size in
PySide6 6.12). Goal: the page's memory does not grow with the row count.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from generate_people import generate

APP = r"""
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from iurc_desktop.core.db import open_database
from iurc_desktop.ui.shell.main_window import MainWindow

def rss_kb():
    return int(next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1])

app = QApplication([])
window = MainWindow(open_database(sys.argv[1]), viewer_zone="Europe/Brussels")
window.show()
page = window.show_page("people")
app.processEvents()
base = rss_kb()
page.table.scrollToBottom()
for _ in range(20):
    app.processEvents()
page.table.scrollToTop()
app.processEvents()
print(json.dumps({"rss_kb": rss_kb(), "rows": page.model.rowCount()}))
"""

RAW = r"""
import json, os, sqlite3, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import QApplication, QTableView

def rss_kb():
    return int(next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1])


class AllRows(QAbstractTableModel):
    # The naive table: every row fetched into a list up front.
    def __init__(self, rows):
        super().__init__()
        self.rows = rows

    def rowCount(self, parent=None):
        return len(self.rows)

    def columnCount(self, parent=None):
        return 6

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self.rows[index.row()][index.column()] or "")
        return None


app = QApplication([])
rows = sqlite3.connect(sys.argv[1].removeprefix("sqlite:///")).execute(
    "SELECT p.given_name || ' ' || p.family_name, p.local_name, p.email, o.name, o.country, p.job_title "
    "FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id").fetchall()
model = AllRows(rows)
view = QTableView()
view.setModel(model)
view.resize(1280, 800)
view.show()
view.scrollToBottom()
app.processEvents()
print(json.dumps({"rss_kb": rss_kb(), "rows": model.rowCount()}))
"""


def measure(script: str, url: str) -> dict[str, int]:
    out = subprocess.run([sys.executable, "-c", script, url], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    results = {}
    for count in (10_000, 100_000):
        path = folder / f"people-{count}.db"
        generate(count, path)
        url = f"sqlite:///{path}"
        app, raw = measure(APP, url), measure(RAW, url)
        results[count] = (app, raw)
        print(f"{count:>7,} people: People page {app['rss_kb'] / 1024:6.1f} MB   "
              f"naive all-rows model {raw['rss_kb'] / 1024:6.1f} MB   ratio {app['rss_kb'] / raw['rss_kb']:.2f}")
    small, large = results[10_000][0]["rss_kb"], results[100_000][0]["rss_kb"]
    raw_small, raw_large = results[10_000][1]["rss_kb"], results[100_000][1]["rss_kb"]
    print(f"growth from 10,000 to 100,000 people: People page {large / small:.2f}x, raw model {raw_large / raw_small:.2f}x")


if __name__ == "__main__":
    main()
