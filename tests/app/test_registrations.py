"""Registrations through the app: bulk registration under the event lock, status changes and their undo, invites."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from iurc_desktop.app import imports as app_imports
from iurc_desktop.app import registrations as app_reg
from iurc_desktop.app.changes import Topic
from iurc_desktop.core.db import open_database
from iurc_desktop.core.errors import Conflict, DatabaseBusy, IurcError
from iurc_desktop.core.models import Participation, Person, StatusChange
from iurc_desktop.core.registrations import participations as reg

from ..core.factories import event, participate, person

CAPACITY = 6
HELD = 3  # confirmed before the race: three places are free
WAITING = 6  # on the waitlist before the race
IMPORTERS = 3
ROWS = 12  # each importer's file: everyone "confirmed"
CONFIRMERS = 2


def _people(s, names: list[str]) -> list[int]:  # type: ignore[no-untyped-def]
    return [person(s, n, "Test", email=f"{n.lower()}@example.eu").id for n in names]


def test_register_many_fills_free_places_then_waitlists_after_those_waiting(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = event(s, "sv", capacity=3)
        participate(s, ev, person(s, "Held", "Place"), status="confirmed")
        ids = _people(s, ["A", "B", "C", "D"])
        reg.register(s, "sv", ids[0], status="waitlisted")
        made = reg.register_many(s, "sv", [reg.NewRegistration(pid, status="confirmed") for pid in ids[1:]], by="tester")
    assert made.statuses == ("confirmed", "confirmed", "waitlisted")
    assert made.waitlist_positions == (None, None, 2) and made.waitlisted == 1
    with db.reading() as s:
        reasons = s.scalars(select(StatusChange.reason).where(StatusChange.participation_id == made.participation_ids[2])).all()
        who = set(s.scalars(select(StatusChange.by).where(StatusChange.participation_id.in_(made.participation_ids))))
    assert reasons == ["event full (capacity 3)"] and who == {"tester"}


def test_register_many_refuses_people_already_in_the_event(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = event(s, "sv", capacity=3)
        ane = person(s, "Ane", "Etxeberria", email="ane@example.eus")
        participate(s, ev, ane, status="registered")
        ane_id = ane.id
    with pytest.raises(Conflict, match="Already a participant of sv"), db.transaction() as s:
        reg.register_many(s, "sv", [reg.NewRegistration(ane_id)])


def test_status_change_returns_what_undoes_it_and_undo_restores_promotions(db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("IURC_USER", "Sofía Navarro")
    with db.transaction() as s:
        ev = event(s, "sv", capacity=1)
        first = participate(s, ev, person(s, "First", "Held", email="first@example.eu"), status="confirmed").id
        ids = _people(s, ["Wait"])
        waiting = reg.register(s, "sv", ids[0], status="confirmed").participation_id
    outcome = app_reg.set_status(db, "sv", [first], "cancelled")
    assert outcome.changed == frozenset({Topic.PARTICIPANTS})
    assert [(c.participation_id, c.to_status) for c in outcome.value.changes] == [(first, "cancelled"), (waiting, "confirmed")]
    app_reg.restore_statuses(db, "sv", outcome.value.before)
    rows = {r.participation_id: (r.status, r.waitlist_position) for r in app_reg.registrations(db, "sv")}
    assert rows == {first: ("confirmed", None), waiting: ("waitlisted", 1)}
    history = app_reg.history(db, waiting)
    assert history[-1].reason == "undo" and history[-1].by == "Sofía Navarro"


def test_invite_and_its_undo_through_the_app(demo_db) -> None:  # type: ignore[no-untyped-def]
    code = app_reg.invite_sources(demo_db, "networking-seoul-2026").events[0][0]
    criteria = app_reg.InviteCriteria(from_event=code)
    before = app_reg.invite_preview_list(demo_db, "networking-seoul-2026", criteria)
    outcome = app_reg.invite(demo_db, "networking-seoul-2026", criteria, by="tester")
    adding = [c.person_id for c in before if c.state == "add"]
    assert list(outcome.value.result.added_people) == adding and outcome.value.candidates == tuple(before)
    rows = {r.person_id: r.status for r in app_reg.registrations(demo_db, "networking-seoul-2026")}
    assert all(rows[pid] == "invited" for pid in adding)
    assert app_reg.remove_invited(demo_db, outcome.value.result.added).value == len(adding)
    rows = {r.person_id for r in app_reg.registrations(demo_db, "networking-seoul-2026")}
    assert not rows & set(adding)


# ---- the acceptance test: an import racing status changes for the last places ------------------

def _retrying(url: str, work, barrier) -> None:  # type: ignore[no-untyped-def]
    """Run `work(db)` once the barrier opens, again after a conflict or a busy database (as a person would)."""
    database = open_database(url, migrate=False)
    try:
        barrier.wait(120)
        for attempt in range(50):
            try:
                work(database)
                return
            except (Conflict, DatabaseBusy):
                time.sleep(0.02 * (attempt + 1))
        raise RuntimeError("gave up after 50 tries")
    finally:
        database.dispose()


class _Import:
    def __init__(self, path: str) -> None:
        self.path = path

    def __call__(self, database) -> None:  # type: ignore[no-untyped-def]
        app_imports.import_file(database, "race", Path(self.path))


class _Confirm:
    def __init__(self, emails: list[str]) -> None:
        self.emails = emails

    def __call__(self, database) -> None:  # type: ignore[no-untyped-def]
        for email in self.emails:  # one transaction each: the place goes to whoever counts first
            for attempt in range(50):
                try:
                    app_reg.set_status(database, "race", [email], "confirmed", by=email)
                    break
                except (Conflict, DatabaseBusy):
                    time.sleep(0.01 * (attempt + 1))


def _race_file(folder: Path, n: int) -> Path:
    path = folder / f"import{n}.csv"
    lines = ["First name,Last name,Email,Status"]
    lines += [f"Imp{n}x{i},Racer,imp{n}x{i}@example.eu,confirmed" for i in range(ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_an_import_racing_status_changes_for_the_last_places_never_overfills_the_event(db, db_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Imports of confirmed people race confirmations of the waitlisted: held places never exceed the capacity, nobody is lost."""
    with db.transaction() as s:
        ev = event(s, "race", capacity=CAPACITY)
        for i in range(HELD):
            participate(s, ev, person(s, f"Held{i}", "Place", email=f"held{i}@example.eu"), status="confirmed")
        waiting = [f"wait{i}@example.eu" for i in range(WAITING)]
        for i, email in enumerate(waiting):
            reg.register(s, "race", person(s, f"Wait{i}", "Racer", email=email).id, status="waitlisted")
    files = [_race_file(tmp_path, n) for n in range(IMPORTERS)]
    jobs = [_Import(str(f)) for f in files] + [_Confirm(waiting[i::CONFIRMERS]) for i in range(CONFIRMERS)]
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(jobs))
    processes = [context.Process(target=_retrying, args=(db_url, job, barrier)) for job in jobs]
    for process in processes:
        process.start()
    for process in processes:
        process.join(240)
    assert [p.exitcode for p in processes] == [0] * len(processes)
    with db.reading() as s:
        rows = s.execute(
            select(Person.email, Participation.status, Participation.waitlist_position)
            .join(Person).where(Participation.event_id == ev.id)
        ).all()
        histories = s.scalar(select(func.count()).select_from(StatusChange).join(Participation).where(Participation.event_id == ev.id))
    held = [email for email, status, _ in rows if status in reg.HOLDS_PLACE]
    assert len(held) == CAPACITY, f"{len(held)} places held for a capacity of {CAPACITY}"
    emails = sorted(email for email, _, _ in rows)
    expected = HELD + WAITING + IMPORTERS * ROWS
    assert len(emails) == len(set(emails)) == expected  # nobody lost, nobody twice
    assert {status for _, status, _ in rows} <= {"confirmed", "waitlisted"}
    positions = sorted(pos for _, status, pos in rows if status == "waitlisted")
    assert len(set(positions)) == len(positions) and None not in positions  # one place in line each
    assert histories >= WAITING + IMPORTERS * ROWS  # every registration has its first history entry


def test_import_refused_when_rows_cannot_be_read_changes_nothing(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        event(s, "race", capacity=CAPACITY)
    bad = tmp_path / "bad.csv"
    bad.write_text("First name,Last name,Email,Status\nA,B,a@example.eu,confirmed\nC,D,not-an-email,maybe\n", encoding="utf-8")
    with pytest.raises(app_imports.ImportRefused) as refused:
        app_imports.import_file(db, "race", bad)
    assert "row 3" in str(refused.value) and refused.value.plan.counts.get("rejected") == 1
    assert isinstance(refused.value, IurcError)
    assert app_reg.registrations(db, "race") == []
