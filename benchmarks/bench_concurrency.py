"""Concurrent writers on PostgreSQL: 8 processes x 500 status changes, against raw psycopg in the same run.

Each worker moves participants of one event between `attended` and `no_show`
through `registrations.set_status` (one unit of work each, history recorded),
on a handful of shared participants so writers collide; a collision ends in an
`EditConflict`, which the worker counts and retries. Afterwards every
participation's version must have risen by exactly the number of its recorded
changes and the history must hold every change the workers reported: no update
lost. The baseline does the same UPDATE + history INSERT per change with raw
psycopg (no ORM, no versions, no retries). Run (with a server, see
scripts/pg-test-server.sh):
    IURC_TEST_PG=postgresql+psycopg://postgres@127.0.0.1:54329/iurc_test .venv/bin/python benchmarks/bench_concurrency.py
Options: --url URL, --workers 8, --changes 500, --participants 8.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import sys
import time
import uuid
from datetime import date

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from iurc_desktop.core.db import open_database
from iurc_desktop.core.models import Event, Participation, Person, StatusChange
from iurc_desktop.core.registrations import participations as reg
from iurc_desktop.core.team.concurrency import EditConflict

CODE = "bench-concurrency"
TOGGLE = {"attended": "no_show", "no_show": "attended"}


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
                current = s.get(Participation, pid).status
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


def _raw(url: str, ids: list[int], changes: int, seed: int, barrier, results) -> None:  # type: ignore[no-untyped-def]
    import psycopg

    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    rng = random.Random(seed)
    with psycopg.connect(dsn) as conn:
        barrier.wait()
        for _ in range(changes):
            pid = rng.choice(ids)
            with conn.transaction():
                row = conn.execute("SELECT status FROM participations WHERE id = %s FOR UPDATE", (pid,)).fetchone()
                new = TOGGLE[row[0]]
                conn.execute("UPDATE participations SET status = %s WHERE id = %s", (new, pid))
                conn.execute(
                    "INSERT INTO status_changes (participation_id, at_utc, by, from_status, to_status, reason) VALUES (%s, now(), %s, %s, %s, '')",
                    (pid, f"raw-{seed}", row[0], new),
                )
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


def _check_nothing_lost(url: str, ids: list[int], reported: int) -> str:
    db = open_database(url, migrate=False)
    try:
        with db.reading() as s:
            history = dict(s.execute(
                select(StatusChange.participation_id, func.count()).where(StatusChange.by.like("worker-%")).group_by(StatusChange.participation_id)
            ).all())
            rows = s.execute(select(Participation.id, Participation.version, Participation.status).where(Participation.id.in_(ids))).all()
    finally:
        db.dispose()
    recorded = sum(history.values())
    wrong = [pid for pid, version, _ in rows if version - 1 != history.get(pid, 0)]
    if recorded != reported or wrong:
        return f"LOST UPDATES: {reported} changes reported, {recorded} recorded; versions disagree for {wrong}"
    return f"no update lost: {reported} changes reported = {recorded} recorded; every version = 1 + its changes"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("IURC_TEST_PG"))
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--changes", type=int, default=500)
    parser.add_argument("--participants", type=int, default=8)
    args = parser.parse_args()
    if not args.url:
        print("skipped: no PostgreSQL server (set IURC_TEST_PG or pass --url; scripts/pg-test-server.sh start gives one)")
        return 0
    try:
        ours_url, raw_url = _fresh_database(args.url), _fresh_database(args.url)
    except Exception as exc:  # noqa: BLE001 - any connection failure means: no server to measure
        print(f"skipped: cannot reach the PostgreSQL server {make_url(args.url).render_as_string(hide_password=True)}: {exc}")
        return 0
    try:
        total = args.workers * args.changes
        ids = _setup(ours_url, args.participants)
        ours_s, done, conflicts = _run(_ours, ours_url, ids, args.workers, args.changes)
        verdict = _check_nothing_lost(ours_url, ids, done)
        raw_ids = _setup(raw_url, args.participants)
        raw_s, _, _ = _run(_raw, raw_url, raw_ids, args.workers, args.changes)
    finally:
        _drop(ours_url)
        _drop(raw_url)
    print(f"{args.workers} processes x {args.changes} status changes on {args.participants} shared participants ({total} in all)")
    print(f"  ours (set_status, versions, history): {ours_s:6.2f} s  {total / ours_s:7.0f} changes/s")
    print(f"  raw psycopg (SELECT FOR UPDATE, UPDATE, INSERT): {raw_s:6.2f} s  {total / raw_s:7.0f} changes/s")
    print(f"  ratio ours/raw: {ours_s / raw_s:.2f}")
    print(f"  conflicts seen and retried: {conflicts} ({conflicts / total:.1%} of changes)")
    print(f"  {verdict}")
    return 0 if verdict.startswith("no update lost") else 1


if __name__ == "__main__":
    sys.exit(main())
