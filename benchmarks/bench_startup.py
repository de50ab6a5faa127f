"""Cold start to the first painted window: the app on the demo database against a bare PySide6 window with a table.

Each run is a fresh Python process (so imports are cold as far as Python is
concerned), measured from launch until the window's first paint event. The two
are interleaved run by run so the machine's state affects both alike.

    .venv/bin/python benchmarks/bench_startup.py [--runs 7] [--db sqlite:////tmp/demo.db]

Goal: app / bare ≤ 1.5 (median of the runs).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAINTED = "painted"

# Both children wait for the first Paint of their window, print a line and quit.
_WAIT_FOR_PAINT = """
from PySide6.QtCore import QEvent, QObject, QTimer
class _Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
_spy = _Painted()
app.installEventFilter(_spy)  # the first Paint of any widget: the window is on screen
"""

BARE = """
import sys
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication(sys.argv[:1])
""" + _WAIT_FOR_PAINT + """
window = QMainWindow()
model = QStandardItemModel(50, 8)
for r in range(50):
    for c in range(8):
        model.setItem(r, c, QStandardItem(f"{r}:{c}"))
table = QTableView()
table.setModel(model)
window.setCentralWidget(table)
window.resize(1280, 800)
window.show()
app.exec()
"""

APP = """
import sys
from iurc_desktop.ui.app import application
app = application()
""" + _WAIT_FOR_PAINT + """
from iurc_desktop.core.db import open_database
from iurc_desktop.ui.main_window import MainWindow
db = open_database(sys.argv[1])
window = MainWindow(db)
window.show()
app.exec()
window.tasks.shutdown()
"""


def _time(code: str, *args: str, env: dict[str, str]) -> float:
    """Seconds from launching a fresh interpreter until it reports its first paint."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == PAINTED:
            elapsed = time.perf_counter() - start
            proc.wait(timeout=60)
            return elapsed
    proc.wait(timeout=60)
    raise RuntimeError(f"the child exited with {proc.returncode} before painting")


def _demo_db(folder: Path) -> str:
    url = f"sqlite:///{folder / 'demo.db'}"
    subprocess.run([sys.executable, "-m", "iurc_desktop", "--db", url, "demo"], check=True, capture_output=True)
    return url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", help="database URL (default: a fresh demo database)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="iurc-bench-") as tmp:
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")  # no remembered geometry, no recent list of the user's
        env["XDG_DATA_HOME"] = str(Path(tmp) / "data")
        url = args.db or _demo_db(Path(tmp))
        _time(BARE, env=env), _time(APP, url, env=env)  # warm the OS file cache for both alike
        bare, app = [], []
        for _ in range(args.runs):
            bare.append(_time(BARE, env=env))
            app.append(_time(APP, url, env=env))
    b, a = statistics.median(bare), statistics.median(app)
    print(f"bare PySide6 window + table: median {b * 1000:.0f} ms  (min {min(bare) * 1000:.0f}, max {max(bare) * 1000:.0f})")
    print(f"IURC Desktop on the demo:    median {a * 1000:.0f} ms  (min {min(app) * 1000:.0f}, max {max(app) * 1000:.0f})")
    print(f"ratio app / bare: {a / b:.2f}  (goal ≤ 1.5; {args.runs} runs each)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
