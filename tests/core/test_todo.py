"""Each to-do rule: a case that raises it and a near miss that does not."""

from __future__ import annotations

from datetime import date, datetime

from iurc_desktop.core import timeutil
from iurc_desktop.core.events.todo import todo
from iurc_desktop.core.models import Group, TravelLeg

from .factories import event, item, participate, person

TODAY = date(2026, 11, 24)


def _rules(s, today=TODAY):  # type: ignore[no-untyped-def]
    return [(e.rule, e.key) for e in todo(s, today=today)]


def _visit(s, start=date(2026, 12, 1), code="visit"):  # type: ignore[no-untyped-def]
    ev = event(s, code, kind="study_visit", zone="Asia/Tokyo", start=start, end=start.replace(day=start.day + 4), capacity=10)
    return ev


def _delegate(s, ev, given="Ane", status="confirmed", **needs):  # type: ignore[no-untyped-def]
    p = person(s, given, "Etxeberria", email=f"{given.lower()}@example.eu")
    p.dietary = needs.get("dietary", "none")
    p.passport_expiry = needs.get("passport", date(2030, 1, 1))
    participate(s, ev, p, status=status)
    return p


def test_not_confirmed_within_the_horizon_only(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = _visit(s)
        _delegate(s, ev, "Ane", status="invited")
        _delegate(s, ev, "Bea", status="confirmed")
        assert ("not_confirmed", "ane@example.eu") in _rules(s)
        assert ("not_confirmed", "bea@example.eu") not in _rules(s)
        assert ("not_confirmed", "ane@example.eu") not in _rules(s, today=date(2026, 11, 1))  # too early to chase


def test_missing_details_for_study_visit_delegates(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = _visit(s)
        _delegate(s, ev, "Ane", dietary="")
        _delegate(s, ev, "Bea", dietary="vegetarian")
        rules = _rules(s)
        assert ("missing_details", "ane@example.eu") in rules and ("missing_details", "bea@example.eu") not in rules


def test_passport_expiring_within_six_months_of_the_end(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = _visit(s)
        _delegate(s, ev, "Ane", passport=date(2027, 6, 4))  # event ends 2026-12-05: one day short
        _delegate(s, ev, "Bea", passport=date(2027, 6, 5))
        rules = _rules(s)
        assert ("passport_expiring", "ane@example.eu") in rules and ("passport_expiring", "bea@example.eu") not in rules


def _flight(s, ev, p, arrive: datetime) -> TravelLeg:  # type: ignore[no-untyped-def]
    leg = TravelLeg(event=ev, person=p, kind="flight", carrier="AF", number="AF276", from_place="CDG", from_zone="Europe/Paris",
                    depart_utc=timeutil.to_utc(datetime(2026, 11, 30, 23, 25), "Europe/Paris"), to_place="HND", to_zone="Asia/Tokyo",
                    arrive_utc=timeutil.to_utc(arrive, "Asia/Tokyo"))
    s.add(leg)
    s.flush()
    return leg


def test_arrival_without_pickup_and_with_a_transfer_item(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = _visit(s)
        ev.groups = [Group(name="A"), Group(name="B")]
        ane, bea = _delegate(s, ev, "Ane"), _delegate(s, ev, "Bea")
        _flight(s, ev, ane, datetime(2026, 12, 1, 19, 5))
        _flight(s, ev, bea, datetime(2026, 12, 1, 19, 5))
        bus = item(s, ev, "airport-bus", datetime(2026, 12, 1, 20, 0), datetime(2026, 12, 1, 21, 0), kind="transfer")
        bus.groups = [ev.groups[1]]
        bea.participations[0].group = ev.groups[1]
        s.flush()
        rules = _rules(s)
        assert ("no_pickup", "ane@example.eu") in rules and ("no_pickup", "bea@example.eu") not in rules
        message = next(e.message for e in todo(s, today=TODAY) if e.rule == "no_pickup")
        assert " on AF276 " in message  # the carrier is not repeated before a number that carries it


def test_changed_invite_since_sent(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = _visit(s)
        sent = item(s, ev, "opening", datetime(2026, 12, 1, 9, 0), datetime(2026, 12, 1, 10, 0))
        same = item(s, ev, "dinner", datetime(2026, 12, 1, 19, 0), datetime(2026, 12, 1, 21, 0))
        never = item(s, ev, "closing", datetime(2026, 12, 5, 9, 0), datetime(2026, 12, 5, 10, 0))
        sent.sent_sequence, sent.sequence = 0, 1
        same.sent_sequence, same.sequence = 1, 1
        never.sequence = 3
        s.flush()
        changed = [key for rule, key in _rules(s) if rule == "invite_changed"]
        assert changed == ["opening"]


def test_waitlisted_with_a_free_place(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = _visit(s)
        ev.capacity = 2
        _delegate(s, ev, "Ane")
        _delegate(s, ev, "Bea", status="waitlisted")
        assert ("waitlist_promotable", "bea@example.eu") in _rules(s)
        _delegate(s, ev, "Cai")  # now the event is full
        assert ("waitlist_promotable", "bea@example.eu") not in _rules(s)


def test_past_and_cancelled_events_are_quiet(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = _visit(s, start=date(2026, 11, 1))
        _delegate(s, ev, "Ane", dietary="")
        assert _rules(s) == []
        ev2 = _visit(s, code="visit-2")
        ev2.status = "cancelled"
        _delegate(s, ev2, "Bea", dietary="")
        assert _rules(s) == []


def test_a_stopover_on_the_way_needs_no_pickup(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = _visit(s)
        ane = _delegate(s, ev, "Ane")
        s.add(TravelLeg(event=ev, person=ane, kind="flight", carrier="KL", number="KL1234", from_place="BIO", from_zone="Europe/Madrid",
                        depart_utc=timeutil.to_utc(datetime(2026, 11, 30, 7, 0), "Europe/Madrid"), to_place="AMS",
                        to_zone="Europe/Amsterdam", arrive_utc=timeutil.to_utc(datetime(2026, 11, 30, 9, 0), "Europe/Amsterdam")))
        s.flush()
        assert [key for rule, key in _rules(s) if rule == "no_pickup"] == []
        _flight(s, ev, ane, datetime(2026, 12, 1, 19, 5))  # the long-haul leg into Tokyo does need one
        assert [key for rule, key in _rules(s) if rule == "no_pickup"] == ["ane@example.eu"]
