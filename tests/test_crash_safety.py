"""Killed mid-way (kill -9): a load leaves the database intact and unchanged; an export or a backup leaves no
personal data anywhere once the app has started again."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from iurc_desktop.core.db import open_database

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see the process open the database")


def _big_programme(path: Path, people: int) -> None:
    """A valid programme file large enough that loading it takes a few seconds."""
    orgs = [{"key": f"org-{i}", "name": f"Organisation {i}", "kind": "city", "sector": "government",
             "country": "BE", "zone": "Europe/Brussels"} for i in range(50)]
    persons = [{"key": f"p{i}", "given_name": f"Given{i}", "family_name": f"Family{i}", "email": f"p{i}@example.eu",
                "organisation": f"org-{i % 50}"} for i in range(people)]
    event = {"code": "big-webinar", "kind": "webinar", "title": "Big webinar", "zone": "Europe/Brussels",
             "start": "2027-03-25", "end": "2027-03-25",
             "items": [{"key": f"s{i}", "title": f"Session {i}", "kind": "session", "start": "2027-03-25T10:00",
                        "end": "2027-03-25T11:00", "zone": "Europe/Brussels"} for i in range(20)],
             "participants": [{"person": f"p{i}", "role": "delegate", "status": "registered"} for i in range(people)]}
    path.write_text(json.dumps({"format": "iurc-programme/1", "organisations": orgs, "people": persons, "events": [event]}))


def _has_open(pid: int, target: Path) -> bool:
    try:
        return any(os.readlink(f"/proc/{pid}/fd/{fd}") == str(target) for fd in os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return False


def test_load_killed_midway_leaves_database_intact_and_unchanged(tmp_path: Path) -> None:
    db_path = tmp_path / "crash.db"
    url = f"sqlite:///{db_path}"
    open_database(url).dispose()
    before = sqlite3.connect(db_path).execute("SELECT count(*) FROM people").fetchone()[0]
    big = tmp_path / "big.json"
    _big_programme(big, 20_000)

    proc = subprocess.Popen([sys.executable, "-m", "iurc_desktop", "--db", url, "load", str(big)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not _has_open(proc.pid, db_path) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(1.0)  # well into validating and writing the 20,000 people
    assert proc.poll() is None, f"the load finished before it could be killed: {proc.communicate()}"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)

    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == before
    assert conn.execute("SELECT count(*) FROM events WHERE code = 'big-webinar'").fetchone()[0] == 0
    conn.close()
    # The app still opens the database afterwards.
    open_database(url).dispose()


# --- exports and backups killed at named points ----------------------------------------------------------------

PEOPLE = 4000
MAIL_DOMAIN = b"@crash-test.example"  # every e-mail address in the programme
DIETARY_MARK = b"sesame-free-"  # every dietary need in the programme
FAMILY_MARK = b"Crashfamily"  # every family name
PERSONAL = (MAIL_DOMAIN, DIETARY_MARK, FAMILY_MARK)

# Run in the killed process: the real command line, paused (test-side only) at a named point
# so the kill lands where personal data is in flight.
CHILD = r"""
import sys, time
from pathlib import Path

point, marker = sys.argv[1], Path(sys.argv[2])


def pause(*args, **kwargs):
    marker.write_text(point)
    time.sleep(600)


if point == "rows":  # half-way through a roster's rows
    from iurc_desktop.exchange.rosters import table

    step = table.Ticker.step

    def step_then_pause(self):
        step(self)
        if self.done == 2000:
            pause()

    table.Ticker.step = step_then_pause
elif point == "zip":  # a sheet zipped into the staged workbook, openpyxl's sheet file not yet removed
    from openpyxl.worksheet import _writer

    _writer.WorksheetWriter.cleanup = pause
elif point == "copy":  # half-way through copying a database's pages into the staged backup
    import sqlite3
    import types
    from iurc_desktop.core import backup

    class Source:
        def __init__(self, conn):
            self.conn = conn

        def backup(self, dest):  # paused once more than the page cache (2 MB) was copied: pages are on disk
            self.conn.backup(dest, pages=4, progress=lambda _, left, total: left < total // 8 and pause())

        def close(self):
            self.conn.close()

    def connect(name, **options):
        conn = sqlite3.connect(name, **options)
        return Source(conn) if str(name).endswith("mode=ro") else conn

    backup.sqlite3 = types.SimpleNamespace(connect=connect, Error=sqlite3.Error)
elif point == "place":  # every file written and staged; moving them into place comes next
    from iurc_desktop.core import output_files

    output_files.OutputFiles.place = pause
elif point == "settle":  # the new file in place and committed; the one it replaced still kept aside
    from iurc_desktop.core import output_files

    output_files.OutputFiles.settle = pause
from iurc_desktop.cli import main

sys.exit(main(sys.argv[3:]))
"""


def _crash_programme(path: Path) -> None:
    """A study visit with PEOPLE participants, each with an e-mail address and a dietary need a scan can find."""
    orgs = [{"key": f"org-{i}", "name": f"Organisation {i}", "kind": "city", "sector": "government",
             "country": "BE", "zone": "Europe/Brussels"} for i in range(20)]
    persons = [{"key": f"p{i}", "given_name": f"Given{i}", "family_name": f"Crashfamily{i}",
                "email": f"p{i}{MAIL_DOMAIN.decode()}", "dietary": f"{DIETARY_MARK.decode()}{i}",
                "organisation": f"org-{i % 20}"} for i in range(PEOPLE)]
    event = {"code": "crash-visit", "kind": "study_visit", "title": "Crash visit", "zone": "Europe/Brussels",
             "start": "2027-03-22", "end": "2027-03-26", "groups": ["A"],
             "organiser": {"name": "Programme team", "email": "team@programme.example"},
             "items": [{"key": "lunch", "title": "Lunch", "kind": "meal", "start": "2027-03-23T12:00",
                        "end": "2027-03-23T13:30", "zone": "Europe/Brussels"}],
             "participants": [{"person": f"p{i}", "role": "delegate", "status": "confirmed", "group": "A"}
                              for i in range(PEOPLE)]}
    path.write_text(json.dumps({"format": "iurc-programme/1", "organisations": orgs, "people": persons,
                                "events": [event]}))


def _home(root: Path) -> dict[str, str]:
    """Environment of a user whose home, data, config, cache and temporary folders all lie under `root`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "IURC_", "TMP", "TEMP"))}
    folders = {"HOME": "home", "XDG_DATA_HOME": "home/.local/share", "XDG_CONFIG_HOME": "home/.config",
               "XDG_CACHE_HOME": "home/.cache", "XDG_STATE_HOME": "home/.local/state", "TMPDIR": "tmp"}
    for name, sub in folders.items():
        (root / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(root / sub)
    return env


@pytest.fixture(scope="module")
def crash_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file holding the crash programme (loaded once; each test works on a copy)."""
    root = tmp_path_factory.mktemp("crash-source")
    programme = root / "programme.json"
    _crash_programme(programme)
    db_path = root / "source.db"
    subprocess.run([sys.executable, "-m", "iurc_desktop", "--db", f"sqlite:///{db_path}", "load", str(programme)],
                   env=_home(root / "user"), check=True, capture_output=True, timeout=300)
    return db_path


def _contents(path: Path) -> list[bytes]:
    """What a scan reads of a file: its bytes, unfolded (calendar lines), and each member of a zip (.xlsx)."""
    data = path.read_bytes()
    views = [data, data.replace(b"\r\n ", b"").replace(b"\n ", b"")]
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            views += [archive.read(name) for name in archive.namelist()]
    return views


def files_under(root: Path, allowed: set[Path]) -> list[Path]:
    """Every file under `root` but `allowed`."""
    return [path for path in sorted(root.rglob("*")) if path.is_file() and path not in allowed]


def personal_leftovers(root: Path, allowed: set[Path]) -> list[str]:
    """Files under `root`, other than `allowed`, whose name or content holds a personal string of the programme."""
    found = []
    for path in files_under(root, allowed):
        name_hit = any(mark.decode().lower() in str(path).lower() for mark in PERSONAL)
        if name_hit or any(mark in view for view in _contents(path) for mark in PERSONAL):
            found.append(str(path.relative_to(root)))
    return found


KILLS = {  # (what is run, its output file name, the points it is killed at); all but the report carry personal data
    "xlsx roster": (["export", "roster", "crash-visit", "--kind", "participants", "--include-sensitive",
                     "--columns", "name", "email", "dietary"], "roster.xlsx", ("rows", "zip", "place")),
    "csv roster": (["export", "roster", "crash-visit", "--kind", "participants", "--include-sensitive",
                    "--columns", "name", "email", "dietary"], "roster.csv", ("rows", "place", "settle")),
    "report": (["export", "report"], "report.xlsx", ("zip", "place")),
    "ics": (["export", "ics", "crash-visit"], "invite.ics", ("place",)),
    "eml": (["export", "mail", "crash-visit", "--one-message"], "mail", ("place",)),
    "backup": (["backup"], "backup.db", ("copy", "place")),
    "programme file": (["dump"], "programme.json", ("place",)),
}
CASES = [pytest.param(kind, point, id=f"{kind}-{point}") for kind, (_, _, points) in KILLS.items() for point in points]


def _kill_at(point: str, args: list[str], env: dict[str, str], marker: Path) -> None:
    """Run the command line paused at `point` and kill it there (SIGKILL: no clean-up runs)."""
    proc = subprocess.Popen([sys.executable, "-c", CHILD, point, str(marker), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    alive = proc.poll() is None
    proc.kill()
    out, err = proc.communicate(timeout=30)
    assert alive and marker.exists(), f"never reached {point}: {out!r} {err!r}"


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "point"), CASES)
def test_killed_export_or_backup_leaves_no_personal_data_after_the_next_start(
        tmp_path: Path, crash_db: Path, kind: str, point: str) -> None:
    """No file holding a person's e-mail, name or dietary need survives outside the database and the destination."""
    args, output, _ = KILLS[kind]
    env = _home(tmp_path)
    db_path = tmp_path / "db" / "iurc.db"
    db_path.parent.mkdir()
    shutil.copyfile(crash_db, db_path)
    url = f"sqlite:///{db_path}"
    out = tmp_path / "home" / "exports"
    out.mkdir()
    marker = tmp_path / "marker"
    kept = {db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm"), marker}
    destination = out / output
    if point == "settle":  # replacing last week's export, which named someone who has since left the visit
        destination.write_bytes(b"Name,E-mail\r\nGone Crashfamily,gone@crash-test.example\r\n")
        kept.add(destination)

    _kill_at(point, ["--db", url, *args, "-o", str(destination)], env, marker)
    assert files_under(tmp_path, kept), "the kill should have left files in flight"
    assert kind == "report" or personal_leftovers(tmp_path, kept), "the kill should have left personal data in flight"
    in_flight = files_under(tmp_path, kept)  # what the killed process made (a file kept aside keeps its mode)
    assert point == "settle" or {path.name: oct(stat.S_IMODE(path.stat().st_mode)) for path in in_flight
                                 if stat.S_IMODE(path.stat().st_mode) != 0o600} == {}  # only the user could read them
    data = Path(env["XDG_DATA_HOME"]) / "iurc-desktop"
    folders = [data / "staging", data / "tmp", *data.glob("tmp/*")]
    assert {oct(stat.S_IMODE(folder.stat().st_mode)) for folder in folders if folder.exists()} == {"0o700"}

    subprocess.run([sys.executable, "-m", "iurc_desktop", "--db", url, "events"], env=env, check=True,
                   capture_output=True, timeout=120)  # the next start
    assert personal_leftovers(tmp_path, kept) == []
    assert files_under(tmp_path, kept) == []  # nor any other file: the killed action left nothing, not even empty
    if point == "settle":  # committed before the kill: the new roster stays, the old one is gone
        written = destination.read_bytes()
        assert b"gone@crash-test.example" not in written and b"p1@crash-test.example" in written
    else:  # killed before it was done: nothing was published (a mail export's folder is made, empty)
        assert [path for path in out.rglob("*") if path.is_file()] == []


@pytest.mark.slow
@pytest.mark.parametrize("after_s", [0.3, 0.9, 1.5])
def test_an_xlsx_roster_killed_at_any_moment_leaves_only_a_whole_file_or_nothing(
        tmp_path: Path, crash_db: Path, after_s: float) -> None:
    """Unpaused, killed some time after it opened the database: wherever it was, the next start leaves no stray."""
    env = _home(tmp_path)
    db_path = tmp_path / "db" / "iurc.db"
    db_path.parent.mkdir()
    shutil.copyfile(crash_db, db_path)
    url = f"sqlite:///{db_path}"
    destination = tmp_path / "home" / "roster.xlsx"
    proc = subprocess.Popen([sys.executable, "-m", "iurc_desktop", "--db", url, *KILLS["xlsx roster"][0],
                             "-o", str(destination)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not _has_open(proc.pid, db_path) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(after_s)
    proc.kill()
    proc.communicate(timeout=30)

    subprocess.run([sys.executable, "-m", "iurc_desktop", "--db", url, "events"], env=env, check=True,
                   capture_output=True, timeout=120)  # the next start
    kept = {db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm"), destination}
    assert files_under(tmp_path, kept) == []
    if destination.exists():  # it finished before the kill: then it is whole
        with zipfile.ZipFile(destination) as archive:
            assert archive.testzip() is None
