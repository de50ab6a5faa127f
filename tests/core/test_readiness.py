"""How ready an event is (the home page's cards), and where each to-do says it is fixed."""

from __future__ import annotations

from datetime import date, datetime

from iurc_desktop.core.events.readiness import readiness
from iurc_desktop.core.events.checks import passport_lasts
from iurc_desktop.core.events.todo import todo

from .factories import event, item, participate, person

TODAY = date(2026, 11, 24)


def test_readiness_counts_scheduled_items_invites_sent_and_passports_that_last(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = event(s, "visit", kind="study_visit", zone="Asia/Tokyo", start=date(2026, 12, 1), end=date(2026, 12, 5))
        sent = item(s, ev, "welcome", start=datetime.fromisoformat("2026-12-01T09:00"), end=datetime.fromisoformat("2026-12-01T10:00"))
        sent.sent_sequence = sent.sequence
        item(s, ev, "visit", start=datetime.fromisoformat("2026-12-02T09:00"), end=datetime.fromisoformat("2026-12-02T12:00"))
        item(s, ev, "gone", start=datetime.fromisoformat("2026-12-03T09:00"), end=datetime.fromisoformat("2026-12-03T12:00")).status = "cancelled"
        for given, expiry in (("Ane", date(2030, 1, 1)), ("Bea", date(2027, 1, 1)), ("Cai", None)):
            who = person(s, given, "Etxeberria", email=f"{given.lower()}@example.eu")
            who.passport_expiry = expiry
            participate(s, ev, who, status="confirmed")
        s.flush()
        ready = readiness(s, ["visit", "unknown"])
    assert set(ready) == {"visit"}
    visit = ready["visit"]
    assert (visit.items, visit.invites_sent, visit.travellers, visit.documents) == (2, 1, 3, 1)
    assert visit.first_start.hour == 0 and visit.last_end.hour == 3  # 09:00 and 12:00 in Tokyo, in UTC


def test_a_passport_must_last_six_months_after_the_event() -> None:
    assert passport_lasts(date(2027, 6, 5), date(2026, 12, 5))
    assert not passport_lasts(date(2027, 6, 4), date(2026, 12, 5))


def test_todos_name_the_field_or_tab_where_they_are_fixed(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = event(s, "visit", kind="study_visit", zone="Asia/Tokyo", start=date(2026, 12, 1), end=date(2026, 12, 5))
        ane = person(s, "Ane", "Etxeberria", email="ane@example.eu")
        ane.passport_expiry = date(2027, 1, 1)
        participate(s, ev, ane, status="confirmed")
        s.flush()
        entries = {e.rule: e for e in todo(s, today=TODAY)}
    assert (entries["missing_details"].target, entries["missing_details"].field) == ("person", "dietary")
    assert (entries["passport_expiring"].target, entries["passport_expiring"].field) == ("person", "passport_expiry")
    assert "expires on 1 Jan 2027" in entries["passport_expiring"].message  # core.local_times.calendar_date, as the checks
