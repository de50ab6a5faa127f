"""Checks that know what is missing: a delegate's unbooked arrival or departure, and passports without a flight yet."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from iurc_desktop.core.events.checks import check_event
from iurc_desktop.core.travel import stays
from iurc_desktop.core.travel.legs import add_leg

from . import factories as f

TOKYO = "Asia/Tokyo"
ANE, JAN, KEN = "ane@example.eus", "jan@example.pl", "ken@example.jp"


@pytest.fixture
def visit(db):  # type: ignore[no-untyped-def]
    """A study visit in Tokyo, 19-22 Oct 2026: Ane from Bilbao flies in and out; Jan from Łódź has nothing booked; Ken hosts."""
    with db.transaction() as s:
        ev = f.event(s, "visit", zone=TOKYO, start=date(2026, 10, 19), end=date(2026, 10, 22))
        ane = f.person(s, "Ane", "Etxeberria", email=ANE, organisation=f.org(s, "basque", country="ES", zone="Europe/Madrid"))
        jan = f.person(s, "Jan", "Kowalski", email=JAN, organisation=f.org(s, "lodz", country="PL", zone="Europe/Warsaw"))
        ken = f.person(s, "Ken", "Sato", email=KEN, organisation=f.org(s, "aichi", country="JP", zone=TOKYO))
        ane.passport_expiry = jan.passport_expiry = date(2030, 1, 1)
        ken.passport_expiry = date(2026, 11, 1)  # a host at home needs no passport
        for who, role in ((ane, "delegate"), (jan, "delegate"), (ken, "delegate")):
            f.participate(s, ev, who, role=role)
        for depart, arrive, frm, to, zones in (
            (datetime(2026, 10, 17, 12), datetime(2026, 10, 18, 10), "BIO", "HND", ("Europe/Madrid", TOKYO)),
            (datetime(2026, 10, 22, 22), datetime(2026, 10, 23, 7), "KIX", "BIO", (TOKYO, "Europe/Madrid")),
        ):
            add_leg(s, "visit", ANE, from_place=frm, from_zone=zones[0], depart_local=depart, to_place=to,
                    to_zone=zones[1], arrive_local=arrive)
        for email in (ANE, JAN):
            stays.add_stay(s, "visit", email, hotel="Hotel Tokyo", zone=TOKYO, check_in=date(2026, 10, 18),
                           check_out=date(2026, 10, 22))
    return db


def _problems(db, kind: str):  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return [p for p in check_event(s, "visit") if p.kind == kind]


def test_a_delegate_from_abroad_without_flights_lacks_an_arrival_and_a_departure(visit) -> None:
    (arrival,) = _problems(visit, "no_arrival")
    (departure,) = _problems(visit, "no_departure")
    assert arrival.people == departure.people == (JAN,)
    assert arrival.severity == "warning"
    assert "Jan Kowalski has no arrival booked for visit, which starts on Mon 19 Oct 2026" in arrival.message
    assert "no departure booked" in departure.message


def test_a_delegate_with_only_a_flight_home_lacks_only_the_arrival(visit) -> None:
    with visit.transaction() as s:
        add_leg(s, "visit", JAN, from_place="KIX", from_zone=TOKYO, depart_local=datetime(2026, 10, 22, 22),
                to_place="WAW", to_zone="Europe/Warsaw", arrive_local=datetime(2026, 10, 23, 7))
    assert [p.people for p in _problems(visit, "no_arrival")] == [(JAN,)]
    assert _problems(visit, "no_departure") == []


def test_a_host_at_home_and_other_events_expect_no_journey(visit) -> None:
    assert KEN not in {who for p in _problems(visit, "no_arrival") for who in p.people}
    with visit.transaction() as s:
        f.event(s, "meeting", kind="meeting", zone=TOKYO, start=date(2026, 10, 19))
    with visit.reading() as s:
        assert check_event(s, "meeting") == []


def test_nights_without_booked_travel_count_from_the_visit_s_dates(visit) -> None:
    assert _problems(visit, "no_stay") == []  # Jan's hotel covers the visit's nights, 19 to 21 Oct
    with visit.transaction() as s:
        (stay,) = stays.list_stays(s, "visit", JAN)
        stays.update_stay(s, "visit", stay.id, check_in=date(2026, 10, 20))
    (problem,) = _problems(visit, "no_stay")
    assert problem.people == (JAN,)
    assert "no hotel for the night of Mon 19 Oct" in problem.message
    assert "(no arrival booked: from the visit's start Mon 19 Oct, no departure booked: to the visit's end Thu 22 Oct)" in problem.message


def test_a_passport_is_checked_from_the_visit_s_end_before_any_flight_is_booked(visit) -> None:
    with visit.transaction() as s:
        from iurc_desktop.core.models import Person

        s.query(Person).filter_by(email=JAN).one().passport_expiry = date(2027, 4, 1)  # end 22 Oct 2026 + 6 months = 22 Apr
    (problem,) = _problems(visit, "passport_expiry")
    assert problem.people == (JAN,) and problem.severity == "warning"
    assert "less than six months after the visit's end on 22 Oct 2026" in problem.message
    assert "valid to at least 22 Apr 2027" in problem.message


def test_a_passport_running_out_during_the_visit_is_an_error(visit) -> None:
    with visit.transaction() as s:
        from iurc_desktop.core.models import Person

        s.query(Person).filter_by(email=JAN).one().passport_expiry = date(2026, 10, 20)
    (problem,) = _problems(visit, "passport_expiry")
    assert problem.severity == "error" and "before the visit ends on 22 Oct 2026" in problem.message


def test_the_demo_study_visit_shows_the_missing_arrival_and_the_passport(demo_db) -> None:
    with demo_db.reading() as s:
        problems = check_event(s, "r2r-japan-2022")
    assert ("no_arrival", ("pau.serra@example.es",)) in [(p.kind, p.people) for p in problems]
    assert ("passport_expiry", ("ane.etxeberria@example.eus",)) in [(p.kind, p.people) for p in problems]
