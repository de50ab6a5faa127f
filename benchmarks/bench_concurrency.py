"""Concurrent writers on PostgreSQL: 8 processes x 500 status changes, app, raw psycopg and floor alternated run by run.

Each app worker moves participants of one event between `attended` and `no_show`
through `registrations.set_status` (one unit of work each: the row read with its
version, the versioned UPDATE inside the history INSERT, the change number and NOTIFY),
on a handful of shared participants so writers collide. A change another writer
made first (an `EditConflict`, or the participant already moved) is counted and
retried. Afterwards every participation's version must have risen by exactly the
number of its recorded changes and the history must hold every change the
workers reported: no update lost. The baseline does the same SELECT FOR UPDATE,
UPDATE and history INSERT per change with raw psycopg (no ORM, no versions, no
change counter). The floor sends the app's own statements per change through raw
psycopg: the most the app could reach with them. Each run uses fresh databases
and fresh processes; only the writing is timed. Run (with a server, see scripts/pg-test-server.sh):
    IURC_TEST_PG=postgresql+psycopg://postgres@127.0.0.1:54329/iurc_test .venv/bin/python benchmarks/bench_concurrency.py
Options: --url URL, --workers 8, --changes 500, --participants 8, --runs 3.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import time
import uuid
from datetime import date, datetime, timezone

from sqlalchemy import bindparam, create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from iurc_desktop.core.db import open_database
from iurc_desktop.core.models import Event, Participation, Person, StatusChange
from iurc_desktop.core.registrations import participations as reg
from iurc_desktop.core.team.concurrency import EditConflict
from iurc_desktop.core.team.notify import _TAKE_NUMBER

CODE = "bench-concurrency"
BEFORE = 66  # changes/s before the change counter became a sequence (issue 15)
GOAL = 5 * BEFORE
TOGGLE = {"attended": "no_show", "no_show": "attended"}
_LOCKED_STATUS = select(Participation.__table__.c.status).where(Participation.__table__.c.id == bindparam("pid")).with_for_update()


def _admin(url: str):  # type: ignore[no-untyped-def]
    return create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT", poolclass=NullPool)


def _fresh_database(url: str) -> str:
    name = f"iurc_bench_{uuid.uuid4().hex[:10]}"
    with _admin(url).connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def _drop(url: str) -> None:
    name = make_url(url).database
    with _admin(url).connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _setup(url: str, participants: int) -> list[int]:
    db = open_database(url)
    try:
        with db.transaction() as s:
            ev = Event(code=CODE, kind="webinar", title="Bench", zone="Europe/Brussels", start_date=date(2026, 5, 1), end_date=date(2026, 5, 1))
            s.add(ev)
            for i in range(participants):
                p = Person(given_name=f"W{i}", family_name="Writer", email=f"w{i}@example.eu")
                s.add(Participation(event=ev, person=p, status="attended"))
            s.flush()
            return list(s.scalars(select(Participation.id).order_by(Participation.id)))
    finally:
        db.dispose()


def _ours(url: str, ids: list[int], changes: int, seed: int, barrier, results) -> None:  # type: ignore[no-untyped-def]
    db = open_database(url, migrate=False)
    rng = random.Random(seed)
    done = conflicts = 0
    barrier.wait()
    while done < changes:
        pid = rng.choice(ids)
        try:
            with db.transaction() as s:
                # Read under the row lock with the baseline's statement: the move is decided on the status it replaces.
                current = s.scalar(_LOCKED_STATUS, {"pid": pid})
                made = reg.set_status(s, CODE, [pid], TOGGLE[current], by=f"worker-{seed}")
        except EditConflict:
            conflicts += 1  # someone saved this participant first: read again and retry
            continue
        if made:
            done += 1
        else:
            conflicts += 1  # someone made this very change between our read and our write: nothing to do, retry
    db.dispose()
    results.put((done, conflicts))


# The baseline: the read, the UPDATE and the history INSERT, nothing else.
_RAW_READ = "SELECT status FROM participations WHERE id = %s FOR UPDATE"
_RAW_UPDATE = "UPDATE participations SET status = %s WHERE id = %s"
_RAW_HISTORY = ("INSERT INTO status_changes (participation_id, at_utc, by, from_status, to_status, reason)"
                " VALUES (%s, now(), %s, %s, %s, '')")
# The floor: every statement an app worker sends per change (its read, then set_status's row read, the versioned
# UPDATE inside the history INSERT, the change number), as its SQL log shows them, through raw psycopg.
_APP_ROWS = ("SELECT p.id, p.status, p.version, p.waitlist_position, pe.id, pe.given_name, pe.family_name, pe.name_order,"
             " pe.email FROM participations p JOIN events e ON e.id = p.event_id JOIN people pe ON pe.id = p.person_id"
             " WHERE e.code = %s AND p.id IN (%s) ORDER BY p.id FOR UPDATE OF p")
_APP_MOVE = ("WITH moved AS (UPDATE participations SET status = %s, version = %s WHERE id = %s AND version = %s RETURNING id)"
             " INSERT INTO status_changes (participation_id, at_utc, by, from_status, to_status, reason)"
             " SELECT id, %s, %s, %s, %s, '' FROM moved")
_APP_NUMBER = _TAKE_NUMBER.text


def _raw(url: str, ids: list[int], changes: int, seed: int, barrier, results) -> None:  # type: ignore[no-untyped-def]
    _psycopg_loop(url, ids, changes, seed, barrier, results, same_as_app=False)


def _floor(url: str, ids: list[int], changes: int, seed: int, barrier, results) -> None:  # type: ignore[no-untyped-def]
    _psycopg_loop(url, ids, changes, seed, barrier, results, same_as_app=True)


def _psycopg_loop(url: str, ids: list[int], changes: int, seed: int, barrier, results, *, same_as_app: bool) -> None:  # type: ignore[no-untyped-def]
    """Status changes through raw psycopg: the baseline's three statements, or the app's own four."""
    import psycopg

    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    rng = random.Random(seed)
    with psycopg.connect(dsn) as conn:
        barrier.wait()
        for _ in range(changes):
            pid = rng.choice(ids)
            with conn.transaction():
                was = conn.execute(_RAW_READ, (pid,)).fetchone()[0]  # type: ignore[index]
                new = TOGGLE[was]
                if not same_as_app:
                    conn.execute(_RAW_UPDATE, (new, pid))
                    conn.execute(_RAW_HISTORY, (pid, f"raw-{seed}", was, new))
                    continue
                version = conn.execute(_APP_ROWS, (CODE, pid)).fetchone()[2]  # type: ignore[index]
                at = datetime.now(timezone.utc).replace(tzinfo=None)
                conn.execute(_APP_MOVE, (new, version + 1, pid, version, at, f"floor-{seed}", was, new))
                conn.execute(_APP_NUMBER)
    results.put((changes, 0))


def _run(target, url: str, ids: list[int], workers: int, changes: int) -> tuple[float, int, int]:  # type: ignore[no-untyped-def]
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(workers + 1), ctx.Queue()
    procs = [ctx.Process(target=target, args=(url, ids, changes, seed, barrier, results)) for seed in range(workers)]
    for p in procs:
        p.start()
    barrier.wait()  # every worker has started and connected: time only the writing
    began = time.perf_counter()
    outcomes = [results.get(timeout=600) for _ in procs]
    elapsed = time.perf_counter() - began
    for p in procs:
        p.join(60)
        if p.exitcode != 0:
            raise SystemExit(f"a worker failed with exit code {p.exitcode}")
    return elapsed, sum(d for d, _ in outcomes), sum(c for _, c in outcomes)


def _lost_updates(url: str, ids: list[int], reported: int) -> int:
    """Changes reported but not recorded, plus participations whose version disagrees with their history."""
    db = open_database(url, migrate=False)
    try:
        with db.reading() as s:
            history = dict(s.execute(
                select(StatusChange.participation_id, func.count()).where(StatusChange.by.like("worker-%")).group_by(StatusChange.participation_id)
            ).all())
            rows = s.execute(select(Participation.id, Participation.version).where(Participation.id.in_(ids))).all()
    finally:
        db.dispose()
    wrong = sum(1 for pid, version in rows if version - 1 != history.get(pid, 0))
    return abs(reported - sum(history.values())) + wrong


def _app_run(url: str, args: argparse.Namespace) -> tuple[float, int, int]:
    """One timed app run on a fresh database: seconds, conflicts retried, updates lost."""
    db_url = _fresh_database(url)
    try:
        ids = _setup(db_url, args.participants)
        seconds, done, conflicts = _run(_ours, db_url, ids, args.workers, args.changes)
        return seconds, conflicts, _lost_updates(db_url, ids, done)
    finally:
        _drop(db_url)


def _raw_run(url: str, args: argparse.Namespace, target) -> float:  # type: ignore[no-untyped-def]
    """One timed raw psycopg run (`_raw` or `_floor`) on a fresh database: seconds."""
    db_url = _fresh_database(url)
    try:
        ids = _setup(db_url, args.participants)
        return _run(target, db_url, ids, args.workers, args.changes)[0]
    finally:
        _drop(db_url)


def _spread(rates: list[float]) -> str:
    return f"{statistics.median(rates):.0f}/s (min {min(rates):.0f}, max {max(rates):.0f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("IURC_TEST_PG"))
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--changes", type=int, default=500)
    parser.add_argument("--participants", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not args.url:
        print("skipped: no PostgreSQL server (set IURC_TEST_PG or pass --url; scripts/pg-test-server.sh start gives one)")
        return 0
    try:
        _drop(_fresh_database(args.url))
    except Exception as exc:  # noqa: BLE001 - any connection failure means: no server to measure
        print(f"skipped: cannot reach the PostgreSQL server {make_url(args.url).render_as_string(hide_password=True)}: {exc}")
        return 0
    total = args.workers * args.changes
    app_rates: list[float] = []
    raw_rates: list[float] = []
    floor_rates: list[float] = []
    conflicts = lost = 0
    for _ in range(args.runs):  # alternated, so a busy moment on the machine falls on both
        seconds, retried, missing = _app_run(args.url, args)
        app_rates.append(total / seconds)
        conflicts, lost = conflicts + retried, lost + missing
        raw_rates.append(total / _raw_run(args.url, args, _raw))
        floor_rates.append(total / _raw_run(args.url, args, _floor))
    app, raw, floor = statistics.median(app_rates), statistics.median(raw_rates), statistics.median(floor_rates)
    ok = app >= GOAL and lost == 0
    print(f"{args.workers} processes x {args.changes} status changes on {args.participants} shared participants, {args.runs} runs each")
    print(f"status changes: app {_spread(app_rates)} | raw psycopg {_spread(raw_rates)} | ratio raw/app {raw / app:.2f}x"
          f" | conflicts retried {conflicts / (total * args.runs):.1%} | lost updates {lost}"
          f" | goal >= {GOAL}/s (5x {BEFORE}/s), 0 lost  {'OK' if ok else 'MISSED'}")
    print(f"floor: the app's own statements through raw psycopg {_spread(floor_rates)} | ratio floor/app {floor / app:.2f}x"
          " (what is left above it is SQLAlchemy and Python per change)")
    return 0 if lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
