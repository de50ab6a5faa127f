"""Cold start of the app on the demo database against a bare PySide6 window with a table.

Each run is a fresh Python process (so imports are cold as far as Python is
concerned). Two moments are timed from launch:

- first paint: the first Paint event of any widget, i.e. the window is on screen.
  The app's window paints first saying "Opening <name>…" (the real main window,
  with its navigation and menus); the goal is measured here.
- data shown: the first paint after the home page has read its rows (the
  window's `data_shown` signal), i.e. what a person came for is on screen.

The bare window has its table filled before it is shown, so for it both moments
are its first paint. The runs of the two are interleaved so the machine's state
affects both alike. Each moment is also given in CPU time of the child (its own
process time since launch, interpreter start included): on a loaded machine the
wall-clock ratios swing with what else runs, the CPU ratios much less.

Measure with bytecode cached, as an installed app has it (this machine's
environment sets PYTHONDONTWRITEBYTECODE=1):

    env -u PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX=/tmp/iurc-pyc .venv/bin/python benchmarks/bench_startup.py --runs 5

    .venv/bin/python benchmarks/bench_startup.py [--runs 7] [--db sqlite:////tmp/demo.db]

Goals (medians of the runs): first paint / bare <= 1.5, home page shown / bare <= 3.

Floors, for the second goal: the bare window that reads one row through SQLAlchemy's ORM
before it shows, with a one-table model of its own and with the app's models; their ratios
to the bare window are printed after the goals.
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
DATA_SHOWN = "data shown"
PAINT_GOAL = 1.5
SHOWN_GOAL = 3.0

# The children print "painted" at their first Paint, and "data shown" at the first Paint after
# `_spy.data_ready()` was called (at once if it was called before), each with the CPU seconds used so far; then quit.
_MARKERS = """
import time
from PySide6.QtCore import QEvent, QObject, QTimer
class _Painted(QObject):
    painted = False
    ready = False
    def data_ready(self):
        self.ready = True
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            if not self.painted:
                self.painted = True
                print("painted", time.process_time(), flush=True)
            if self.ready:
                self.ready = False
                print("data shown", time.process_time(), flush=True)
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
""" + _MARKERS + """
window = QMainWindow()
model = QStandardItemModel(50, 8)
for r in range(50):
    for c in range(8):
        model.setItem(r, c, QStandardItem(f"{r}:{c}"))
table = QTableView()
table.setModel(model)
window.setCentralWidget(table)
window.resize(1280, 800)
_spy.data_ready()  # the table is filled before the window shows
window.show()
app.exec()
"""

# Floors: the bare window that, before it shows, reads one row through SQLAlchemy's ORM, as any home page on this
# stack must. First with a one-table model of its own, then with the app's models (what its pages are read through).
_ORM_ONE_TABLE = """
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
class Base(DeclarativeBase):
    pass
class Event(Base):
    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(80))
"""
_APP_MODELS = """
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session
from iurc_desktop.core.models import Event
"""
_ONE_ROW = """
with Session(create_engine(sys.argv[1])) as session:
    session.scalars(select(Event).limit(1)).all()
window = QMainWindow()"""
FLOORS = {
    "bare window + SQLAlchemy ORM, one table, one row": BARE.replace("window = QMainWindow()", _ORM_ONE_TABLE + _ONE_ROW),
    "bare window + the app's models, one row": BARE.replace("window = QMainWindow()", _APP_MODELS + _ONE_ROW),
}

# The same start as `iurc-desktop --db URL` with no command (cli.main -> ui.shell.app.run), with the markers added.
APP = """
import sys
from iurc_desktop.cli import parser_for
args = parser_for(["--db", sys.argv[1]]).parse_args(["--db", sys.argv[1]])
from iurc_desktop.ui.shell.app import application, start
app = application()
""" + _MARKERS + """
window = start(args.db)
window.data_shown.connect(_spy.data_ready)
app.exec()
window.tasks.shutdown()
"""


def _time(code: str, *args: str, env: dict[str, str]) -> tuple[float, float, float, float]:
    """Seconds from launching a fresh interpreter until its first paint and until its data is shown: wall, then CPU."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert proc.stdout is not None
    painted = painted_cpu = None
    for line in proc.stdout:
        marker, _, cpu = line.strip().rpartition(" ")
        if marker == PAINTED:
            painted, painted_cpu = time.perf_counter() - start, float(cpu)
        elif marker == DATA_SHOWN and painted is not None and painted_cpu is not None:
            shown = time.perf_counter() - start
            proc.wait(timeout=60)
            return painted, shown, painted_cpu, float(cpu)
    proc.wait(timeout=60)
    raise RuntimeError(f"the child exited with {proc.returncode} before painting its data")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


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
        bare, paint, shown = [], [], []  # wall-clock seconds
        bare_cpu, paint_cpu, shown_cpu = [], [], []  # CPU seconds of the child
        floors: dict[str, list[float]] = {name: [] for name in FLOORS}  # CPU seconds to their first paint
        for run in range(1, args.runs + 1):
            timed = _time(BARE, env=env)
            bare.append(timed[1])
            bare_cpu.append(timed[3])
            first, data, first_cpu, data_cpu = _time(APP, url, env=env)
            paint.append(first)
            shown.append(data)
            paint_cpu.append(first_cpu)
            shown_cpu.append(data_cpu)
            for name, code in FLOORS.items():
                floors[name].append(_time(code, url, env=env)[3])
            print(f"run {run}: bare {_ms(bare[-1])}; app first paint {_ms(first)} ({first / bare[-1]:.2f}x), "
                  f"data shown {_ms(data)} ({data / bare[-1]:.2f}x) | CPU: bare {_ms(bare_cpu[-1])}, "
                  f"first paint {_ms(first_cpu)}, data shown {_ms(data_cpu)}")
    for clock, (b_s, p_s, d_s) in (("wall clock", (bare, paint, shown)), ("CPU time", (bare_cpu, paint_cpu, shown_cpu))):
        b, p, d = statistics.median(b_s), statistics.median(p_s), statistics.median(d_s)
        print(f"{clock}:")
        print(f"  bare PySide6 window + table:     median {_ms(b)}  (min {_ms(min(b_s))}, max {_ms(max(b_s))})")
        print(f"  IURC Desktop, first paint:       median {_ms(p)}  (min {_ms(min(p_s))}, max {_ms(max(p_s))})")
        print(f"  IURC Desktop, home page shown:   median {_ms(d)}  (min {_ms(min(d_s))}, max {_ms(max(d_s))})")
        print(f"  ratio first paint / bare: {p / b:.2f}x | goal <= {PAINT_GOAL}x  {'OK' if p / b <= PAINT_GOAL else 'OVER'}  "
              f"({args.runs} runs each, alternated)")
        print(f"  ratio home page shown / bare: {d / b:.2f}x | goal <= {SHOWN_GOAL}x  {'OK' if d / b <= SHOWN_GOAL else 'OVER'}")
    b = statistics.median(bare_cpu)
    print("floors, CPU time (what no home page on SQLAlchemy's ORM can take less than):")
    for name, times in floors.items():
        f = statistics.median(times)
        print(f"  {name + ':':52} median {_ms(f)}  (min {_ms(min(times))}, max {_ms(max(times))}) = {f / b:.2f}x the bare window")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
