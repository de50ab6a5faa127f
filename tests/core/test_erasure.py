"""Erasure: no trace of the person's name, e-mail or needs in the database file; counts survive."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from iurc_desktop.core.errors import NotFound
from iurc_desktop.core.models import ItemPerson, Participation, Person, StatusChange, Stay, TravelLeg
from iurc_desktop.core.people.erasure import ERASED, ERASED_NAME, erase_person, scrub_file
from iurc_desktop.core.registrations import participations as reg

from .factories import event, item, org, person

NAME = "Zebulon"
FAMILY = "Quixotemann"
EMAIL = "zebulon.quixotemann@uniq-mail.example"
DIET = "kosher without sesame xyzzy"
LOCAL = "ゼブロン・キホーテマン"


def _raw_bytes(db_path: Path) -> bytes:
    data = b""
    for suffix in ("", "-wal", "-shm"):
        f = Path(str(db_path) + suffix)
        if f.exists():
            data += f.read_bytes()
    return data


def _traces() -> list[bytes]:
    return [t.encode("utf-8") for t in (NAME, FAMILY, EMAIL, DIET, LOCAL)] + [EMAIL.encode("utf-16-le")]


def _build(db) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    t0 = datetime(2026, 3, 22, 8, tzinfo=timezone.utc)
    with db.transaction() as s:
        city = org(s, "umea", country="SE", zone="Europe/Stockholm")
        ev = event(s, "sv-1", capacity=5)
        it = item(s, ev, "visit", datetime(2026, 3, 23, 9), datetime(2026, 3, 23, 10))
        z = person(s, NAME, FAMILY, email=EMAIL, organisation=city, local_name=LOCAL)
        z.dietary, z.accessibility, z.phone, z.gender, z.nationality = DIET, "needs ramp", "+46 70 123 45 67", "male", "SE"
        z.passport_expiry = date(2027, 5, 5)
        other = person(s, "Olga", "Other", email="olga@example.eu")
        ch = reg.register(s, "sv-1", z.id, status="registered", by="desk", reason="asked by phone")
        reg.set_status(s, "sv-1", [ch.participation_id], "confirmed", by="desk", reason=f"{NAME} {FAMILY} paid")
        reg.set_visa(s, ch.participation_id, needed=True, status="applied")
        oc = reg.register(s, "sv-1", other.id, status="registered", by=f"{NAME} {FAMILY}", reason=f"colleague of {EMAIL}")
        s.add(TravelLeg(event=ev, person=z, from_place="UME", from_zone="Europe/Stockholm", depart_utc=t0, to_place="BRU",
                        to_zone="Europe/Brussels", arrive_utc=t0, booking_ref="ZQX123"))
        s.add(Stay(event=ev, person=z, hotel="Hotel", zone="Europe/Brussels", check_in=date(2026, 3, 22), check_out=date(2026, 3, 24)))
        s.add(Stay(event=ev, person=other, hotel="Hotel", zone="Europe/Brussels", check_in=date(2026, 3, 22),
                   check_out=date(2026, 3, 24), room="twin", shares_with=z))
        s.add(ItemPerson(item_id=it.id, person_id=z.id))
        return ch.participation_id, oc.participation_id


def test_erasure_leaves_no_trace_in_the_database_file_or_its_log(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db_path = tmp_path / "test.db"
    _build(db)
    with db.engine.connect() as conn:  # make sure the data reached the main file too, not only the log
        conn.exec_driver_sql("PRAGMA wal_checkpoint(FULL)")
    before = _raw_bytes(db_path)
    assert all(t in before for t in _traces()[:4]), "the test data must be in the file before erasure"
    with db.transaction() as s:
        erase_person(s, EMAIL.upper())
    assert scrub_file(db.engine)
    after = _raw_bytes(db_path)  # read while the app still has the database open, as a user's would
    db.dispose()
    leaked = [t for t in _traces() if t in after]
    assert leaked == []


def test_erasure_keeps_counts_and_organisation_but_removes_personal_data(db) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = _build(db)
    with db.transaction() as s:
        report = erase_person(s, EMAIL)
    assert (report.participations_kept, report.travel_legs_removed, report.stays_removed, report.item_assignments_removed) == (1, 1, 1, 1)
    with db.reading() as s:
        part = s.get(Participation, mine)
        p = part.person
        assert part.status == "confirmed" and part.role == "delegate"
        assert p.organisation.country == "SE"
        assert (p.given_name, p.family_name, p.local_name, p.email, p.phone, p.dietary, p.accessibility) == ("", ERASED_NAME, "", None, "", "", "")
        assert (p.gender, p.nationality, p.passport_expiry, p.notes) == ("", "", None, ERASED)
        assert (part.visa_needed, part.visa_status) == (False, "")
        assert all(h.by == "" and h.reason == "" for h in reg.history(s, mine))
        other = reg.history(s, theirs)[0]
        assert NAME not in other.by and EMAIL not in other.reason and ERASED in other.reason
        assert s.query(TravelLeg).count() == 0 and s.query(ItemPerson).count() == 0
        assert s.query(Stay).one().shares_with_id is None
        assert s.query(StatusChange).count() == 3


def test_erasing_an_unknown_email_changes_nothing(db) -> None:  # type: ignore[no-untyped-def]
    _build(db)
    with db.transaction() as s, pytest.raises(NotFound, match="nothing was erased"):
        erase_person(s, "nobody@example.eu")
    with db.reading() as s:
        assert s.query(Person).filter_by(email=EMAIL).count() == 1
