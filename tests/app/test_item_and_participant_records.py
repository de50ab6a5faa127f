"""Items and participants as records through the app: the programme file's rules for one record, the event's dates
for an item, and undo tokens that put everything back (status history and waitlist place included)."""

from __future__ import annotations

import json

import pytest

from iurc_desktop.app import items, registrations
from iurc_desktop.app.changes import Topic
from iurc_desktop.core.errors import Conflict, ValidationError
from iurc_desktop.core.programme.validate import validate_item, validate_participant

CODE = "r2r-japan-2022"
ANE = "ane.etxeberria@example.eus"
NEWCOMER = "aoife.byrne@example.ie"
TEA = {"key": "tea", "title": "Tea", "kind": "reception", "start": "2022-11-23T15:00", "end": "2022-11-23T16:00"}


def test_one_record_validators_name_fields_as_the_programme_file_does(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.reading() as s:
        with pytest.raises(ValidationError) as caught:
            validate_item(s, {**TEA, "zone": "Europe/Brussels", "start": "2022-03-27T02:30", "host": "atlantis",
                              "groups": ["Z"], "people": [{"person": "nobody@example.org"}]}, "Asia/Tokyo", ["A", "B"])
        lines = caught.value.problems
        assert [line.split(":")[0] for line in lines] == ["start", "host", "groups[0]", "people[0].person"]
        assert "declared in the event's groups" in lines[2]
        with pytest.raises(ValidationError) as caught:
            validate_participant(s, {"person": "ane@@example", "role": "boss"}, [])
        assert [line.split(":")[0] for line in caught.value.problems] == ["person", "role"]


def test_the_programme_file_still_loads_an_item_outside_its_event(demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Only the interactive create and edit refuse it; files written earlier keep loading."""
    from iurc_desktop.app.programme import dump_programme, load_programme

    data = json.loads(dump_programme(demo_db, [CODE]))
    data["events"][0]["items"].append({**TEA, "start": "2021-11-23T15:00", "end": "2021-11-23T16:00"})
    path = tmp_path / "early.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    load_programme(demo_db, path, replace=True)
    assert items.item_record(demo_db, CODE, "tea")["start"] == "2021-11-23T15:00"
    with pytest.raises(ValidationError, match="start: 2021-11-23 is before the event's first day"):
        items.edit_item(demo_db, CODE, "tea", {"title": "Still early"})


def test_add_then_edit_then_edit_back_with_before(demo_db) -> None:  # type: ignore[no-untyped-def]
    outcome = items.add_item(demo_db, CODE, {**TEA, "host": "aichi", "groups": ["A"], "people": [{"person": ANE}]})
    assert outcome.changed == frozenset({Topic.ITEMS})
    edited = items.edit_item(demo_db, CODE, "tea", {"host": None, "groups": [], "people": [], "place": "Kyoto"}).value
    assert set(edited.change.changed) == {"place", "host", "groups", "people"}
    items.edit_item(demo_db, CODE, "tea", edited.before)
    back = items.item_record(demo_db, CODE, "tea")
    assert (back["host"], back["groups"], back["people"], back["place"]) == ("aichi", ["A"], [{"person": ANE, "role": "speaker"}], "")
    with pytest.raises(Conflict, match="^key: "):
        items.add_item(demo_db, CODE, TEA)


def test_an_item_may_end_at_midnight_after_the_last_day(demo_db) -> None:  # type: ignore[no-untyped-def]
    items.add_item(demo_db, CODE, {**TEA, "start": "2022-11-26T22:00", "end": "2022-11-27T00:00"})
    with pytest.raises(ValidationError, match="end: 2022-11-27 is after the event's last day"):
        items.add_item(demo_db, CODE, {**TEA, "key": "late", "start": "2022-11-26T22:00", "end": "2022-11-27T00:30"})


def test_a_status_edit_is_undone_by_writing_the_old_statuses_back(demo_db) -> None:  # type: ignore[no-untyped-def]
    registrations.add_participant(demo_db, CODE, {"person": NEWCOMER, "status": "registered"})
    changed = registrations.edit_participant(demo_db, CODE, NEWCOMER, {"status": "confirmed", "dietary": "halal"}).value
    assert registrations.participant_record(demo_db, CODE, NEWCOMER)["dietary"] == "halal"
    registrations.revert_participant(demo_db, CODE, changed)  # confirmed -> registered is no move a person may make
    record = registrations.participant_record(demo_db, CODE, NEWCOMER)
    assert (record["status"], record["dietary"]) == ("registered", "")


def test_removing_a_waitlisted_participant_and_undoing_keeps_the_place_in_line(demo_db) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from iurc_desktop.core.models import Event

    with demo_db.transaction() as s:
        s.scalar(select(Event).where(Event.code == CODE)).capacity = 1  # full: confirming waitlists
    for email in (NEWCOMER, "aroha.ngata@example.nz"):
        registrations.add_participant(demo_db, CODE, {"person": email, "status": "confirmed"})
    first = registrations.participant_record(demo_db, CODE, NEWCOMER)
    assert first["status"] == "waitlisted" and first["waitlist_position"] == 1
    removed = registrations.remove_participant(demo_db, CODE, NEWCOMER).value
    assert registrations.participant_record(demo_db, CODE, "aroha.ngata@example.nz")["waitlist_position"] == 1
    registrations.restore_participant(demo_db, CODE, removed)
    assert registrations.participant_record(demo_db, CODE, NEWCOMER)["waitlist_position"] == 1
    assert registrations.participant_record(demo_db, CODE, "aroha.ngata@example.nz")["waitlist_position"] == 2
