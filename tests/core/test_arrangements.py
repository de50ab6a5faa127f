"""Legs and stays share their rules: looked up within their own event, listed per person, edits named."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from iurc_desktop.core.errors import NotFound, ValidationError
from iurc_desktop.core.travel import stays, legs as travel

from . import factories as f


@pytest.fixture
def two_visits(db):  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ane = f.person(s, "Ane", "Etxeberria", email="ane@example.eus")
        maite = f.person(s, "Maite", "Arana", email="maite@example.eus")
        for code in ("visit", "other"):
            ev = f.event(s, code, zone="Asia/Tokyo", start=date(2026, 10, 19), end=date(2026, 10, 24))
            f.participate(s, ev, ane)
            f.participate(s, ev, maite)
    return db


def _stay(s, code: str, email: str) -> int:  # type: ignore[no-untyped-def]
    return stays.add_stay(s, code, email, hotel="Hotel", zone="Asia/Tokyo", check_in=date(2026, 10, 19), check_out=date(2026, 10, 21))


def _leg(s, code: str, email: str) -> int:  # type: ignore[no-untyped-def]
    return travel.add_leg(
        s, code, email, from_place="BIO", from_zone="Europe/Madrid", depart_local=datetime(2026, 10, 18, 9),
        to_place="NGO", to_zone="Asia/Tokyo", arrive_local=datetime(2026, 10, 19, 10),
    )


def test_a_stay_or_leg_of_another_event_is_not_found_there(two_visits) -> None:  # type: ignore[no-untyped-def]
    with two_visits.transaction() as s:
        stay_id, leg_id = _stay(s, "other", "ane@example.eus"), _leg(s, "other", "ane@example.eus")
    with two_visits.transaction() as s, pytest.raises(NotFound, match="visit has no stay"):
        stays.remove_stay(s, "visit", stay_id)
    with two_visits.transaction() as s, pytest.raises(NotFound, match="visit has no travel leg"):
        travel.update_leg(s, "visit", leg_id, carrier="LH")


def test_lists_are_per_person_when_an_email_is_given(two_visits) -> None:  # type: ignore[no-untyped-def]
    with two_visits.transaction() as s:
        for email in ("ane@example.eus", "maite@example.eus"):
            _stay(s, "visit", email)
            _leg(s, "visit", email)
    with two_visits.reading() as s:
        assert [v.person for v in stays.list_stays(s, "visit", "maite@example.eus")] == ["maite@example.eus"]
        assert [v.person for v in travel.list_legs(s, "visit", "maite@example.eus")] == ["maite@example.eus"]
        assert len(stays.list_stays(s, "visit")) == len(travel.list_legs(s, "visit")) == 2


def test_fields_that_cannot_be_edited_are_named_with_those_that_can(two_visits) -> None:  # type: ignore[no-untyped-def]
    with two_visits.transaction() as s:
        stay_id, leg_id = _stay(s, "visit", "ane@example.eus"), _leg(s, "visit", "ane@example.eus")
    with two_visits.transaction() as s, pytest.raises(ValidationError, match=r"Cannot change price of a stay \(editable: hotel,"):
        stays.update_stay(s, "visit", stay_id, price=90)
    with two_visits.transaction() as s, pytest.raises(ValidationError, match=r"Cannot change seat of a travel leg \(editable: kind,"):
        travel.update_leg(s, "visit", leg_id, seat="12A")
