"""Calendar entries put into an event's items: created, updated in place under their key, cancelled."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from iurc_desktop.core.events import items
from iurc_desktop.core.models import Item

from . import factories as f

UTC = timezone.utc
START = datetime(2026, 10, 22, 1, tzinfo=UTC)


@pytest.fixture
def visit(db):  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        f.event(s, "visit", zone="Asia/Tokyo", start=date(2026, 10, 20), end=date(2026, 10, 26))
    return db


def _entry(start: datetime = START, *, cancelled: bool = False, notes: str = "") -> items.CalendarItem:
    return items.CalendarItem("ics-1", "Talk" * 100, start, start + timedelta(hours=1), "Asia/Tokyo", "Room", "", notes, cancelled)


def _item(db) -> Item:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        item = s.query(Item).one()
        s.expunge(item)
        return item


def test_an_entry_creates_its_item_cut_to_the_columns_and_a_later_one_updates_it(visit) -> None:  # type: ignore[no-untyped-def]
    with visit.transaction() as s:
        items.put_calendar_items(s, "visit", [_entry()])
    first = _item(visit)
    assert (first.title, first.start_utc, first.kind, first.status) == (("Talk" * 100)[:300], START, "other", "scheduled")
    assert items.shown(first) == items.shown(_entry().columns())
    with visit.transaction() as s:
        items.put_calendar_items(s, "visit", [_entry(notes="new notes")])
    assert (_item(visit).notes, _item(visit).sequence) == ("new notes", first.sequence)  # notes are not shown: no news
    with visit.transaction() as s:
        items.put_calendar_items(s, "visit", [_entry(START + timedelta(hours=1))])
    assert _item(visit).sequence == first.sequence + 1


def test_a_cancelled_entry_cancels_its_item_and_is_skipped_without_one(visit) -> None:  # type: ignore[no-untyped-def]
    with visit.transaction() as s:
        items.put_calendar_items(s, "visit", [_entry(cancelled=True)])
        assert s.query(Item).count() == 0
        items.put_calendar_items(s, "visit", [_entry(), _entry(cancelled=True)])
    assert _item(visit).status == "cancelled"
