"""Checks of dates: an item outside its event's days, sessions on a weekend (local to each item's zone)."""

from __future__ import annotations

from datetime import date, datetime

from iurc_desktop.app import planning
from iurc_desktop.core.events import admin, checks, groups

from . import factories as f


def _problems(db, kind: str):  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return [p for p in checks.check_event(s, "visit") if p.kind == kind]


def test_an_item_outside_the_event_dates_is_a_warning(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = f.event(s, "visit", zone="Asia/Tokyo", start=date(2026, 3, 23), end=date(2026, 3, 27))
        f.item(s, ev, "inside", datetime(2026, 3, 24, 1), datetime(2026, 3, 24, 3), zone="Asia/Tokyo")
        f.item(s, ev, "early", datetime(2025, 3, 24, 1), datetime(2025, 3, 24, 3), zone="Asia/Tokyo")
    found = _problems(db, "outside_dates")
    assert [(p.severity, p.items) for p in found] == [("warning", ("early",))]
    assert "outside the dates of visit (Mon 23 Mar 2026 – Fri 27 Mar 2026)" in found[0].message


def test_a_session_on_a_local_saturday_is_a_weekend_warning(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = f.event(s, "visit", zone="Europe/Brussels", start=date(2026, 3, 23), end=date(2026, 3, 29))
        # Saturday 08:30 in Tokyo is still Friday in Brussels, and Friday 23:00 in Brussels is Saturday in Tokyo:
        # the item's own zone decides.
        f.item(s, ev, "tokyo", datetime(2026, 3, 28, 8, 30), datetime(2026, 3, 28, 10), zone="Asia/Tokyo")
        f.item(s, ev, "brussels", datetime(2026, 3, 27, 23), datetime(2026, 3, 27, 23, 30), zone="Europe/Brussels")
    found = _problems(db, "weekend")
    assert [(p.severity, p.items) for p in found] == [("warning", ("tokyo",))]
    assert "visit has 1 session on a weekend: tokyo (Sat 28 Mar 2026)" in found[0].message


def test_cancelled_items_raise_no_date_warning(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = f.event(s, "visit", start=date(2026, 3, 23), end=date(2026, 3, 27))
        f.item(s, ev, "sat", datetime(2026, 3, 28, 9), datetime(2026, 3, 28, 10)).status = "cancelled"
    assert _problems(db, "weekend") == [] and _problems(db, "outside_dates") == []


def test_duplicate_warning_names_the_sessions_the_new_dates_put_on_a_weekend(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = f.event(s, "visit", start=date(2026, 3, 23), end=date(2026, 3, 27))
        f.item(s, ev, "fri", datetime(2026, 3, 27, 9), datetime(2026, 3, 27, 10))
    assert planning.weekend_warning(db, "visit", date(2026, 3, 23)) == ""
    text = planning.weekend_warning(db, "visit", date(2026, 3, 24), "copy")
    assert text.startswith("copy has 1 session on a weekend: fri (Sat 28 Mar 2026)")


def test_event_edit_keeps_item_instants_and_undo_restores(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = f.event(s, "visit", zone="Asia/Tokyo", start=date(2026, 3, 23), end=date(2026, 3, 27))
        f.item(s, ev, "talk", datetime(2026, 3, 24, 1), datetime(2026, 3, 24, 3), zone="Asia/Tokyo")
    with db.transaction() as s:
        old, new = admin.update_event(s, "visit", {"code": "visit-2", "zone": "Europe/Brussels", "start": "2026-03-24"})
    assert old == {"code": "visit", "zone": "Asia/Tokyo", "start": "2026-03-23"}
    assert new == {"code": "visit-2", "zone": "Europe/Brussels", "start": "2026-03-24"}
    with db.reading() as s:
        item = admin.get_event_model(s, "visit-2").items[0]
        assert item.start_utc.replace(tzinfo=None) == datetime(2026, 3, 23, 16)  # 01:00 in Tokyo, as before
    with db.transaction() as s:
        admin.update_event(s, "visit-2", old)
        assert admin.event_record(s, "visit")["zone"] == "Asia/Tokyo"


def test_removed_event_comes_back_with_its_uids(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = f.event(s, "visit", start=date(2026, 3, 23), end=date(2026, 3, 27))
        f.item(s, ev, "talk", datetime(2026, 3, 24, 9), datetime(2026, 3, 24, 10))
        groups.create_group(s, "visit", "A")
    with db.transaction() as s:
        uids = (ev_uid := admin.event_record(s, "visit")["uid"], admin.get_event_model(s, "visit").items[0].uid)
        token = admin.remove_event(s, "visit")
    with db.transaction() as s:
        assert admin.restore_event(s, token) == "visit"
        back = admin.get_event_model(s, "visit")
        assert (back.uid, back.items[0].uid) == uids and ev_uid == back.uid
        assert [g.name for g in back.groups] == ["A"]


def test_cancel_then_reinstate(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = f.event(s, "visit", start=date(2026, 3, 23), end=date(2026, 3, 27))
        f.item(s, ev, "a", datetime(2026, 3, 24, 9), datetime(2026, 3, 24, 10))
        f.item(s, ev, "b", datetime(2026, 3, 25, 9), datetime(2026, 3, 25, 10)).status = "cancelled"
        ev.status = "confirmed"
    with db.transaction() as s:
        done = admin.cancel(s, "visit")
    assert done.item_keys == ("a",) and done.event_status == "confirmed"
    with db.transaction() as s:
        admin.reinstate(s, done)
    with db.reading() as s:
        ev = admin.get_event_model(s, "visit")
        assert ev.status == "confirmed"
        assert {i.key: i.status for i in ev.items} == {"a": "scheduled", "b": "cancelled"}
