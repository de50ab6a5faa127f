"""A person's summary: details in both scripts, needs per event, every participation, travel and stays in local times."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from iurc_desktop.core.errors import NotFound
from iurc_desktop.core.models import Group, Stay, TravelLeg
from iurc_desktop.core.people.summary import person_summary

from .factories import event, org, participate, person


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def test_summary_has_names_in_both_scripts_every_event_and_needs(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        city = org(s, "hamamatsu", country="JP", zone="Asia/Tokyo", name="Hamamatsu City", local_name="浜松市")
        p = person(s, "Sakura", "Ito", email="s.ito@example.jp", organisation=city, local_name="伊藤 さくら")
        p.dietary, p.accessibility, p.passport_expiry = "vegetarian", "step-free access", date(2027, 1, 31)
        later = event(s, "visit-2026", start=date(2026, 9, 1), end=date(2026, 9, 5))
        earlier = event(s, "webinar-2026", kind="webinar", start=date(2026, 3, 1))
        group = Group(event=later, name="A")
        s.add(group)
        part = participate(s, later, p, status="confirmed")
        part.group, part.visa_needed, part.visa_status = group, True, "applied"
        participate(s, earlier, p, status="registered", role="speaker")
        s.flush()
        summary = person_summary(s, p.id)
    assert summary.name == "Sakura Ito" and summary.card.local_name == "伊藤 さくら"
    assert summary.card.organisation == "Hamamatsu City" and summary.organisation_local == "浜松市"
    assert summary.card.dietary == "vegetarian" and summary.accessibility == "step-free access"
    assert [(e.event_code, e.role, e.status, e.group) for e in summary.events] == [
        ("webinar-2026", "speaker", "registered", ""), ("visit-2026", "delegate", "confirmed", "A")]
    visit = summary.events[1]
    assert visit.visa_needed and visit.visa_status == "applied"
    assert visit.passport_short  # expires 31 Jan 2027, less than six months after 5 Sep 2026
    assert not summary.events[0].passport_short  # a webinar needs no passport


def test_passport_valid_long_enough_is_not_flagged(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        p = person(s, "Ane", "Etxeberria")
        p.passport_expiry = date(2027, 3, 6)  # the day after six months past the end: fine
        participate(s, event(s, "visit", start=date(2026, 9, 1), end=date(2026, 9, 5)), p)
        s.flush()
        summary = person_summary(s, p.id)
    assert not summary.events[0].passport_short


def test_travel_legs_on_their_own_clocks_and_stays_name_the_roommate(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ane = person(s, "Ane", "Etxeberria", email="ane@example.eus")
        mate = person(s, "Iker", "Zubizarreta", email="iker@example.eus")
        ev = event(s, "r2r", zone="Asia/Tokyo", start=date(2022, 11, 20), end=date(2022, 11, 26))
        participate(s, ev, ane)
        participate(s, ev, mate)
        s.add(TravelLeg(event=ev, person=ane, kind="flight", carrier="AF", number="AF276", from_place="CDG",
                        from_zone="Europe/Paris", depart_utc=_utc(2022, 11, 19, 22, 25), to_place="HND",
                        to_zone="Asia/Tokyo", arrive_utc=_utc(2022, 11, 20, 10, 5)))
        s.add(Stay(event=ev, person=ane, hotel="Hotel Nagoya Castle", zone="Asia/Tokyo", check_in=date(2022, 11, 20),
                   check_out=date(2022, 11, 23), room="twin", shares_with=mate))
        s.flush()
        summary = person_summary(s, ane.id)
    (leg,) = summary.legs
    assert (leg.label, leg.depart.strftime("%d %H:%M %Z"), leg.arrive.strftime("%d %H:%M %Z")) == ("AF276", "19 23:25 CET", "20 19:05 JST")
    (stay,) = summary.stays
    assert (stay.hotel, stay.nights, stay.shares_with, stay.event_code) == ("Hotel Nagoya Castle", 3, "Iker Zubizarreta", "r2r")


def test_unknown_person_is_not_found(db) -> None:  # type: ignore[no-untyped-def]
    with db.reading() as s, pytest.raises(NotFound):
        person_summary(s, 9999)
