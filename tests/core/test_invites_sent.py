"""Recording which invite version was sent, and the to-do that depends on it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import NotFound
from iurc_desktop.core.events.invites_sent import mark_sent
from iurc_desktop.core.events.todo import todo
from iurc_desktop.core.models import Item

from .factories import event, item

TODAY = date(2026, 11, 1)


def _setup(db: Database) -> None:
    with db.transaction() as s:
        ev = event(s, "visit", start=date(2026, 12, 1), end=date(2026, 12, 3))
        item(s, ev, "talk", datetime(2026, 12, 1, 9), datetime(2026, 12, 1, 10))
        gone = item(s, ev, "tour", datetime(2026, 12, 2, 9), datetime(2026, 12, 2, 10))
        gone.status = "cancelled"


def _changed(db: Database) -> list[str]:
    with db.reading() as s:
        return [e.key for e in todo(s, today=TODAY) if e.rule == "invite_changed"]


def test_mark_sent_records_the_current_sequence_of_scheduled_items(db: Database) -> None:
    _setup(db)
    with db.transaction() as s:
        assert mark_sent(s, "visit") == ("talk",)  # a cancelled item got no invite
    with db.reading() as s:
        sent = {i.key: i.sent_sequence for i in s.query(Item)}
    assert sent == {"talk": 0, "tour": None}


def test_an_item_changed_after_sending_is_a_todo_until_sent_again(db: Database) -> None:
    _setup(db)
    with db.transaction() as s:
        mark_sent(s, "visit", ["talk"])
    assert _changed(db) == []
    with db.transaction() as s:
        s.query(Item).filter_by(key="talk").one().sequence += 1
    assert _changed(db) == ["talk"]
    with db.transaction() as s:
        assert mark_sent(s, "visit", ["talk"]) == ("talk",)
    assert _changed(db) == []


def test_mark_sent_refuses_an_unknown_item_and_changes_nothing(db: Database) -> None:
    _setup(db)
    with pytest.raises(NotFound, match="no item nope"), db.transaction() as s:
        mark_sent(s, "visit", ["talk", "nope"])
    with db.reading() as s:
        assert s.query(Item).filter_by(key="talk").one().sent_sequence is None


def test_a_whole_event_cancellation_marks_the_cancelled_items_too(db: Database) -> None:
    _setup(db)
    with db.transaction() as s:
        assert mark_sent(s, "visit", with_cancelled=True) == ("talk", "tour")
