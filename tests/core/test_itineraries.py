"""Itineraries of a person and of a group: items, legs and nights in true order, each in its own zone."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from iurc_desktop.core.errors import NotFound, TimeError
from iurc_desktop.core.events import groups, items
from iurc_desktop.core.travel import stays, legs as travel
from iurc_desktop.core.travel.itineraries import group_itinerary, person_itinerary

from . import factories as f


@pytest.fixture
def visit(db):  # type: ignore[no-untyped-def]
    """Two delegates in groups A and B, a shared opening, a split day and Ane's flights and hotel."""
    with db.transaction() as s:
        ev = f.event(s, "visit", zone="Asia/Tokyo", start=date(2026, 10, 19), end=date(2026, 10, 23))
        f.participate(s, ev, f.person(s, "Ane", "Etxeberria", email="ane@example.eus"))
        f.participate(s, ev, f.person(s, "Jan", "Kowalski", email="jan@example.pl"))
        f.participate(s, ev, f.person(s, "Ken", "Sato", email="ken@example.jp"))
        for name in ("A", "B"):
            groups.create_group(s, "visit", name)
        groups.assign_group(s, "visit", "ane@example.eus", "A")
        groups.assign_group(s, "visit", "jan@example.pl", "B")
        tokyo = "Asia/Tokyo"
        items.create_item(s, "visit", key="opening", title="Opening", kind="session", place="Tokyo",
                          start_local=datetime(2026, 10, 19, 9), end_local=datetime(2026, 10, 19, 11), zone=tokyo)
        items.create_item(s, "visit", key="aichi", title="Aichi", kind="site_visit", place="Nagoya", groups=["A"],
                          start_local=datetime(2026, 10, 20, 9), end_local=datetime(2026, 10, 20, 12), zone=tokyo)
        items.create_item(s, "visit", key="osaka", title="Osaka", kind="site_visit", place="Osaka", groups=["B"],
                          start_local=datetime(2026, 10, 20, 10), end_local=datetime(2026, 10, 20, 12), zone=tokyo,
                          people=["ken@example.jp"])
        travel.add_leg(s, "visit", "ane@example.eus", carrier="AF", number="AF276", from_place="CDG", from_zone="Europe/Paris",
                       depart_local=datetime(2026, 10, 17, 23, 25), to_place="HND", to_zone=tokyo,
                       arrive_local=datetime(2026, 10, 18, 19, 5))
        travel.add_leg(s, "visit", "ane@example.eus", carrier="AF", number="AF293", from_place="HND", from_zone=tokyo,
                       depart_local=datetime(2026, 10, 21, 10, 0), to_place="CDG", to_zone="Europe/Paris",
                       arrive_local=datetime(2026, 10, 21, 16, 30))
        stays.add_stay(s, "visit", "ane@example.eus", hotel="Hotel Tokyo", zone=tokyo,
                       check_in=date(2026, 10, 18), check_out=date(2026, 10, 21))
    return db


def test_person_itinerary_orders_items_legs_and_nights_by_true_instant(visit) -> None:
    with visit.reading() as s:
        it = person_itinerary(s, "visit", "ane@example.eus")
    assert [e.key for e in it.entries] == ["leg-1", "stay-1", "opening", "aichi", "leg-2"]
    assert "osaka" not in [e.key for e in it.entries]  # group B's item
    flight = it.entries[0]
    assert flight.start.isoformat() == "2026-10-17T23:25:00+02:00" and flight.start_zone == "Europe/Paris"
    assert flight.end.isoformat() == "2026-10-18T19:05:00+09:00" and flight.end_zone == "Asia/Tokyo"


def test_days_are_headed_by_each_entry_own_local_start_date(visit) -> None:
    with visit.reading() as s:
        it = person_itinerary(s, "visit", "ane@example.eus")
    assert [(d.date.isoformat(), [e.key for e in d.entries]) for d in it.days] == [
        ("2026-10-17", ["leg-1"]), ("2026-10-18", ["stay-1"]), ("2026-10-19", ["opening"]),
        ("2026-10-20", ["aichi"]), ("2026-10-21", ["leg-2"]),
    ]


def test_individually_assigned_person_attends_a_group_item(visit) -> None:
    with visit.reading() as s:
        it = person_itinerary(s, "visit", "ken@example.jp")
    assert [e.key for e in it.entries] == ["opening", "osaka"]


def test_group_itinerary_has_its_items_and_members_travel(visit) -> None:
    with visit.reading() as s:
        a = group_itinerary(s, "visit", "A")
        b = group_itinerary(s, "visit", "B")
    assert [e.key for e in a.entries] == ["leg-1", "stay-1", "opening", "aichi", "leg-2"]
    assert a.people == ("ane@example.eus",)
    assert [e.key for e in b.entries] == ["opening", "osaka"]
    assert next(e for e in b.entries if e.key == "osaka").people == ("jan@example.pl",)


def test_group_members_on_the_same_flight_share_one_entry(visit) -> None:
    with visit.transaction() as s:
        groups.assign_group(s, "visit", "jan@example.pl", "A")
        travel.add_leg(s, "visit", "jan@example.pl", carrier="AF", number="AF276", from_place="CDG", from_zone="Europe/Paris",
                       depart_local=datetime(2026, 10, 17, 23, 25), to_place="HND", to_zone="Asia/Tokyo",
                       arrive_local=datetime(2026, 10, 18, 19, 5))
    with visit.reading() as s:
        a = group_itinerary(s, "visit", "A")
    flights = [e for e in a.entries if e.kind == "travel" and "AF276" in e.title]
    assert len(flights) == 1 and flights[0].people == ("ane@example.eus", "jan@example.pl")


def test_viewer_zone_adds_times_only_where_the_zone_differs(visit) -> None:
    with visit.reading() as s:
        it = person_itinerary(s, "visit", "ane@example.eus", viewer_zone="Europe/Brussels")
    opening = next(e for e in it.entries if e.key == "opening")
    assert opening.viewer_start.isoformat() == "2026-10-19T02:00:00+02:00"
    flight = it.entries[0]
    assert flight.viewer_start is not None and flight.viewer_end.isoformat() == "2026-10-18T12:05:00+02:00"
    with visit.reading() as s:
        local = person_itinerary(s, "visit", "ane@example.eus", viewer_zone="Asia/Tokyo")
    assert next(e for e in local.entries if e.key == "opening").viewer_start is None


def test_unknown_person_group_or_viewer_zone_is_reported(visit) -> None:
    with visit.reading() as s:
        with pytest.raises(NotFound, match="no group 'C'"):
            group_itinerary(s, "visit", "C")
        with pytest.raises(NotFound, match="no person"):
            person_itinerary(s, "visit", "who@example.eu")
        with pytest.raises(TimeError, match="Europe/Brusels is not a known time zone"):
            person_itinerary(s, "visit", "ane@example.eus", viewer_zone="Europe/Brusels")
