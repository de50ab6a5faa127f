"""Duplicating an event through the app, and its undo removing the copy."""

from __future__ import annotations

from datetime import date

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
