"""Duplicating an event through the app, and its undo removing the copy."""

from __future__ import annotations

from datetime import date, timedelta, timezone

import pytest

from iurc_desktop.app import templates
from iurc_desktop.app.changes import Topic
from iurc_desktop.app.events import event_row, list_events
from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import Conflict, NotFound


def _first(db: Database) -> str:
    return list_events(db)[0].code


def test_duplicate_then_remove_returns_to_the_same_events(demo_db: Database) -> None:
    code = _first(demo_db)
    before = [row.code for row in list_events(demo_db)]
    outcome = templates.duplicate_event(demo_db, code, new_code="copy-of-first", new_start=date(2031, 5, 5))
    assert {Topic.EVENTS, Topic.ITEMS} <= outcome.changed
    assert outcome.value.code == "copy-of-first"
    copy = event_row(demo_db, "copy-of-first")
    assert copy.start == date(2031, 5, 5) and copy.items == event_row(demo_db, code).items
    assert copy.participants == 0  # people are invited again only when asked

    templates.remove_duplicate(demo_db, "copy-of-first")
    assert [row.code for row in list_events(demo_db)] == before
    with pytest.raises(NotFound):
        templates.remove_duplicate(demo_db, "copy-of-first")


def test_a_taken_code_is_refused_and_nothing_is_made(demo_db: Database) -> None:
    codes = [row.code for row in list_events(demo_db)]
    with pytest.raises(Conflict):
        templates.duplicate_event(demo_db, codes[0], new_code=codes[1], new_start=date(2031, 1, 1))
    assert [row.code for row in list_events(demo_db)] == codes


def _night_event(db: Database) -> None:
    """A one-hour item at 02:30 Brussels time on a Sunday in March, to copy onto the days the clocks change."""
    from datetime import datetime

    from tests.core import factories as f

    with db.transaction() as s:
        ev = f.event(s, "night-2026", start=date(2026, 3, 22))
        f.item(s, ev, "late", datetime(2026, 3, 22, 2, 30), datetime(2026, 3, 22, 3, 30))


@pytest.mark.parametrize("new_start", [date(2026, 3, 29), date(2026, 10, 25)])
def test_a_copy_onto_a_clock_change_is_refused_whole_and_changes_nothing(db: Database, new_start: date) -> None:
    _night_event(db)
    before = [row.code for row in list_events(db)]
    with pytest.raises(templates.ClockChangeRefused) as refused:
        templates.duplicate_event(db, "night-2026", new_code="night-copy", new_start=new_start)
    assert "Late (late), start: 02:30 on Sun" in str(refused.value) and "the earlier, or" in str(refused.value)
    assert [row.code for row in list_events(db)] == before


@pytest.mark.parametrize(("new_start", "dst", "start"), [
    (date(2026, 3, 29), "later", "03:30"), (date(2026, 3, 29), "earlier", "01:30"),
    (date(2026, 10, 25), "earlier", "02:30"), (date(2026, 10, 25), "later", "02:30"),
])
def test_going_on_keeps_each_item_one_hour_in_one_transaction(db: Database, new_start: date, dst: str, start: str) -> None:
    from iurc_desktop.app.events import event_detail

    _night_event(db)
    outcome = templates.duplicate_event(db, "night-2026", new_code="night-copy", new_start=new_start, dst=dst)
    [note] = outcome.value.warnings
    assert f"the {dst} reading: now {start}" in note and "1 h as before" in note
    [late] = [i for i in event_detail(db, "night-copy").items if i.key == "late"]
    # same-zone aware datetimes subtract by the clock: compare the instants
    assert late.end.astimezone(timezone.utc) - late.start.astimezone(timezone.utc) == timedelta(hours=1)
    assert f"{late.start:%H:%M}" == start
