"""Organisations an import names: linked when stored, proposed with guesses when not, created by the programme
file's rules on request, and an import taken back whole (created rows removed, changed fields and statuses restored)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from iurc_desktop.app import imports as app_imports
from iurc_desktop.app.changes import Topic
from iurc_desktop.core.errors import ValidationError
from iurc_desktop.core.models import Event, Organisation, Participation, Person, StatusChange
from iurc_desktop.core.registrations import participations as reg
from iurc_desktop.exchange.imports.organisations import (
    country_of_email, derive_key, guess_kind, problems, zone_of_country,
)
from iurc_desktop.exchange.imports.plan import NewOrganisation
from tests.conftest import SAMPLES

ROWS = ("First Name,Last Name,Email,Organisation,Country,Job Title,Status\n"
        "Lea,Novak,lea@ljubljana.si,Mestna občina Ljubljana,,,registered\n"
        "Nina,Horvat,nina@ljubljana.si,MESTNA OBCINA LJUBLJANA,,,registered\n"
        "Ane,Etxeberria,ane@example.eus,Universidad del País Vasco,Spain,Professor,confirmed\n"
        "Kenji,Ito,kenji@example.com,Aichi Préfecture,,,registered\n")


def _visit(db) -> None:  # type: ignore[no-untyped-def]
    """An event with one stored organisation and one registered person whose organisation and job are blank."""
    with db.transaction() as s:
        s.add(Organisation(key="aichi", name="Aichi Prefecture", kind="prefecture", sector="government", country="JP",
                           zone="Asia/Tokyo"))
        s.add(Event(code="sv", kind="study_visit", title="Visit", zone="Asia/Tokyo", start_date=date(2027, 3, 1),
                    end_date=date(2027, 3, 5)))
        s.flush()
        ane = Person(given_name="Ane", family_name="Etxeberria", email="ane@example.eus")
        s.add(ane)
        s.flush()
        reg.register(s, "sv", ane.id, status="registered")


def _file(tmp_path: Path, text: str = ROWS) -> Path:
    path = tmp_path / "rows.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _state(db) -> tuple[object, ...]:  # type: ignore[no-untyped-def]
    """Everything an import may touch, to compare before and after."""
    with db.reading() as s:
        return (
            sorted((o.key, o.name) for o in s.query(Organisation)),
            sorted((p.email, p.organisation_id, p.job_title, p.notes) for p in s.query(Person)),
            sorted((p.person_id, p.status, p.first_join_utc, p.attended_minutes) for p in s.query(Participation)),
        )


def test_guesses_from_the_name_and_the_email() -> None:
    assert (country_of_email("a@x.si"), country_of_email("a@x.co.uk"), country_of_email("a@x.com"),
            country_of_email("a@x.eu")) == ("SI", "GB", "", "")
    assert (zone_of_country("JP"), zone_of_country("DE"), zone_of_country("ES"), zone_of_country("US")) == (
        "Asia/Tokyo", "Europe/Berlin", "", "")  # Germany keeps one clock; Spain (Canaries) and the US do not
    assert derive_key("Comune di Milano", {"comune-di-milano"}) == "comune-di-milano-2"
    assert derive_key("浜松市", ()) == "浜松市"
    assert [guess_kind(n) for n in ("Universidad del País Vasco", "Comune di Milano", "Acme Ltd", "愛知県")] == [
        "university", "city", "business", "prefecture"]


def test_the_plan_links_stored_names_and_proposes_the_others(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _visit(db)
    plan = app_imports.plan_import(db, "sv", _file(tmp_path))
    ljubljana, upv = plan.organisations  # "Aichi Préfecture" is the stored Aichi Prefecture, accents and case aside
    assert (ljubljana.name, ljubljana.key, ljubljana.kind, ljubljana.sector) == (
        "Mestna občina Ljubljana", "mestna-obcina-ljubljana", "city", "government")
    assert (ljubljana.country, ljubljana.zone, ljubljana.rows) == ("SI", "Europe/Ljubljana", (2, 3))
    assert (upv.kind, upv.sector, upv.country, upv.zone) == ("university", "research", "ES", "")  # the Country column


def test_each_new_organisation_is_checked_by_the_programme_file_rules(db) -> None:  # type: ignore[no-untyped-def]
    _visit(db)
    good = NewOrganisation("Comune di Milano", "milano", "city", "government", "IT", "Europe/Rome")
    with db.reading() as s:
        assert problems(s, [good]) == []
        found = problems(s, [replace(good, zone="Europe"), replace(good, name="Aichi", key="aichi", country="XX"),
                             replace(good, name="Twin")])
    assert "Comune di Milano: zone: Europe is a region, not a time zone: add a city, e.g. Europe/Amsterdam" in found
    assert "Aichi: key: 'aichi' is already the key of a stored organisation; choose another" in found
    assert any(line.startswith("Aichi: country: 'XX' is not an ISO 3166") for line in found)
    assert "Twin: key: 'milano' is given to another new organisation too; choose another" in found


def test_created_in_the_same_transaction_and_taken_back_whole(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _visit(db)
    before = _state(db)
    plan = app_imports.plan_import(db, "sv", _file(tmp_path))
    chosen = (plan.organisations[0], replace(plan.organisations[1], zone="Europe/Madrid"))
    outcome = app_imports.apply_import(db, plan, organisations=chosen)
    assert Topic.ORGANISATIONS in outcome.changed
    assert outcome.value.organisations_created == ("mestna-obcina-ljubljana", "universidad-del-pais-vasco")
    with db.reading() as s:
        org = {p.email: (p.organisation.key if p.organisation else None) for p in s.query(Person)}
        ane = s.query(Person).filter_by(email="ane@example.eus").one()
        assert (ane.job_title, ane.participations[0].status) == ("Professor", "confirmed")  # filled, moved
        assert "Organisation:" not in (s.query(Person).filter_by(email="lea@ljubljana.si").one().notes or "")
    assert org == {"ane@example.eus": "universidad-del-pais-vasco", "lea@ljubljana.si": "mestna-obcina-ljubljana",
                   "nina@ljubljana.si": "mestna-obcina-ljubljana", "kenji@example.com": "aichi"}
    undone = app_imports.undo_import(db, outcome.value.undo)
    assert undone.changed == frozenset({Topic.PEOPLE, Topic.PARTICIPANTS, Topic.ORGANISATIONS})
    assert _state(db) == before
    with db.reading() as s:  # the move back is in the history, not hidden
        assert s.query(StatusChange).filter_by(reason="undo", to_status="registered").count() == 1
    again = app_imports.apply_import(db, plan, organisations=chosen).value  # redo: the same import again
    assert again.organisations_created == outcome.value.organisations_created and again.people_created == 3


def test_a_refused_organisation_refuses_the_import(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _visit(db)
    before = _state(db)
    plan = app_imports.plan_import(db, "sv", _file(tmp_path))
    with pytest.raises(ValidationError, match="Universidad del País Vasco: zone: Europe is a region"):
        app_imports.apply_import(db, plan, organisations=(plan.organisations[0], replace(plan.organisations[1], zone="Europe")))
    assert _state(db) == before


def test_unticked_and_without_choices_the_names_go_to_the_notes(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _visit(db)
    plan = app_imports.plan_import(db, "sv", _file(tmp_path))
    unticked = tuple(replace(o, create=False) for o in plan.organisations)
    result = app_imports.apply_import(db, plan, organisations=unticked).value
    assert result.organisations_created == ()
    with db.reading() as s:
        lea = s.query(Person).filter_by(email="lea@ljubljana.si").one()
        assert lea.organisation_id is None and "Organisation: Mestna občina Ljubljana" in lea.notes


def test_an_attendance_import_is_taken_back(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        s.add(Event(code="web", kind="webinar", title="Webinar", zone="Europe/Brussels", start_date=date(2022, 11, 14),
                    end_date=date(2022, 11, 14)))
        s.flush()
        for name, email in (("Jan", "jan.janssens.ext@example.org"), ("Yui", "yui@example.jp")):
            person = Person(given_name=name, family_name="Example", email=email)
            s.add(person)
            s.flush()
            reg.register(s, "web", person.id, status="registered")
    before = _state(db)
    plan = app_imports.plan_import(db, "web", SAMPLES / "real" / "teams_meeting_attendance_utf16be.csv", attendance=True)
    result = app_imports.apply_import(db, plan).value
    assert (result.attended, result.no_show) == (1, 1) and _state(db) != before
    app_imports.undo_import(db, result.undo)
    assert _state(db) == before

