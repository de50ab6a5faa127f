"""Hotel stays: local check-in/check-out dates, room types and room sharing."""

from __future__ import annotations

from datetime import date

import pytest

from iurc_desktop.core.errors import NotFound, ValidationError
from iurc_desktop.core.travel import stays

from . import factories as f


@pytest.fixture
def visit(db):  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = f.event(s, "visit", zone="Asia/Tokyo", start=date(2026, 10, 19), end=date(2026, 10, 24))
        f.participate(s, ev, f.person(s, "Ane", "Etxeberria", email="ane@example.eus"))
        f.participate(s, ev, f.person(s, "Maite", "Arana", email="maite@example.eus"))
        f.person(s, "Out", "Sider", email="out@example.eu")
    return db


def test_stay_covers_nights_from_check_in_to_the_night_before_check_out(visit) -> None:
    with visit.transaction() as s:
        stays.add_stay(s, "visit", "ane@example.eus", hotel="Hotel Nagoya Castle", zone="Asia/Tokyo",
                       check_in=date(2026, 10, 19), check_out=date(2026, 10, 22), room="twin", shares_with="maite@example.eus")
    with visit.reading() as s:
        (stay,) = stays.list_stays(s, "visit", "ane@example.eus")
    assert stay.nights == (date(2026, 10, 19), date(2026, 10, 20), date(2026, 10, 21))
    assert stay.shares_with == "maite@example.eus" and stay.room == "twin"


def test_invalid_stays_are_refused_with_every_problem(visit) -> None:
    with visit.transaction() as s, pytest.raises(ValidationError) as info:
        stays.add_stay(s, "visit", "ane@example.eus", hotel="", zone="Asia/Tokio", check_in=date(2026, 10, 22),
                       check_out=date(2026, 10, 22), room="single", shares_with="maite@example.eus")
    text = str(info.value)
    assert "hotel:" in text and "Asia/Tokio is not a known time zone" in text
    assert "not after the check-in" in text and "single room cannot be shared" in text


def test_roommate_must_be_in_the_event_and_not_oneself(visit) -> None:
    with visit.transaction() as s, pytest.raises(NotFound, match="not a participant of visit"):
        stays.add_stay(s, "visit", "ane@example.eus", hotel="H", zone="Asia/Tokyo", check_in=date(2026, 10, 19),
                       check_out=date(2026, 10, 20), room="twin", shares_with="out@example.eu")
    with visit.transaction() as s, pytest.raises(ValidationError, match="share a room with themselves"):
        stays.add_stay(s, "visit", "ane@example.eus", hotel="H", zone="Asia/Tokyo", check_in=date(2026, 10, 19),
                       check_out=date(2026, 10, 20), room="twin", shares_with="ane@example.eus")


def test_update_changes_dates_raises_sequence_and_remove_deletes(visit) -> None:
    with visit.transaction() as s:
        stay_id = stays.add_stay(s, "visit", "ane@example.eus", hotel="H", zone="Asia/Tokyo",
                                 check_in=date(2026, 10, 19), check_out=date(2026, 10, 21))
    with visit.transaction() as s:
        same = stays.update_stay(s, "visit", stay_id, hotel="H")
        assert same.sequence == 0
        later = stays.update_stay(s, "visit", stay_id, check_out=date(2026, 10, 23))
    assert later.sequence == 1 and len(later.nights) == 4
    with visit.transaction() as s, pytest.raises(ValidationError, match="not after the check-in"):
        stays.update_stay(s, "visit", stay_id, check_out=date(2026, 10, 18))
    with visit.transaction() as s:
        stays.remove_stay(s, "visit", stay_id)
    with visit.reading() as s:
        assert stays.list_stays(s, "visit") == []
