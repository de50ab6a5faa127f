"""Travel legs: departure and arrival in their own zones; only true-time reversal is refused."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from iurc_desktop.core.errors import NotFound, TimeError, ValidationError
from iurc_desktop.core.travel import legs as travel

from . import factories as f


@pytest.fixture
def visit(db):  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = f.event(s, "visit", zone="Asia/Tokyo", start=date(2026, 10, 19), end=date(2026, 10, 24))
        f.participate(s, ev, f.person(s, "Ane", "Etxeberria", email="ane@example.eus"))
    return db


def _add(s, **kw):  # type: ignore[no-untyped-def]
    base = dict(kind="flight", carrier="AF", number="AF276", from_place="CDG", from_zone="Europe/Paris",
                depart_local=datetime(2026, 10, 17, 23, 25), to_place="HND", to_zone="Asia/Tokyo",
                arrive_local=datetime(2026, 10, 18, 19, 5))
    base.update(kw)
    return travel.add_leg(s, "visit", "ane@example.eus", **base)


def test_overnight_flight_arrives_next_day_in_its_own_zone(visit) -> None:
    with visit.transaction() as s:
        _add(s)
    with visit.reading() as s:
        (leg,) = travel.list_legs(s, "visit", "ane@example.eus")
    assert leg.depart.isoformat() == "2026-10-17T23:25:00+02:00"
    assert leg.arrive.isoformat() == "2026-10-18T19:05:00+09:00"
    assert leg.duration == timedelta(hours=12, minutes=40)


def test_eastbound_arrival_earlier_by_the_clock_is_accepted(visit) -> None:
    """NRT 17:00 to LAX 10:30 the same day: later in true time although the clock says 'before'."""
    with visit.transaction() as s:
        _add(s, from_place="NRT", from_zone="Asia/Tokyo", depart_local=datetime(2026, 10, 24, 17, 0),
             to_place="LAX", to_zone="America/Los_Angeles", arrive_local=datetime(2026, 10, 24, 10, 30))
    with visit.reading() as s:
        (leg,) = travel.list_legs(s, "visit")
    assert leg.arrive.isoformat() == "2026-10-24T10:30:00-07:00" and leg.duration == timedelta(hours=9, minutes=30)


def test_return_flight_arriving_in_the_paris_fold_shows_the_right_local_time(visit) -> None:
    """Clocks go back in Europe on 2026-10-25 03:00 CEST -> 02:00 CET; an arrival at 02:40 needs its offset."""
    with visit.transaction() as s, pytest.raises(TimeError, match="arrive: 2026-10-25 02:40 happens twice in Europe/Paris"):
        _add(s, from_place="HND", from_zone="Asia/Tokyo", depart_local=datetime(2026, 10, 24, 20, 0),
             to_place="CDG", to_zone="Europe/Paris", arrive_local=datetime(2026, 10, 25, 2, 40))
    with visit.transaction() as s:
        _add(s, from_place="HND", from_zone="Asia/Tokyo", depart_local=datetime(2026, 10, 24, 20, 0),
             to_place="CDG", to_zone="Europe/Paris", arrive_local=datetime(2026, 10, 25, 2, 40),
             arrive_offset=timedelta(hours=1))
    with visit.reading() as s:
        (leg,) = travel.list_legs(s, "visit")
    assert leg.arrive.isoformat() == "2026-10-25T02:40:00+01:00" and leg.arrive.tzname() == "CET"
    # 20:00 JST is 11:00 UTC; 02:40 CET is 01:40 UTC: 14 h 40 in the air, not 13 h 40.
    assert leg.duration == timedelta(hours=14, minutes=40)


def test_arrival_before_departure_in_true_time_is_refused_with_both_times(visit) -> None:
    with visit.transaction() as s, pytest.raises(ValidationError, match="2026-10-18 05:00 JST in Asia/Tokyo is not after the departure"):
        _add(s, arrive_local=datetime(2026, 10, 18, 5, 0))


def test_departure_in_a_gap_is_refused(visit) -> None:
    with visit.transaction() as s, pytest.raises(TimeError, match="depart: 2026-03-29 02:30 does not exist in Europe/Paris"):
        _add(s, depart_local=datetime(2026, 3, 29, 2, 30), arrive_local=datetime(2026, 3, 29, 20, 0))


def test_unknown_kind_and_missing_places_are_listed(visit) -> None:
    with visit.transaction() as s, pytest.raises(ValidationError) as info:
        _add(s, kind="boat", to_place=" ")
    assert any("kind: 'boat'" in p for p in info.value.problems) and any(p.startswith("to:") for p in info.value.problems)


def test_update_moves_local_time_and_raises_sequence(visit) -> None:
    with visit.transaction() as s:
        leg_id = _add(s)
    with visit.transaction() as s:
        same = travel.update_leg(s, "visit", leg_id, booking_ref="ABC123")
        assert same.sequence == 0 and same.booking_ref == "ABC123"
        moved = travel.update_leg(s, "visit", leg_id, arrive_local=datetime(2026, 10, 18, 21, 0))
    assert moved.sequence == 1 and moved.arrive.isoformat() == "2026-10-18T21:00:00+09:00"


def test_update_refuses_reversal_and_remove_deletes(visit) -> None:
    with visit.transaction() as s:
        leg_id = _add(s)
    with visit.transaction() as s, pytest.raises(ValidationError, match="not after the departure"):
        travel.update_leg(s, "visit", leg_id, depart_local=datetime(2026, 10, 19, 8, 0))
    with visit.transaction() as s:
        travel.remove_leg(s, "visit", leg_id)
    with visit.reading() as s:
        assert travel.list_legs(s, "visit") == []
    with visit.transaction() as s, pytest.raises(NotFound, match="no travel leg"):
        travel.remove_leg(s, "visit", leg_id)


def test_leg_label_does_not_repeat_the_carrier() -> None:
    assert travel.leg_label("LH", "LH716") == "LH716"
    assert travel.leg_label("Shinkansen", "Nozomi 21") == "Shinkansen Nozomi 21"
    assert travel.leg_label("", "") == ""
