"""Messages about an unknown item name every valid key (sorted), or say how many were left out."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from iurc_desktop.core.choices import listed
from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import NotFound, ValidationError
from iurc_desktop.core.models import Event, Item
from iurc_desktop.exchange.ics.export import find_item as ics_find_item
from iurc_desktop.exchange.rosters.rosters import write_roster
from tests.core.factories import event, item

JAPAN = "r2r-japan-2022"


def _demo_keys(db: Database) -> list[str]:
    with db.reading() as s:
        return sorted(k for (k,) in s.query(Item.key).join(Event).filter(Event.code == JAPAN))


def test_listed_names_all_up_to_forty_sorted_and_counts_the_rest() -> None:
    assert listed(["b", "a", "C"]) == "a, b, C"
    assert listed([]) == "none" and listed([], none="no items") == "no items"
    many = [f"k{i:02d}" for i in range(45)]
    assert listed(many) == ", ".join(many[:40]) + " … and 5 more"
    assert listed(many[:40]) == ", ".join(many[:40])


def test_roster_and_calendar_messages_list_every_item_of_the_demo_visit(demo_db: Database, tmp_path: Path) -> None:
    keys = _demo_keys(demo_db)
    assert len(keys) > 15
    with demo_db.reading() as s, pytest.raises(NotFound) as roster:
        write_roster(s, JAPAN, "host", tmp_path / "h.xlsx", item_key="nope")
    with demo_db.reading() as s, pytest.raises(ValidationError) as missing:
        write_roster(s, JAPAN, "host", tmp_path / "h.xlsx")
    with demo_db.reading() as s, pytest.raises(NotFound) as ics:
        ics_find_item(s.query(Event).filter_by(code=JAPAN).one(), "nope")
    for caught in (roster, missing, ics):
        assert ", ".join(keys) in str(caught.value)
    assert str(missing.value).startswith("The host roster is for one item; name it with --item")


def test_beyond_forty_items_the_message_says_how_many_more(db: Database, tmp_path: Path) -> None:
    with db.transaction() as s:
        ev = event(s, "big")
        for i in range(43):
            item(s, ev, f"talk-{i:02d}", datetime(2026, 3, 23, 9), datetime(2026, 3, 23, 10))
    with db.reading() as s, pytest.raises(NotFound, match=r"talk-39 … and 3 more\)"):
        write_roster(s, "big", "host", tmp_path / "h.xlsx", item_key="nope")
