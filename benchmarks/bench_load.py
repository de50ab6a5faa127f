"""Loading a season's programme file (1x, 10x, 100x), dumping and copying one, against raw sqlite3.

Run: .venv/bin/python benchmarks/bench_load.py [--sizes 1 10 100] [--repeat 3] [--dir /tmp/bench_load]
Each run is a fresh process (start-up counts): the app's `load FILE` into an empty migrated database,
alternated with a raw baseline that parses the same JSON and inserts the same rows with sqlite3
`executemany`. Peak memory is the child's maximum resident set. Goals (issue 15): load <= 3x raw,
peak memory <= 4x the file's size, the 10x load <= 11x the 1x load. `dump` (at 10x) and `copy`
(at 10x and up) run on the database the app loaded, against a raw read of every table (dump: written
as JSON; copy: inserted into an empty migrated database), with the same goals.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
TIMES_GOAL, MEMORY_GOAL, SCALE_GOAL = 3.0, 4.0, 11.0
PYCACHE = Path("/tmp/bench_load/pycache")


# --- one measured child process -------------------------------------------------------------------

def child_env() -> dict[str, str]:
    """The children's environment: this checkout, with compiled bytecode kept (as an installed app has it)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(PYCACHE))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


class Run(NamedTuple):
    seconds: float  # wall clock
    cpu: float  # user + system seconds: steadier than the wall clock on a shared machine
    peak_kb: int


def run(args: list[str]) -> Run:
    """Wall and CPU seconds and peak resident kB of a child process (which must succeed)."""
    env = child_env()
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"failed ({child.returncode}): {' '.join(args)}\n{errors.read().decode(errors='replace')}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def app(*command: str, db: Path) -> list[str]:
    return [sys.executable, "-m", "iurc_desktop", "--db", str(db), *command]


def raw(*command: str) -> list[str]:
    return [sys.executable, __file__, "--raw", *command]


# --- the raw baselines (run as `bench_load.py --raw ...`, importing nothing of the app) -----------

def _utc(local: str, zone: str) -> str:
    instant = datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(zone)).astimezone(timezone.utc)
    return instant.replace(tzinfo=None).isoformat(" ", "microseconds")


def raw_load(file: Path, db: Path) -> None:
    """Parse the programme file and insert its rows (ids given, no checks) with executemany."""
    data = json.loads(file.read_text(encoding="utf-8"))
    conn = sqlite3.connect(db)
    orgs = {o["key"]: n for n, o in enumerate(data["organisations"], 1)}
    conn.executemany(
        "INSERT INTO organisations (id, key, name, local_name, kind, sector, country, zone, place, notes, search_text)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,'')",
        [(orgs[o["key"]], o["key"], o["name"], o.get("local_name", ""), o["kind"], o["sector"], o["country"],
          o["zone"], o.get("place", ""), o.get("notes", "")) for o in data["organisations"]])
    people = {p["key"]: n for n, p in enumerate(data["people"], 1)}
    people.update({p["email"]: n for n, p in enumerate(data["people"], 1) if p.get("email")})
    text = ("given_name", "family_name", "local_name", "phone", "job_title", "gender", "nationality", "dietary",
            "accessibility", "notes")
    conn.executemany(
        "INSERT INTO people (id, key, email, organisation_id, name_order, passport_expiry, given_name, family_name,"
        " local_name, phone, job_title, gender, nationality, dietary, accessibility, notes, search_text, version)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'',1)",
        [(people[p["key"]], p["key"], p.get("email"), orgs.get(p.get("organisation")),
          p.get("name_order", "given_first"), p.get("passport_expiry"), *(p.get(t, "") for t in text))
         for p in data["people"]])
    clusters = {c["key"]: n for n, c in enumerate(data["clusters"], 1)}
    conn.executemany("INSERT INTO clusters (id, key, name, theme, description) VALUES (?,?,?,?,?)",
                     [(clusters[c["key"]], c["key"], c["name"], c.get("theme", ""), c.get("description", ""))
                      for c in data["clusters"]])
    conn.executemany("INSERT INTO cluster_members (cluster_id, organisation_id) VALUES (?,?)",
                     [(clusters[c["key"]], orgs[m]) for c in data["clusters"] for m in c.get("members", [])])
    conn.executemany(
        "INSERT INTO pairings (key, eu_organisation_id, partner_organisation_id, theme, status, fund_application,"
        " notes) VALUES (?,?,?,?,?,?,?)",
        [(p["key"], orgs[p["eu"]], orgs[p["partner"]], p.get("theme", ""), p.get("status", "active"),
          p.get("fund_application", ""), p.get("notes", "")) for p in data["pairings"]])
    _raw_events(conn, data["events"], orgs, clusters, people)
    conn.commit()


def _raw_events(conn: sqlite3.Connection, events: list[dict[str, Any]], orgs: dict[str, int],
                clusters: dict[str, int], people: dict[str, int]) -> None:
    conn.executemany(
        "INSERT INTO events (id, code, kind, title, theme, zone, start_date, end_date, capacity, organiser_name,"
        " organiser_email, status, cluster_id, host_id, url, description, uid, sequence, search_text, version)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'',1)",
        [(n, e["code"], e["kind"], e["title"], e.get("theme", ""), e["zone"], e["start"], e["end"], e.get("capacity"),
          e.get("organiser", {}).get("name", ""), e.get("organiser", {}).get("email", ""), e.get("status", "planned"),
          clusters.get(e.get("cluster")), orgs.get(e.get("host")), e.get("url", ""), e.get("description", ""),
          e.get("uid") or os.urandom(16).hex(), e.get("sequence", 0)) for n, e in enumerate(events, 1)])
    groups: dict[tuple[int, str], int] = {}
    for n, e in enumerate(events, 1):
        for name in e.get("groups", []):
            groups[n, name] = len(groups) + 1
    conn.executemany("INSERT INTO groups (id, event_id, name) VALUES (?,?,?)", [(i, n, g) for (n, g), i in groups.items()])
    items = [(n, e, i) for n, e in enumerate(events, 1) for i in e.get("items", [])]
    conn.executemany(
        "INSERT INTO items (id, event_id, key, title, kind, start_utc, end_utc, zone, place, host_id, url, notes, status,"
        " uid, sequence, search_text, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'',1)",
        [(k, n, i["key"], i["title"], i["kind"], _utc(i["start"], i.get("zone", e["zone"])),
          _utc(i["end"], i.get("zone", e["zone"])), i.get("zone", e["zone"]), i.get("place", ""), orgs.get(i.get("host")),
          i.get("url", ""), i.get("notes", ""), i.get("status", "scheduled"), i.get("uid") or os.urandom(16).hex(),
          i.get("sequence", 0)) for k, (n, e, i) in enumerate(items, 1)])
    conn.executemany("INSERT INTO item_groups (item_id, group_id) VALUES (?,?)",
                     [(k, groups[n, g]) for k, (n, _e, i) in enumerate(items, 1) for g in i.get("groups", [])])
    conn.executemany("INSERT INTO item_people (item_id, person_id, role) VALUES (?,?,?)",
                     [(k, people[p["person"]], p.get("role", "speaker"))
                      for k, (_n, _e, i) in enumerate(items, 1) for p in i.get("people", [])])
    conn.executemany(
        "INSERT INTO participations (event_id, person_id, role, status, group_id, waitlist_position, visa_needed,"
        " visa_status, notes, version) VALUES (?,?,?,?,?,?,?,?,?,1)",
        [(n, people[p["person"]], p.get("role", "delegate"), p.get("status", "invited"),
          groups.get((n, p.get("group"))), p.get("waitlist_position"), p.get("visa_needed", False),
          p.get("visa_status", ""), p.get("notes", "")) for n, e in enumerate(events, 1) for p in e.get("participants", [])])
    conn.executemany(
        "INSERT INTO travel_legs (event_id, person_id, kind, carrier, number, booking_ref, from_place, from_zone,"
        " depart_utc, to_place, to_zone, arrive_utc, uid, sequence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(n, people[t["person"]], t.get("kind", "flight"), t.get("carrier", ""), t.get("number", ""),
          t.get("booking_ref", ""), t["from"], t["from_zone"], _utc(t["depart"], t["from_zone"]), t["to"], t["to_zone"],
          _utc(t["arrive"], t["to_zone"]), t.get("uid") or os.urandom(16).hex(), t.get("sequence", 0))
         for n, e in enumerate(events, 1) for t in e.get("travel", [])])
    conn.executemany(
        "INSERT INTO stays (event_id, person_id, hotel, zone, check_in, check_out, room, shares_with_id, uid, sequence)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(n, people[s["person"]], s["hotel"], s.get("zone", e["zone"]), s["check_in"], s["check_out"],
          s.get("room", "single"), people.get(s.get("shares_with")), s.get("uid") or os.urandom(16).hex(),
          s.get("sequence", 0)) for n, e in enumerate(events, 1) for s in e.get("stays", [])])


def _tables(conn: sqlite3.Connection) -> list[str]:
    """The tables holding the programme: not the search indexes (FTS5 tables and their own), which triggers fill."""
    indexes = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")]
    return [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('alembic_version', 'data_changes')"
        " AND name NOT LIKE 'sqlite_%'") if not any(name == i or name.startswith(f"{i}_") for i in indexes)]


def raw_dump(db: Path, out: Path) -> None:
    """Read every table and write it as JSON."""
    conn = sqlite3.connect(db)
    tables = {name: conn.execute(f'SELECT * FROM "{name}"').fetchall() for name in _tables(conn)}
    out.write_text(json.dumps(tables, ensure_ascii=False, default=str), encoding="utf-8")


def raw_copy(source: Path, target: Path) -> None:
    """Read every table and insert its rows into the (empty, migrated) target with executemany."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    dst.execute("PRAGMA foreign_keys = OFF")
    for name in _tables(src):
        cursor = src.execute(f'SELECT * FROM "{name}"')
        marks = ",".join("?" * len(cursor.description))
        while rows := cursor.fetchmany(5000):
            dst.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
    dst.commit()


# --- the benchmark --------------------------------------------------------------------------------

def programme(folder: Path, times: int) -> Path:
    path = folder / f"p{times}.json"
    if not path.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_programme.py"), str(times), str(path)],
                       check=True, env=child_env())
    return path


def empty_db(folder: Path) -> Path:
    path = folder / "empty.db"
    if not path.exists():
        subprocess.run(app("init", db=path), check=True, stdout=subprocess.DEVNULL, env=child_env())  # compiles too
    return path


def fresh(template: Path, path: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, path)
    return path


def stats(label: str, values: list[float]) -> str:
    return f"{label} median {statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f})"


def verdict(ratio: float, goal: float) -> str:
    return f"goal <= {goal:g}x  {'OK' if ratio <= goal else 'MISSED'}"


def compare(name: str, ours: list[str], baseline: list[str], repeat: int, before_ours: Callable[[], object],
            before_baseline: Callable[[], object]) -> tuple[float, int]:
    """Alternate app and raw runs; print their medians and ratio; the app's median and peak memory."""
    apps, raws = [], []
    for _ in range(repeat):
        before_ours()
        apps.append(run(ours))
        before_baseline()
        raws.append(run(baseline))
    app_times, raw_times = [r.seconds for r in apps], [r.seconds for r in raws]
    ratio = statistics.median(app_times) / statistics.median(raw_times)
    app_cpu, raw_cpu = statistics.median(r.cpu for r in apps), statistics.median(r.cpu for r in raws)
    print(f"{name}: {stats('app', app_times)} | raw {stats('', raw_times).strip()} | ratio {ratio:.2f}x | "
          f"{verdict(ratio, TIMES_GOAL)} | CPU app {app_cpu:.2f} s, raw {raw_cpu:.2f} s, ratio {app_cpu / raw_cpu:.2f}x",
          flush=True)
    return statistics.median(app_times), max(r.peak_kb for r in apps)


def memory(name: str, peak_kb: int, of: Path, what: str) -> None:
    size_kb = of.stat().st_size / 1024
    print(f"{name} memory: peak {peak_kb / 1024:.0f} MB | {what} {size_kb / 1024:.1f} MB | "
          f"ratio {peak_kb / size_kb:.2f}x | {verdict(peak_kb / size_kb, MEMORY_GOAL)}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/bench_load"))
    parser.add_argument("--raw", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.raw:
        kind, *paths = args.raw
        {"load": raw_load, "dump": raw_dump, "copy": raw_copy}[kind](*map(Path, paths))
        return
    args.dir.mkdir(parents=True, exist_ok=True)
    template = empty_db(args.dir)
    db, raw_db, target, out = (args.dir / name for name in ("app.db", "raw.db", "copy.db", "dump.json"))
    run(app("load", str(programme(args.dir, 1)), db=fresh(template, db)))  # warm-up: bytecode compiled, files cached
    medians = {}
    for times in args.sizes:
        file = programme(args.dir, times)
        medians[times], peak = compare(
            f"load {times}x", app("load", str(file), db=db), raw("load", str(file), str(raw_db)), args.repeat,
            lambda: fresh(template, db), lambda: fresh(template, raw_db))
        memory(f"load {times}x", peak, file, "file")
        if times == 10:  # `db` holds the last app load
            compare("dump 10x", app("dump", "-o", str(out), db=db), raw("dump", str(db), str(out)), args.repeat,
                    lambda: None, lambda: None)
        if times >= 10:
            _, peak = compare(f"copy {times}x", app("copy", "--to", str(target), db=db),
                              raw("copy", str(db), str(target)), args.repeat,
                              lambda: fresh(template, target), lambda: fresh(template, target))
            memory(f"copy {times}x", peak, db, "database")
    if 1 in medians and 10 in medians:
        ratio = medians[10] / medians[1]
        print(f"load 10x / load 1x: {ratio:.2f}x | {verdict(ratio, SCALE_GOAL)}")


if __name__ == "__main__":
    main()
