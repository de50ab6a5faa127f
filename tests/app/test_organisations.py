"""Organisations, people, clusters and pairings through the app: the file's rules, and removals that undo whole."""

from __future__ import annotations

import pytest

from iurc_desktop.app import clusters, organisations, people
from iurc_desktop.app.changes import Topic
from iurc_desktop.core.errors import Conflict, ValidationError
from iurc_desktop.core.programme.dump import dump_programme_text

GRAZ = {"key": "graz", "name": "Graz", "kind": "city", "country": "AT", "zone": "Europe/Vienna"}


def _dump(db) -> str:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return dump_programme_text(session)


def test_an_organisation_is_checked_by_the_programme_files_rules(demo_db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        organisations.add_organisation(demo_db, {**GRAZ, "zone": "Europe", "country": "ZZ", "kind": "village"})
    assert refused.value.problems == [
        "kind: 'village' is not one of: city, region, prefecture, national_body, university, business, ngo, eu_institution",
        "country: 'ZZ' is not an ISO 3166 two-letter country code (e.g. JP, FR)",
        "zone: Europe is a region, not a time zone: add a city, e.g. Europe/Amsterdam",
    ]
    outcome = organisations.add_organisation(demo_db, GRAZ)
    assert outcome.value["sector"] == "government" and Topic.ORGANISATIONS in outcome.changed


def test_editing_gives_back_the_old_values_that_edit_it_back(demo_db) -> None:  # type: ignore[no-untyped-def]
    before = _dump(demo_db)
    edited = organisations.edit_organisation(demo_db, "aichi", {"key": "aichi-pref", "local_name": "", "place": "Nagoya"}).value
    assert edited.old == {"key": "aichi", "local_name": "愛知県", "place": "Nagoya"}
    organisations.edit_organisation(demo_db, "aichi-pref", edited.old)
    assert _dump(demo_db) == before


def test_removing_an_organisation_clears_links_and_undo_brings_them_back(demo_db) -> None:  # type: ignore[no-untyped-def]
    clusters.add_pairing(demo_db, {"key": "eus-aichi", "eu": "basque-country", "partner": "aichi"})
    clusters.add_cluster(demo_db, {"key": "green", "name": "Green", "members": ["aichi", "basque-country"]})
    before = _dump(demo_db)
    ties = organisations.organisation_ties(demo_db, "aichi")
    assert (ties.people, ties.items, ties.clusters, ties.pairings) == (1, 2, 1, 1)
    assert ties.consequences() == ("1 person and 2 hosted items will no longer name it (everything else about them is kept); "
                                   "it leaves 1 cluster; 1 pairing with it will be removed")
    removed = organisations.remove_organisation(demo_db, "aichi").value
    after = _dump(demo_db)
    assert '"aichi"' not in after and "eus-aichi" not in after
    organisations.restore_organisation(demo_db, removed)
    assert _dump(demo_db) == before


def test_a_removed_organisation_whose_key_was_taken_again_is_not_put_back(demo_db) -> None:  # type: ignore[no-untyped-def]
    removed = organisations.remove_organisation(demo_db, "aichi").value
    organisations.add_organisation(demo_db, {**GRAZ, "key": "aichi"})
    with pytest.raises(Conflict, match="Another organisation has the key 'aichi' now"):
        organisations.restore_organisation(demo_db, removed)


def test_a_person_is_created_with_a_derived_key_and_a_duplicate_email_names_the_other(demo_db) -> None:  # type: ignore[no-untyped-def]
    record = people.add_person(demo_db, {"given_name": "Jo", "family_name": "Bloggs", "email": "Jo@Example.org"}).value
    assert record.entry["key"] == "jo-example-org" and record.version == 1
    with pytest.raises(ValidationError, match="email: jo@example.org is already the e-mail of Jo Bloggs"):
        people.add_person(demo_db, {"given_name": "Joe", "email": "jo@example.org"})
    with pytest.raises(ValidationError, match="email: missing"):
        people.add_person(demo_db, {"given_name": "Joe"})


def test_removing_a_person_takes_their_event_records_and_undo_restores_all(demo_db) -> None:  # type: ignore[no-untyped-def]
    before = _dump(demo_db)
    person = people.person_record(demo_db, "aoife.byrne@example.ie")
    removed = people.remove_person(demo_db, "aoife.byrne@example.ie").value
    assert people.person_removal_message(removed) == (
        "Removed Aoife Byrne (aoife.byrne@example.ie) with 3 participations, 4 travel legs, 1 hotel stay and 2 item assignments.")
    assert "aoife" not in _dump(demo_db)
    restored = people.restore_person(demo_db, removed).value
    assert restored.id == person.id
    assert _dump(demo_db) == before  # same participations, history, legs and stays (same calendar UIDs)


def test_a_room_shared_with_a_removed_person_is_shared_again_after_undo(demo_db) -> None:  # type: ignore[no-untyped-def]
    before = _dump(demo_db)
    assert '"shares_with"' in before
    mate = next(line for line in before.splitlines() if '"shares_with"' in line).split('"')[3]
    with demo_db.reading() as session:
        from iurc_desktop.core.models import Person

        email = session.query(Person.email).filter(Person.key == mate).scalar()
    removed = people.remove_person(demo_db, email).value
    assert removed.count("stays") >= 1
    people.restore_person(demo_db, removed)
    assert _dump(demo_db) == before


def test_editing_a_person_with_a_version_refuses_a_stale_one(demo_db) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.core.team.concurrency import EditConflict

    record = people.person_record(demo_db, "ane.etxeberria@example.eus")
    edited = people.edit_person(demo_db, record.id, {"dietary": "vegan"}, expected_version=record.version).value
    assert edited.version == record.version + 1 and edited.entry["dietary"] == "vegan"
    with pytest.raises(EditConflict):
        people.edit_person(demo_db, record.id, {"phone": "+34 1"}, expected_version=record.version)


def test_clusters_and_pairings_come_back_whole(demo_db) -> None:  # type: ignore[no-untyped-def]
    before = _dump(demo_db)
    key = clusters.cluster_entry(demo_db, "smart-city")["key"]
    removed = clusters.remove_cluster(demo_db, key).value
    assert f'"cluster": "{key}"' not in _dump(demo_db)
    clusters.restore_record(demo_db, removed)
    assert _dump(demo_db) == before
    pairing = clusters.add_pairing(demo_db, {"key": "p", "eu": "basque-country", "partner": "aichi"}).value
    assert pairing == {"key": "p", "eu": "basque-country", "partner": "aichi", "status": "active"}
    with pytest.raises(ValidationError, match="eu: missing"):
        clusters.add_pairing(demo_db, {"key": "q", "partner": "aichi"})
