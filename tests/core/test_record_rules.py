"""One organisation, person, cluster or pairing checked by the programme file's own rules, problems named by field."""

from __future__ import annotations

import pytest

from iurc_desktop.core.errors import ValidationError
from iurc_desktop.core.programme.file import load_programme
from iurc_desktop.core.programme.validate import (
    validate_cluster, validate_organisation, validate_pairing, validate_person,
)

ORG = {"key": "graz", "name": "Graz", "kind": "city", "sector": "government", "country": "at", "zone": "Europe/Vienna"}


def problems(check, session, raw, also=()) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        check(session, raw, also)
    return refused.value.problems


def test_one_record_reads_field_colon_message(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.reading() as s:
        assert validate_organisation(s, ORG).values["country"] == "AT"
        assert problems(validate_organisation, s, {**ORG, "zone": "Asia/Nowhere", "colour": "red"}) == [
            "colour: unknown field (expected one of: key, name, local_name, kind, sector, country, zone, place, notes)",
            "zone: Asia/Nowhere is not a known time zone",
        ]
        assert problems(validate_person, s, {"key": "jo", "email": "jo@", "passport_expiry": "2030-13-01",
                                             "organisation": "nope"}) == [
            "email: jo@ is not an e-mail address (There must be something after the @-sign.)",
            "given_name: a person needs a given or family name",
            "passport_expiry: 2030-13-01 is not a date (expected YYYY-MM-DD)",
            "organisation: unknown organisation 'nope'",
        ]
        assert problems(validate_cluster, s, {"key": "c", "name": "C", "members": ["aichi", "nope"]}) == [
            "members[1]: unknown organisation 'nope'"]
        assert problems(validate_pairing, s, {"key": "p", "eu": "aichi"}, ["key: taken"]) == [
            "partner: missing (required)", "key: taken"]


def test_a_pairing_without_an_eu_partner_in_a_file_is_reported_not_dropped(db) -> None:  # type: ignore[no-untyped-def]
    data = {"format": "iurc-programme/1", "organisations": [ORG], "pairings": [{"key": "p", "partner": "graz"}]}
    with pytest.raises(ValidationError, match=r"pairings\[0\]\.eu: missing \(required\)"):
        with db.transaction() as s:
            load_programme(s, data)
