"""A status change outside the capacity rule runs as rows, not objects, and keeps every rule of a move."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import select

from iurc_desktop.core.errors import Conflict
from iurc_desktop.core.models import Event, Participation, Person, StatusChange
from iurc_desktop.core.registrations import participations as reg
from iurc_desktop.core.team.concurrency import EditConflict
from iurc_desktop.core.team.notify import data_version, wait_for_change

from .factories import event, participate, person


def _event_with(db, statuses: list[str], code: str = "plain") -> list[int]:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = event(s, code, capacity=len(statuses))
        return [participate(s, ev, person(s, f"P{i}", "Plain", email=f"p{i}@example.eu"), status=st).id
                for i, st in enumerate(statuses)]


def test_a_plain_move_loads_no_objects(db) -> None:  # type: ignore[no-untyped-def]
    """Marking attendance reads and writes rows: no participation, person or event is built (the ORM cost)."""
    (pid,) = _event_with(db, ["confirmed"])
    built: list[object] = []

    def loaded(target: object, _context: object) -> None:
        built.append(target)

    for model in (Participation, Person, Event):
        sa_event.listen(model, "load", loaded)
    try:
        with db.transaction() as s:
            moves = reg.change_status(s, "plain", [pid], "attended", by="desk")
    finally:
        for model in (Participation, Person, Event):
            sa_event.remove(model, "load", loaded)
    assert built == []
    assert [(c.name, c.email, c.from_status, c.to_status) for c in moves.changes] == [("P0 Plain", "p0@example.eu", "confirmed", "attended")]
    with db.reading() as s:
        part = s.get(Participation, pid)
        assert (part.status, part.version) == ("attended", 2)
        assert s.scalars(select(StatusChange.by).where(StatusChange.participation_id == pid, StatusChange.to_status == "attended")).all() == ["desk"]


def test_an_object_the_unit_holds_sees_the_move_and_saves_after_it(db) -> None:  # type: ignore[no-untyped-def]
    """A participation loaded (and edited) before the move shows its new status, and a later edit is no false conflict."""
    (pid,) = _event_with(db, ["registered"])
    with db.transaction() as s:
        part = s.get(Participation, pid)
        part.notes = "before"
        reg.set_status(s, "plain", [pid], "attended")
        assert (part.status, part.version) == ("attended", 3)
        part.notes = "after"
    with db.reading() as s:
        part = s.get(Participation, pid)
        assert (part.status, part.notes, part.version) == ("attended", "after", 4)


def test_undo_of_a_plain_move_holds_only_the_rows_it_moved(db) -> None:  # type: ignore[no-untyped-def]
    """Of two named, the one already attended is neither changed, recorded nor in what undoes the move."""
    came, registered = _event_with(db, ["attended", "registered"])
    with db.transaction() as s:
        moves = reg.change_status(s, "plain", [came, registered, registered], "attended")
    assert [(c.participation_id, c.from_status) for c in moves.changes] == [(registered, "registered")]
    assert [(b.participation_id, b.status) for b in moves.before] == [(registered, "registered")]
    with db.reading() as s:
        assert s.get(Participation, came).version == 1


def test_many_at_once_each_rise_one_version_with_their_history(db) -> None:  # type: ignore[no-untyped-def]
    ids = _event_with(db, ["confirmed"] * 5)
    with db.transaction() as s:
        moves = reg.change_status(s, "plain", ids, "no_show", reason="not on the call")
    assert [c.participation_id for c in moves.changes] == ids
    with db.reading() as s:
        assert {p.version for p in s.scalars(select(Participation).where(Participation.id.in_(ids)))} == {2}
        reasons = s.scalars(select(StatusChange.reason).where(StatusChange.participation_id.in_(ids), StatusChange.to_status == "no_show"))
        assert list(reasons) == ["not on the call"] * 5


def test_a_waitlisted_or_forbidden_move_keeps_the_full_rule(db) -> None:  # type: ignore[no-untyped-def]
    """Attending from the waitlist renumbers the queue; a forbidden move is refused naming the person, nothing changed."""
    first, second, done = _event_with(db, ["waitlisted", "waitlisted", "attended"])
    with db.transaction() as s:
        s.get(Participation, first).waitlist_position, s.get(Participation, second).waitlist_position = 1, 2
    with db.transaction() as s:
        reg.set_status(s, "plain", [first], "attended")
        assert reg.waitlist(s, "plain") == [second]
        assert s.get(Participation, second).waitlist_position == 1
    with pytest.raises(Conflict, match="P2 Plain: cannot go from attended to registered"), db.transaction() as s:
        reg.set_status(s, "plain", [first, done], "registered")
    with db.reading() as s:
        assert s.get(Participation, first).status == "attended"


def test_a_row_saved_by_someone_else_since_it_was_read_is_an_edit_conflict(db) -> None:  # type: ignore[no-untyped-def]
    """The versioned UPDATE refuses a row whose version moved on, naming both sides; nothing is written."""
    (pid,) = _event_with(db, ["confirmed"])
    with db.reading() as s:
        (seen,) = s.execute(reg._PLAIN_ROWS, {"code": "plain", "ids": [pid]}).all()
    with db.transaction() as s:
        reg.set_status(s, "plain", [pid], "no_show")
    with pytest.raises(EditConflict) as caught, db.transaction() as s:
        reg._write_plain_moves(s, [seen], "attended", "desk", "")
    assert (caught.value.mine, caught.value.theirs) == ({"status": "attended"}, {"status": "no_show"})
    assert (caught.value.my_version, caught.value.their_version) == (1, 2)
    with db.reading() as s:
        assert s.get(Participation, pid).status == "no_show"
        assert s.scalar(select(StatusChange.id).where(StatusChange.to_status == "attended")) is None


def test_a_plain_move_raises_the_change_counter_once_and_wakes_a_waiter(db) -> None:  # type: ignore[no-untyped-def]
    """Open pages learn of it: one change number per move (NOTIFY on PostgreSQL), none for a move that changed nothing."""
    came, registered = _event_with(db, ["attended", "registered"])
    start = data_version(db)
    woke: list[int] = []
    waiter = threading.Thread(target=lambda: woke.append(wait_for_change(db, start, timeout=20)))
    waiter.start()
    time.sleep(0.3)  # the waiter listens (or polls) before the move commits
    with db.transaction() as s:
        reg.set_status(s, "plain", [registered], "attended")
    waiter.join(25)
    assert woke == [start + 1]
    with db.transaction() as s:
        reg.set_status(s, "plain", [came], "attended")
    assert data_version(db) == start + 1
