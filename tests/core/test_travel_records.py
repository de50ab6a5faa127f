"""Legs and stays created and edited by the programme file's rules, one record at a time; airports by IATA code."""

from __future__ import annotations

from datetime import date

import pytest

from iurc_desktop.core.errors import ValidationError
from iurc_desktop.core.programme.validate import validate_leg, validate_stay
from iurc_desktop.core.travel.airports import airport
from iurc_desktop.core.travel.legs import create_leg, edit_leg, leg_by_id, with_zones
from iurc_desktop.core.travel.stays import create_stay, edit_stay

from . import factories as f

LEG = {"person": "ane@example.eus", "from": "BIO", "depart": "2026-10-17T12:00", "to": "HND", "arrive": "2026-10-18T10:00"}


@pytest.fixture
def visit(db):  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = f.event(s, "visit", zone="Asia/Tokyo", start=date(2026, 10, 19), end=date(2026, 10, 22))
        for given, email in (("Ane", "ane@example.eus"), ("Jan", "jan@example.pl")):
            f.participate(s, ev, f.person(s, given, "X", email=email))
        f.person(s, "Out", "Sider", email="out@example.org")
    return db


def test_airport_by_iata_code_in_any_case_and_nothing_for_other_places() -> None:
    bru = airport("bru")
    assert bru is not None and (bru.code, bru.city, bru.country, bru.zone) == ("BRU", "Brussels", "BE", "Europe/Brussels")
    assert airport("NRT").zone == "Asia/Tokyo"  # type: ignore[union-attr]
    assert airport("Nagoya Station") is None and airport("XQZ") is None and airport("") is None


def test_with_zones_fills_only_missing_zones_of_airports() -> None:
    raw = with_zones(LEG | {"from": "bio", "to_zone": "Asia/Seoul"})
    assert (raw["from"], raw["from_zone"], raw["to_zone"]) == ("BIO", "Europe/Madrid", "Asia/Seoul")
    with pytest.raises(ValidationError, match=r"^to_zone: 'Kyoto Station' is not an airport code"):
        with_zones(LEG | {"to": "Kyoto Station"})


def test_one_record_validators_name_fields_as_the_programme_file_does(visit) -> None:
    with visit.reading() as s, pytest.raises(ValidationError) as caught:
        validate_leg(s, {"person": "nobody@example.org", "from": "BIO", "from_zone": "Europe", "depart": "2026-10-17",
                         "to": "HND", "to_zone": "Asia/Tokyo", "arrive": "2026-10-18T10:00", "kind": "boat"})
    assert [line.split(":")[0] for line in caught.value.problems] == ["person", "from_zone", "depart", "kind"]
    with visit.reading() as s, pytest.raises(ValidationError) as caught:
        validate_stay(s, {"person": "ane@example.eus", "hotel": "", "check_in": "2026-10-20", "check_out": "2026-10-19"}, "Asia/Tokyo")
    assert [line.split(":")[0] for line in caught.value.problems] == ["check_out", "hotel"]
    with visit.reading() as s:
        assert validate_stay(s, {"person": "ane@example.eus", "hotel": "H", "check_in": "2026-10-19",
                                 "check_out": "2026-10-22"}, "Asia/Tokyo").values["zone"] == "Asia/Tokyo"


def test_a_leg_for_someone_outside_the_event_is_refused_beside_the_person(visit) -> None:
    with visit.transaction() as s, pytest.raises(ValidationError, match=r"^person: Out Sider is not a participant of visit"):
        create_leg(s, "visit", with_zones(LEG | {"person": "out@example.org"}))


def test_editing_the_destination_to_another_airport_brings_its_zone_and_keeps_the_local_time(visit) -> None:
    with visit.transaction() as s:
        leg_id = create_leg(s, "visit", LEG)
        leg = edit_leg(s, "visit", leg_id, {"to": "ICN"})
    assert (leg.to_place, leg.to_zone, f"{leg.arrive:%Y-%m-%d %H:%M %Z}") == ("ICN", "Asia/Seoul", "2026-10-18 10:00 KST")
    assert leg.sequence == 1
    with visit.transaction() as s:
        edit_leg(s, "visit", leg_id, {"to": "Seoul Station", "to_zone": "Asia/Seoul", "kind": "train"})
        assert leg_by_id(s, "visit", leg_id).kind == "train"


def test_a_stay_shared_then_unshared(visit) -> None:
    with visit.transaction() as s:
        stay_id = create_stay(s, "visit", {"person": "ane@example.eus", "hotel": "H", "check_in": "2026-10-19",
                                           "check_out": "2026-10-22", "room": "twin", "shares_with": "jan@example.pl"})
        assert edit_stay(s, "visit", stay_id, {"shares_with": None, "room": "single"}).shares_with == ""
    with visit.transaction() as s, pytest.raises(ValidationError, match=r"^shares_with: Out Sider is not a participant"):
        edit_stay(s, "visit", stay_id, {"shares_with": "out@example.org", "room": "double"})
