"""Logistics checks: each kind fires on a real problem and stays silent on its near miss."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from iurc_desktop.core.events import groups, items
from iurc_desktop.core.events.checks import KINDS, add_months, check_event, problem_json
from iurc_desktop.core.models import Participation, Person
from iurc_desktop.core.travel import stays, legs as travel

from . import factories as f

TOKYO = "Asia/Tokyo"
ANE = "ane@example.eus"
JAN = "jan@example.pl"


@pytest.fixture
def visit(db):  # type: ignore[no-untyped-def]
    """A well-planned study visit: two delegates in groups A and B, flights in and out, hotels every night."""
    with db.transaction() as s:
        ev = f.event(s, "visit", zone=TOKYO, start=date(2026, 10, 19), end=date(2026, 10, 22), capacity=3)
        eus = f.org(s, "basque", country="ES", zone="Europe/Madrid")
        pl = f.org(s, "lodz", country="PL", zone="Europe/Warsaw")
        ane = f.person(s, "Ane", "Etxeberria", email=ANE, organisation=eus)
        jan = f.person(s, "Jan", "Kowalski", email=JAN, organisation=pl)
        ane.passport_expiry = jan.passport_expiry = date(2030, 1, 1)
        f.participate(s, ev, ane)
        f.participate(s, ev, jan)
        f.participate(s, ev, f.person(s, "Ken", "Sato", email="ken@example.jp", organisation=f.org(s, "aichi", country="JP", zone=TOKYO)), role="host")
        for name in ("A", "B"):
            groups.create_group(s, "visit", name)
        groups.assign_group(s, "visit", ANE, "A")
        groups.assign_group(s, "visit", JAN, "B")
        _item(s, "opening", datetime(2026, 10, 19, 9), datetime(2026, 10, 19, 11), "Tokyo")
        _item(s, "aichi", datetime(2026, 10, 20, 9), datetime(2026, 10, 20, 12), "Nagoya", groups=["A"])
        _item(s, "osaka", datetime(2026, 10, 20, 9), datetime(2026, 10, 20, 12), "Osaka", groups=["B"])
        _item(s, "closing", datetime(2026, 10, 22, 9), datetime(2026, 10, 22, 12), "Kyoto")
        for email, origin, zone in ((ANE, "BIO", "Europe/Madrid"), (JAN, "WAW", "Europe/Warsaw")):
            _fly(s, email, origin, zone, "HND", TOKYO, datetime(2026, 10, 17, 12, 0), datetime(2026, 10, 18, 10, 0))
            _fly(s, email, "KIX", TOKYO, origin, zone, datetime(2026, 10, 22, 22, 0), datetime(2026, 10, 23, 7, 0))
            stays.add_stay(s, "visit", email, hotel="Hotel Tokyo", zone=TOKYO, check_in=date(2026, 10, 18), check_out=date(2026, 10, 20))
            stays.add_stay(s, "visit", email, hotel="Hotel Kyoto", zone=TOKYO, check_in=date(2026, 10, 20), check_out=date(2026, 10, 22))
            # The night of the 22nd is spent on the plane home.
    return db


def _item(s, key, start, end, place, groups=(), people=(), zone=TOKYO):  # type: ignore[no-untyped-def]
    items.create_item(s, "visit", key=key, title=key.title(), kind="site_visit", start_local=start, end_local=end,
                      zone=zone, place=place, groups=groups, people=people)


def _fly(s, email, frm, from_zone, to, to_zone, depart, arrive):  # type: ignore[no-untyped-def]
    return travel.add_leg(s, "visit", email, carrier="XX", number="XX101", from_place=frm, from_zone=from_zone,
                          depart_local=depart, to_place=to, to_zone=to_zone, arrive_local=arrive)


def _kinds(db, code="visit"):  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return check_event(s, code)


def _of(problems, kind):  # type: ignore[no-untyped-def]
    return [p for p in problems if p.kind == kind]


def test_a_well_planned_visit_has_no_problems(visit) -> None:
    assert _kinds(visit) == []


def test_double_booked_fires_for_overlapping_items_in_different_places(visit) -> None:
    with visit.transaction() as s:
        items.update_item(s, "visit", "osaka", people=[ANE])  # Ane is also sent to Osaka at the same time
    (problem,) = _of(_kinds(visit), "double_booked")
    assert problem.severity == "error" and problem.people == (ANE,) and problem.items == ("aichi", "osaka")
    assert "Ane Etxeberria is booked into 'Aichi' (Nagoya" in problem.message


def test_double_booked_near_miss_same_place_or_back_to_back(visit) -> None:
    with visit.transaction() as s:
        _item(s, "lunch", datetime(2026, 10, 20, 11), datetime(2026, 10, 20, 13), "Nagoya", groups=["A"])  # same place
        _item(s, "tea", datetime(2026, 10, 20, 12), datetime(2026, 10, 20, 13), "Toyota", groups=["B"])  # Jan: Osaka ends 12:00
    assert _of(_kinds(visit), "double_booked") == []


def test_double_booked_fires_when_a_group_item_clashes_with_an_item_for_everyone(visit) -> None:
    with visit.transaction() as s:
        _item(s, "press", datetime(2026, 10, 20, 11), datetime(2026, 10, 20, 13), "Tokyo")  # everyone, while A and B are away
    problems = _of(_kinds(visit), "double_booked")
    assert [(p.items, p.people) for p in problems] == [(("aichi", "press"), (ANE,)), (("osaka", "press"), (JAN,))]


def test_double_booked_near_miss_parallel_tracks_and_speakers_at_their_own_session(visit) -> None:
    """Two items for everyone are parallel tracks; a speaker assigned to one goes to that one."""
    with visit.transaction() as s:
        _item(s, "track-1", datetime(2026, 10, 21, 9), datetime(2026, 10, 21, 11), "Room 1", people=[ANE])
        _item(s, "track-2", datetime(2026, 10, 21, 9), datetime(2026, 10, 21, 11), "Room 2", people=[JAN])
    assert _of(_kinds(visit), "double_booked") == []


def test_arrives_late_fires_when_the_first_item_starts_before_arrival(visit) -> None:
    with visit.transaction() as s:
        leg = travel.list_legs(s, "visit", JAN)[0]
        travel.update_leg(s, "visit", leg.id, depart_local=datetime(2026, 10, 18, 12, 0), arrive_local=datetime(2026, 10, 19, 10, 0))
    (problem,) = _of(_kinds(visit), "arrives_late")
    assert problem.people == (JAN,) and problem.items == ("opening",) and problem.severity == "error"
    assert "arrives at HND on Mon 19 Oct 10:00 JST" in problem.message and "'Opening' starts on Mon 19 Oct 09:00 JST" in problem.message


def test_arrives_late_near_miss_arriving_just_before_the_start(visit) -> None:
    with visit.transaction() as s:
        leg = travel.list_legs(s, "visit", JAN)[0]
        travel.update_leg(s, "visit", leg.id, depart_local=datetime(2026, 10, 18, 12, 0), arrive_local=datetime(2026, 10, 19, 8, 59))
        stays.update_stay(s, "visit", stays.list_stays(s, "visit", JAN)[0].id, check_in=date(2026, 10, 19))
    assert _kinds(visit) == []


def test_leaves_early_fires_when_departing_before_the_last_item_ends(visit) -> None:
    with visit.transaction() as s:
        leg = travel.list_legs(s, "visit", ANE)[1]
        travel.update_leg(s, "visit", leg.id, depart_local=datetime(2026, 10, 22, 11, 0), arrive_local=datetime(2026, 10, 22, 18, 0))
    (problem,) = _of(_kinds(visit), "leaves_early")
    assert problem.people == (ANE,) and problem.items == ("closing",)
    assert "before 'Closing' ends on Thu 22 Oct 12:00 JST" in problem.message


def test_leaves_early_near_miss_departing_when_the_last_item_ends(visit) -> None:
    with visit.transaction() as s:
        leg = travel.list_legs(s, "visit", ANE)[1]
        travel.update_leg(s, "visit", leg.id, depart_local=datetime(2026, 10, 22, 12, 0), arrive_local=datetime(2026, 10, 22, 18, 0))
    assert _kinds(visit) == []


def test_no_stay_fires_for_a_night_without_hotel(visit) -> None:
    with visit.transaction() as s:
        stay = stays.list_stays(s, "visit", JAN)[1]
        stays.update_stay(s, "visit", stay.id, check_out=date(2026, 10, 21))
    (problem,) = _of(_kinds(visit), "no_stay")
    assert problem.people == (JAN,) and "the night of Wed 21 Oct" in problem.message and problem.severity == "warning"


def test_no_stay_near_miss_overnight_train_covers_the_night(visit) -> None:
    with visit.transaction() as s:
        stay = stays.list_stays(s, "visit", JAN)[1]
        stays.update_stay(s, "visit", stay.id, check_out=date(2026, 10, 21))
        travel.add_leg(s, "visit", JAN, kind="train", from_place="Osaka", from_zone=TOKYO, to_place="Kyoto", to_zone=TOKYO,
                       depart_local=datetime(2026, 10, 21, 23, 0), arrive_local=datetime(2026, 10, 22, 6, 0))
    assert _kinds(visit) == []


def test_no_stay_counts_the_nights_of_a_room_mate_in_anothers_stay(visit) -> None:
    """Jan's own Kyoto stay goes; he shares Ane's twin there instead, so his nights are covered."""
    with visit.transaction() as s:
        stays.remove_stay(s, "visit", stays.list_stays(s, "visit", JAN)[1].id)
        kyoto = stays.list_stays(s, "visit", ANE)[1]
        stays.update_stay(s, "visit", kyoto.id, room="twin", shares_with=JAN)
    assert _kinds(visit) == []


@pytest.mark.parametrize(("check_in", "check_out", "fires"), [
    (date(2026, 10, 16), date(2026, 10, 20), False),  # three days before the first day: arriving early
    (date(2026, 10, 15), date(2026, 10, 20), True),
    (date(2026, 10, 20), date(2026, 10, 25), False),  # three days after the last
    (date(2026, 10, 20), date(2026, 10, 26), True),
    (date(2025, 10, 18), date(2025, 10, 20), True),  # the wrong year
])
def test_a_stay_far_outside_the_event_dates_is_a_warning(visit, check_in: date, check_out: date, fires: bool) -> None:
    with visit.transaction() as s:
        stays.add_stay(s, "visit", "ken@example.jp", hotel="Hotel Nagoya", zone=TOKYO, check_in=check_in, check_out=check_out)
    found = _of(_kinds(visit), "stay_outside_dates")
    assert bool(found) is fires
    if fires:
        (problem,) = found
        assert problem.severity == "warning" and problem.people == ("ken@example.jp",)
        assert "Ken Sato's stay at Hotel Nagoya" in problem.message and "more than 3 days beyond the dates of visit" in problem.message


def test_no_stay_is_only_for_study_visits(visit) -> None:
    with visit.transaction() as s:
        stays.remove_stay(s, "visit", stays.list_stays(s, "visit", JAN)[0].id)
        s.query(Participation).first().event.kind = "workshop"
    assert _of(_kinds(visit), "no_stay") == []


def test_passport_expiring_within_six_months_of_return_fires(visit) -> None:
    with visit.transaction() as s:
        s.query(Person).filter_by(email=ANE).one().passport_expiry = date(2027, 4, 22)  # return 23 Oct 2026
        s.query(Person).filter_by(email=JAN).one().passport_expiry = date(2026, 10, 20)  # during the trip
    problems = _of(_kinds(visit), "passport_expiry")
    assert [(p.people, p.severity) for p in problems] == [((JAN,), "error"), ((ANE,), "warning")]
    assert "valid to at least 23 Apr 2027" in problems[1].message


def test_passport_near_miss_exactly_six_months_or_missing(visit) -> None:
    with visit.transaction() as s:
        s.query(Person).filter_by(email=ANE).one().passport_expiry = date(2027, 4, 23)
        s.query(Person).filter_by(email=JAN).one().passport_expiry = None
        s.query(Person).filter_by(email="ken@example.jp").one().passport_expiry = date(2026, 1, 1)  # host, not travelling
    assert _kinds(visit) == []


def test_six_months_clamps_to_the_end_of_a_short_month() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)


def test_over_capacity_counts_confirmed_only(visit) -> None:
    with visit.transaction() as s:
        ev = s.query(Participation).first().event
        f.participate(s, ev, f.person(s, "Wait", "Ing", email="w@example.eu"), status="waitlisted")
        f.participate(s, ev, f.person(s, "Reg", "Istered", email="r@example.eu"), status="registered")
    assert _of(_kinds(visit), "over_capacity") == []  # 3 confirmed for 3 places: near miss
    with visit.transaction() as s:
        ev = s.query(Participation).first().event
        f.participate(s, ev, f.person(s, "Fourth", "One", email="four@example.eu"))
    (problem,) = _of(_kinds(visit), "over_capacity")
    assert problem.severity == "error" and "4 confirmed participants for 3 places. Move 1" in problem.message
    assert len(problem.people) == 4


def test_inactive_participants_and_cancelled_items_are_ignored(visit) -> None:
    with visit.transaction() as s:
        _item(s, "clash", datetime(2026, 10, 20, 10), datetime(2026, 10, 20, 11), "Kobe", groups=["A"])
        items.cancel_item(s, "visit", "clash")
        leg = travel.list_legs(s, "visit", JAN)[0]
        travel.update_leg(s, "visit", leg.id, depart_local=datetime(2026, 10, 18, 12, 0), arrive_local=datetime(2026, 10, 19, 10, 0))
        s.query(Participation).join(Person).filter(Person.email == JAN).one().status = "declined"
    assert _kinds(visit) == []


@pytest.fixture
def webinar(db):  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = f.event(s, "web", kind="webinar", zone="Europe/Brussels", start=date(2026, 4, 2))
        for n, zone in enumerate(("Europe/Brussels", "Asia/Tokyo", "Pacific/Auckland", "Pacific/Auckland")):
            f.participate(s, ev, f.person(s, f"P{n}", "X", email=f"p{n}@example.eu", organisation=f.org(s, f"o{n}", zone=zone)))
        f.participate(s, ev, f.person(s, "Home", "Less", email="h@example.eu"))  # no organisation: event zone
    return db


def _session(db, hour: int) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        items.create_item(s, "web", key="s", title="Session", kind="session", zone="Europe/Brussels",
                          start_local=datetime(2026, 4, 2, hour), end_local=datetime(2026, 4, 2, hour + 1))


def test_outside_hours_fires_per_zone_for_a_webinar(webinar) -> None:
    _session(webinar, 10)  # Auckland 21:00-22:00 NZDT
    (problem,) = _of(_kinds(webinar, "web"), "outside_hours")
    assert problem.people == ("p2@example.eu", "p3@example.eu") and problem.items == ("s",)
    assert "'Session' runs 21:00–22:00 NZDT in Pacific/Auckland, outside working hours (08:00–20:00) for 2 participants" in problem.message


def test_outside_hours_names_every_late_item_once_per_zone(webinar) -> None:
    _session(webinar, 10)  # Auckland 21:00-22:00 NZDT
    with webinar.transaction() as s:
        items.create_item(s, "web", key="t", title="Panel", kind="session", zone="Europe/Brussels",
                          start_local=datetime(2026, 4, 2, 11), end_local=datetime(2026, 4, 2, 12))
    (problem,) = _of(_kinds(webinar, "web"), "outside_hours")
    assert problem.items == ("s", "t") and problem.people == ("p2@example.eu", "p3@example.eu")
    assert "'Session' and 1 more item run 21:00–23:00 NZDT in Pacific/Auckland" in problem.message


def test_outside_hours_near_miss_ends_at_eight_pm(webinar) -> None:
    _session(webinar, 9)  # Auckland 20:00-21:00: out; move to 8:00 Brussels -> Auckland 19:00-20:00
    with webinar.transaction() as s:
        items.move_item(s, "web", "s", start_local=datetime(2026, 4, 2, 8))
    assert _kinds(webinar, "web") == []


def test_problem_json_has_the_fields_and_kinds_are_named_exactly(visit) -> None:
    with visit.transaction() as s:
        items.update_item(s, "visit", "osaka", people=[ANE])
    (problem,) = _kinds(visit)
    assert set(problem_json(problem)) == {"kind", "severity", "message", "people", "items"}
    assert KINDS == (
        "double_booked", "arrives_late", "leaves_early", "no_stay", "passport_expiry", "over_capacity", "outside_hours",
        "no_arrival", "no_departure", "outside_dates", "stay_outside_dates", "weekend", "visa_deadline",
    )


def test_demo_study_visit_shows_a_realistic_handful(demo_db) -> None:
    """The demo's r2r-japan-2022 gives a few warnings to act on, not dozens, and no kind repeats much."""
    problems = _kinds(demo_db, "r2r-japan-2022")
    kinds = [p.kind for p in problems]
    assert 1 <= len(problems) <= 8 and all(kinds.count(k) <= 2 for k in KINDS)
    assert all(p.people for p in problems)


def test_demo_parallel_pairing_sessions_are_not_double_bookings(demo_db) -> None:
    assert _of(_kinds(demo_db, "networking-seoul-2026"), "double_booked") == []
