"""Items through the app: edited, moved, removed, and put back under the same calendar UID."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from iurc_desktop.app import items
from iurc_desktop.app.changes import Topic
from iurc_desktop.app.events import event_detail
from iurc_desktop.core.errors import Conflict
from iurc_desktop.core.models import Event, Item

CODE = "r2r-japan-2022"


def _item(db, key: str):  # type: ignore[no-untyped-def]
    with db.reading() as s:
        item = s.scalar(select(Item).join(Event).where(Event.code == CODE, Item.key == key))
        return None if item is None else (
            item.uid, item.sequence, item.sent_sequence, item.title, item.kind, item.start_utc, item.end_utc, item.zone,
            item.place, item.host_id, item.status, item.url, item.notes,
            sorted(g.name for g in item.groups), sorted((a.person_id, a.role) for a in item.assigned),
        )


def test_remove_item_then_restore_keeps_uid_sequence_groups_people_and_host(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.transaction() as s:  # an item already sent, to see the sent sequence survive too
        item = s.scalar(select(Item).join(Event).where(Event.code == CODE, Item.key == "aichi-visit"))
        item.sequence, item.sent_sequence = 3, 3
    before = _item(demo_db, "aichi-visit")
    outcome = items.remove_item(demo_db, CODE, "aichi-visit")
    assert outcome.changed == frozenset({Topic.ITEMS})
    assert _item(demo_db, "aichi-visit") is None
    assert outcome.value.uid == before[0]
    assert items.restore_item(demo_db, CODE, outcome.value).changed == frozenset({Topic.ITEMS})
    assert _item(demo_db, "aichi-visit") == before


def test_an_item_is_not_restored_over_a_new_one_with_its_key(demo_db) -> None:  # type: ignore[no-untyped-def]
    removed = items.remove_item(demo_db, CODE, "welcome").value
    items.create_item(demo_db, CODE, key="welcome", title="New welcome", kind="session",
                      start_local=datetime(2022, 11, 20, 9), end_local=datetime(2022, 11, 20, 10), zone="Asia/Tokyo")
    with pytest.raises(Conflict, match="has an item 'welcome' again"):
        items.restore_item(demo_db, CODE, removed)


def test_update_and_move_item_say_items_changed_and_raise_the_sequence(demo_db) -> None:  # type: ignore[no-untyped-def]
    start = next(i for i in event_detail(demo_db, CODE).items if i.key == "welcome").start
    changed = items.update_item(demo_db, CODE, "welcome", place="Hall B")
    assert changed.changed == frozenset({Topic.ITEMS}) and changed.value.changed == ("place",)
    moved = items.move_item(demo_db, CODE, "welcome", start_local=start.replace(tzinfo=None, hour=start.hour + 1))
    assert moved.value.start.hour == start.hour + 1 and moved.value.sequence == changed.value.sequence + 1


def test_rename_event_returns_the_old_title(demo_db) -> None:  # type: ignore[no-untyped-def]
    old = event_detail(demo_db, CODE).row.title
    outcome = items.rename_event(demo_db, CODE, "Renamed")
    assert outcome.value == old and outcome.changed == frozenset({Topic.EVENTS})
    assert event_detail(demo_db, CODE).row.title == "Renamed"
