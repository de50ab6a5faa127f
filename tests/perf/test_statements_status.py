"""A status change runs the statements its rule needs, however large the event: pinned on each backend."""

from __future__ import annotations

from sqlalchemy import select

from iurc_desktop.app import registrations
from iurc_desktop.core.db import Database
from iurc_desktop.core.models import Event, Participation
from tests.core import factories as f
from tests.statements import count_statements

DEMO_EVENT = "r2r-japan-2022"


def _first_confirmed(db: Database) -> int:
    with db.reading() as s:
        return s.scalars(
            select(Participation.id).join(Event).where(Event.code == DEMO_EVENT, Participation.status == "confirmed")
            .order_by(Participation.id)
        ).first()


def _status_change_counts(db: Database) -> list[int]:
    """Statements of three moves of one participant: confirmed -> attended -> no_show -> attended."""
    pid = _first_confirmed(db)
    return [count_statements(db, lambda to=to: registrations.set_status(db, DEMO_EVENT, [pid], to))
            for to in ("attended", "no_show", "attended")]


def test_a_status_change_reads_the_row_writes_it_and_its_history(scaled_dbs) -> None:  # type: ignore[no-untyped-def]
    """One SELECT (the row, its version and person), the versioned UPDATE, the history INSERT, the change number.

    PostgreSQL sends the UPDATE inside the history INSERT, one statement (so 3, was 4); SQLite sends the two
    one by one and takes its write lock first (BEGIN IMMEDIATE). Before, a status change ran 9.
    """
    small, large = scaled_dbs
    expected = 5 if small.is_sqlite else 3
    assert _status_change_counts(small) == _status_change_counts(large) == [expected] * 3


def _freeing_a_place_counts(db: Database, code: str) -> int:
    with db.transaction() as s:
        ev = f.event(s, code, capacity=1)
        leaving = f.participate(s, ev, f.person(s, "Leaving", code), status="confirmed").id
        f.participate(s, ev, f.person(s, "Waiting", code), status="waitlisted").waitlist_position = 1
    return count_statements(db, lambda: registrations.set_status(db, code, [leaving], "cancelled"))


def test_freeing_a_place_adds_only_the_promotion(scaled_dbs) -> None:  # type: ignore[no-untyped-def]
    """The event row locked, the count of held places, the waitlist, and the promoted person's UPDATE and history."""
    small, large = scaled_dbs
    expected = 10 if small.is_sqlite else 9
    assert _freeing_a_place_counts(small, "freed-place") == _freeing_a_place_counts(large, "freed-place") == expected


def _marking_all_confirmed_counts(db: Database) -> tuple[int, int]:
    """How many confirmed participants of the demo event are marked attended at once, and the statements it takes."""
    with db.reading() as s:
        ids = list(s.scalars(select(Participation.id).join(Event).where(Event.code == DEMO_EVENT, Participation.status == "confirmed")))
    return len(ids), count_statements(db, lambda: registrations.set_status(db, DEMO_EVENT, ids, "attended"))


def test_marking_many_attended_runs_the_statements_of_one(scaled_dbs) -> None:  # type: ignore[no-untyped-def]
    """All the event's confirmed participants in one move: one read, and one UPDATE and INSERT for them all."""
    small, large = scaled_dbs
    (few, at_small), (many, at_large) = _marking_all_confirmed_counts(small), _marking_all_confirmed_counts(large)
    assert 1 < few < many
    assert at_small == at_large == (5 if small.is_sqlite else 3)
