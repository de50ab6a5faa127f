"""One rule raises a calendar entry's SEQUENCE: a field the entry shows changed, once per transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from iurc_desktop.core.db import Database
from iurc_desktop.core.models import Event, Item
from tests.core import factories as f


def _visit(db: Database) -> None:
    with db.transaction() as s:
        ev = f.event(s, "visit")
        f.item(s, ev, "talk", datetime(2026, 3, 23, 9), datetime(2026, 3, 23, 10))


def _sequences(db: Database) -> tuple[int, int]:
    with db.reading() as s:
        return s.scalar(select(Event.sequence)), s.scalar(select(Item.sequence))  # type: ignore[return-value]


def test_changing_a_shown_field_raises_the_sequence_once_per_transaction(db: Database) -> None:
    _visit(db)
    with db.transaction() as s:
        item = s.scalar(select(Item))
        assert item is not None
        item.title = "Keynote"
        s.flush()  # a flush in the middle of one action does not count twice
        item.place = "Nagoya"
    assert _sequences(db) == (0, 1)
    with db.transaction() as s:
        event = s.scalar(select(Event))
        assert event is not None
        event.title = "Study visit"
    assert _sequences(db) == (1, 1)


def test_a_field_the_calendar_does_not_show_leaves_the_sequence(db: Database) -> None:
    _visit(db)
    with db.transaction() as s:
        item = s.scalar(select(Item))
        assert item is not None
        item.notes = "bring badges"
    assert _sequences(db) == (0, 0)


def test_a_sequence_set_by_the_writer_is_kept(db: Database) -> None:
    """A programme file carrying its own SEQUENCE, or a resolved conflict, says what it is."""
    _visit(db)
    with db.transaction() as s:
        item = s.scalar(select(Item))
        assert item is not None
        item.title, item.sequence = "Keynote", 7
    assert _sequences(db) == (0, 7)


def test_a_rolled_back_change_does_not_use_up_the_next_raise(db: Database) -> None:
    _visit(db)
    try:
        with db.transaction() as s:
            item = s.scalar(select(Item))
            assert item is not None
            item.title = "Keynote"
            s.flush()
            raise RuntimeError("refused")
    except RuntimeError:
        pass
    with db.transaction() as s:
        item = s.scalar(select(Item))
        assert item is not None
        item.title = "Keynote"
    assert _sequences(db) == (0, 1)
