"""No lost updates: row versions, edit conflicts naming both sides, and capacity under concurrent writers."""

from __future__ import annotations

import multiprocessing
import threading
import time
from contextlib import ExitStack

import pytest
from sqlalchemy import select

from iurc_desktop.core.db import open_database
from iurc_desktop.core.errors import DatabaseBusy, NotFound, ValidationError
from iurc_desktop.core.models import Item, Participation, Person, StatusChange
from iurc_desktop.core.registrations import participations as reg
from iurc_desktop.core.team.concurrency import EditConflict, apply_mine, save_with_version, version_of

from .factories import event, item, participate, person


def _ane(db) -> int:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        return person(s, "Ane", "Etxeberria", email="ane@example.eus").id


def test_new_and_edited_rows_carry_a_rising_version(db) -> None:  # type: ignore[no-untyped-def]
    pid = _ane(db)
    with db.reading() as s:
        assert version_of(s, Person, pid) == 1
    with db.transaction() as s:
        s.get(Person, pid).dietary = "vegan"
    with db.reading() as s:
        assert version_of(s, Person, pid) == 2


def test_second_save_of_a_row_seen_at_the_same_version_is_refused_with_both_sides(db) -> None:  # type: ignore[no-untyped-def]
    """Two people open Ane at version 1; the first saves, the second gets the conflict and nothing of the first is lost."""
    pid = _ane(db)
    with db.reading() as s:
        seen_by_a = seen_by_b = version_of(s, Person, pid)
    with db.transaction() as s:
        assert save_with_version(s, Person, pid, seen_by_a, {"dietary": "vegan", "phone": "+34 600"}) == 2
    with pytest.raises(EditConflict) as caught, db.transaction() as s:
        save_with_version(s, Person, pid, seen_by_b, {"dietary": "halal"}, seen={"dietary": "", "phone": ""})
    conflict = caught.value
    assert conflict.mine == {"dietary": "halal"}
    assert conflict.theirs == {"dietary": "vegan", "phone": "+34 600"}
    assert (conflict.my_version, conflict.their_version) == (1, 2)
    assert conflict.row.kind == "person" and conflict.row.label == "Ane Etxeberria"
    message = str(conflict)
    assert "Someone else saved this person (Ane Etxeberria)" in message
    assert "dietary to 'vegan'" in message and "phone to '+34 600'" in message
    assert "Reload" in message and "apply yours on top" in message
    with db.reading() as s:
        ane = s.get(Person, pid)
        assert (ane.dietary, ane.phone, ane.version) == ("vegan", "+34 600", 2)


def test_apply_mine_puts_my_change_on_top_of_theirs(db) -> None:  # type: ignore[no-untyped-def]
    pid = _ane(db)
    with db.transaction() as s:
        save_with_version(s, Person, pid, 1, {"phone": "+34 600"})
    with pytest.raises(EditConflict) as caught, db.transaction() as s:
        save_with_version(s, Person, pid, 1, {"dietary": "halal"})
    with db.transaction() as s:
        assert apply_mine(s, caught.value) == 3
    with db.reading() as s:
        ane = s.get(Person, pid)
        assert (ane.dietary, ane.phone) == ("halal", "+34 600")


def test_save_refuses_unknown_or_internal_fields_and_missing_rows(db) -> None:  # type: ignore[no-untyped-def]
    pid = _ane(db)
    with db.transaction() as s:
        with pytest.raises(ValidationError, match="shoe_size cannot be edited on a person"):
            save_with_version(s, Person, pid, 1, {"shoe_size": 42})
        with pytest.raises(ValidationError, match="version cannot be edited"):
            save_with_version(s, Person, pid, 1, {"version": 7})
        with pytest.raises(NotFound, match="no person with id 999"):
            save_with_version(s, Person, 999, 1, {"dietary": "x"})
        with pytest.raises(ValidationError, match="not edited with versions"):
            save_with_version(s, StatusChange, 1, 1, {"by": "x"})


def test_saving_an_unchanged_value_keeps_the_version(db) -> None:  # type: ignore[no-untyped-def]
    pid = _ane(db)
    with db.transaction() as s:
        assert save_with_version(s, Person, pid, 1, {"given_name": "Ane"}) == 1


def test_a_row_deleted_meanwhile_is_reported_as_such(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = event(s, "visit")
        from datetime import datetime

        it = item(s, ev, "walk", datetime(2026, 3, 23, 9), datetime(2026, 3, 23, 10))
        item_id = it.id
    with db.transaction() as s:
        s.delete(s.get(Item, item_id))
    with pytest.raises(NotFound, match="no item with id"), db.transaction() as s:
        save_with_version(s, Item, item_id, 1, {"title": "Walk"})


def test_concurrent_units_of_work_on_one_row_end_in_an_edit_conflict(db) -> None:  # type: ignore[no-untyped-def]
    """Two open transactions change the same participation; the later commit is refused, the first kept."""
    if db.is_sqlite:
        pytest.skip("SQLite serialises writers (BEGIN IMMEDIATE): a second open write transaction waits instead")
    with db.transaction() as s:
        ev = event(s, "visit")
        part_id = participate(s, ev, person(s, "Ane", "Etxeberria"), status="registered").id
    with ExitStack() as stack:
        slow = stack.enter_context(db.transaction())
        mine = slow.get(Participation, part_id)
        mine.notes  # loaded at version 1
        with db.transaction() as fast:
            fast.get(Participation, part_id).notes = "needs a vegan lunch"
        mine.notes = "arrives late"
        with pytest.raises(EditConflict) as caught:
            stack.close()
    conflict = caught.value
    assert conflict.row.kind == "participation"
    assert conflict.mine == {"notes": "arrives late"} and conflict.theirs == {"notes": "needs a vegan lunch"}
    assert (conflict.my_version, conflict.their_version) == (1, 2)
    with db.reading() as s:
        assert s.get(Participation, part_id).notes == "needs a vegan lunch"


def test_sqlite_write_transactions_wait_for_each_other_instead_of_failing(db) -> None:  # type: ignore[no-untyped-def]
    """BEGIN IMMEDIATE: a second writer blocks until the first commits, then sees its work."""
    if not db.is_sqlite:
        pytest.skip("about SQLite's write lock")
    pid = _ane(db)
    seen: list[str] = []

    def second_writer() -> None:
        with db.transaction() as s:
            ane = s.get(Person, pid)
            seen.append(ane.dietary)
            ane.dietary += "+halal"

    with db.transaction() as s:
        s.get(Person, pid).dietary = "vegan"
        other = threading.Thread(target=second_writer)
        other.start()
        time.sleep(0.3)
        assert seen == []  # still waiting for our lock
    other.join(10)
    assert seen == ["vegan"]
    with db.reading() as s:
        assert s.get(Person, pid).dietary == "vegan+halal"


def _confirm(url: str, email: str, barrier: multiprocessing.synchronize.Barrier) -> None:  # type: ignore[name-defined]
    database = open_database(url, migrate=False)
    try:
        barrier.wait(60)
        with database.transaction() as s:
            reg.set_status(s, "last-place", [email], "confirmed", by=email)
    finally:
        database.dispose()


@pytest.mark.slow
def test_writers_in_a_deadlock_are_told_the_database_was_busy_and_nothing_changed(db) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL: two writers changing the same two participants in opposite orders; it rolls one back, in words."""
    if db.is_sqlite:
        pytest.skip("SQLite serialises writers (BEGIN IMMEDIATE): they cannot deadlock")
    with db.transaction() as s:
        ev = event(s, "sv")
        ids = [participate(s, ev, person(s, n, "Writer"), status="invited").id for n in ("Ane", "Lea")]
    both_hold_one = threading.Barrier(2, timeout=10)
    outcomes: list[object] = []

    def writer(order: list[int], status: str) -> None:
        try:
            with db.transaction() as s:
                s.get(Participation, order[0]).status = status
                s.flush()
                both_hold_one.wait()
                s.get(Participation, order[1]).status = status
                s.flush()
            outcomes.append(status)
        except DatabaseBusy as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=writer, args=(ids, "confirmed")),
               threading.Thread(target=writer, args=(ids[::-1], "declined"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    refused = [o for o in outcomes if isinstance(o, DatabaseBusy)]
    saved = [o for o in outcomes if isinstance(o, str)]
    assert len(refused) == 1 and len(saved) == 1, outcomes
    assert "Nothing was changed" in str(refused[0])
    with db.reading() as s:  # the one that went through, whole
        assert [s.get(Participation, i).status for i in ids] == saved * 2


def test_processes_racing_for_the_last_place_confirm_exactly_one(db, db_url: str) -> None:  # type: ignore[no-untyped-def]
    """Several processes confirm at once into an event with one free place: one confirmed, the rest waitlisted."""
    racers = 5
    with db.transaction() as s:
        ev = event(s, "last-place", capacity=2)
        participate(s, ev, person(s, "Held", "Place"), status="confirmed")
        emails = [person(s, f"R{i}", "Racer", email=f"r{i}@example.eu").email for i in range(racers)]
        for email in emails:
            reg.register(s, "last-place", s.scalar(select(Person.id).where(Person.email == email)), status="registered")
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(racers)
    processes = [context.Process(target=_confirm, args=(db_url, email, barrier)) for email in emails]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
    assert [p.exitcode for p in processes] == [0] * racers
    with db.reading() as s:
        rows = s.execute(
            select(Person.email, Participation.status, Participation.waitlist_position)
            .join(Person).where(Person.email.in_(emails))
        ).all()
    statuses = sorted(status for _, status, _ in rows)
    assert statuses == ["confirmed"] + ["waitlisted"] * (racers - 1)
    assert sorted(pos for _, status, pos in rows if status == "waitlisted") == list(range(1, racers))


def test_applying_mine_to_a_calendar_field_makes_the_next_invite_an_update(db) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    with db.transaction() as s:
        ev = event(s, "sv-1")
        row = item(s, ev, "talk", datetime(2026, 3, 23, 9), datetime(2026, 3, 23, 10))
        item_id, sequence = row.id, row.sequence
    with db.transaction() as s:
        save_with_version(s, Item, item_id, 1, {"notes": "room 2"})  # not on the calendar: no update
    with pytest.raises(EditConflict) as caught, db.transaction() as s:
        save_with_version(s, Item, item_id, 1, {"title": "Keynote"})
    with db.transaction() as s:
        apply_mine(s, caught.value)
    with db.reading() as s:
        talk = s.get(Item, item_id)
        assert (talk.title, talk.notes, talk.sequence) == ("Keynote", "room 2", sequence + 1)
