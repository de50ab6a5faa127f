"""A load killed mid-way (kill -9) leaves the database intact and without any of the killed work."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
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
