"""Programme file: loading, replacing in place, and lossless dumping."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import Conflict, NotFound, ValidationError
from iurc_desktop.core.models import Event, Item, Participation, Person, Stay, TravelLeg
from iurc_desktop.core.programme.file import (
    dump_programme,
    dump_programme_text,
    load_programme,
    load_programme_file,
)


def design_example() -> dict[str, Any]:
    """The programme file shown in the design, plus a second item and person."""
    return {
        "format": "iurc-programme/1",
        "organisations": [
            {"key": "aichi", "name": "Aichi Prefecture", "local_name": "愛知県", "kind": "prefecture",
             "sector": "government", "country": "JP", "zone": "Asia/Tokyo"},
            {"key": "basque-country", "name": "Basque Country", "kind": "region", "sector": "government",
             "country": "ES", "zone": "Europe/Madrid"},
        ],
        "people": [
            {"key": "ane", "given_name": "Ane", "family_name": "Etxeberria", "email": "ane@example.eus",
             "organisation": "basque-country", "gender": "female", "nationality": "ES",
             "passport_expiry": "2023-03-01", "dietary": "vegetarian", "accessibility": "", "phone": "+34 600 000 000"},
            {"key": "suzuki", "given_name": "Misaki", "family_name": "Suzuki", "name_order": "family_first",
             "local_name": "鈴木 美咲", "email": "m.suzuki@example.jp", "organisation": "aichi"},
        ],
        "events": [
            {"code": "r2r-japan-2022", "kind": "study_visit", "title": "EU-Japan Region-to-Region study visit",
             "theme": "regional innovation", "zone": "Asia/Tokyo", "start": "2022-11-20", "end": "2022-11-26",
             "capacity": 20, "organiser": {"name": "IURC AA team", "email": "info-aa@example.eu"},
             "groups": ["A", "B"],
             "items": [
                 {"key": "aichi-visit", "title": "Aichi Science & Technology Foundation", "kind": "site_visit",
                  "start": "2022-11-22T09:30", "end": "2022-11-22T12:00", "zone": "Asia/Tokyo",
                  "place": "Nagoya", "host": "aichi", "groups": ["A"],
                  "people": [{"person": "m.suzuki@example.jp", "role": "host"}]},
                 {"key": "final", "title": "Final meeting", "kind": "meeting",
                  "start": "2022-11-25T13:30", "end": "2022-11-25T16:30", "place": "Kyoto"},
             ],
             "participants": [{"person": "ane", "role": "delegate", "status": "confirmed", "group": "A"}],
             "travel": [
                 {"person": "ane", "kind": "flight", "carrier": "AF", "number": "AF276",
                  "from": "CDG", "from_zone": "Europe/Paris", "depart": "2022-11-19T23:25",
                  "to": "HND", "to_zone": "Asia/Tokyo", "arrive": "2022-11-20T19:05"}
             ],
             "stays": [
                 {"person": "ane", "hotel": "Hotel Nagoya Castle", "zone": "Asia/Tokyo",
                  "check_in": "2022-11-20", "check_out": "2022-11-23", "room": "single", "shares_with": None}
             ]},
        ],
    }


def load(db: Database, data: dict[str, Any], **kw: Any):  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        return load_programme(session, data, **kw)


def dump_text(db: Database, codes: list[str] | None = None) -> str:
    with db.reading() as session:
        return dump_programme_text(session, codes)


def test_design_example_loads_with_local_times_stored_as_utc(db: Database) -> None:
    summary = load(db, design_example())
    assert (summary.organisations, summary.people, summary.events, summary.items, summary.participants) == (2, 2, 1, 2, 1)
    assert summary.event_codes == ("r2r-japan-2022",)
    with db.reading() as session:
        item = session.scalar(select(Item).where(Item.key == "aichi-visit"))
        assert item.start_utc == datetime(2022, 11, 22, 0, 30, tzinfo=timezone.utc)
        assert [g.name for g in item.groups] == ["A"] and item.host.key == "aichi"
        assert [(a.person.key, a.role) for a in item.assigned] == [("suzuki", "host")]
        final = session.scalar(select(Item).where(Item.key == "final"))
        assert final.zone == "Asia/Tokyo"  # an item without a zone takes the event's
        leg = session.scalar(select(TravelLeg))
        assert leg.depart_utc == datetime(2022, 11, 19, 22, 25, tzinfo=timezone.utc)
        assert leg.arrive_utc == datetime(2022, 11, 20, 10, 5, tzinfo=timezone.utc)


def test_dump_load_dump_is_identical(db: Database, tmp_path: Path) -> None:
    load(db, design_example())
    first = dump_text(db)
    from iurc_desktop.core.db import open_database

    other = open_database(f"sqlite:///{tmp_path / 'other.db'}")
    load(other, json.loads(first))
    assert dump_text(other) == first
    other.dispose()


def test_dump_text_is_utf8_json_indented_with_a_trailing_newline(db: Database) -> None:
    load(db, design_example())
    text = dump_text(db)
    assert text.endswith("}\n") and "愛知県" in text and "\\u" not in text
    assert text.startswith('{\n  "format": "iurc-programme/1",')


def test_existing_event_code_is_refused_without_replace_and_nothing_changes(db: Database) -> None:
    load(db, design_example())
    before = dump_text(db)
    changed = design_example()
    changed["events"][0]["title"] = "Something else"
    changed["organisations"][0]["name"] = "Renamed"
    with pytest.raises(Conflict, match=r"r2r-japan-2022.*--replace"):
        load(db, changed)
    assert dump_text(db) == before


def test_replace_updates_the_event_in_place_keeping_ids_and_uids(db: Database) -> None:
    load(db, design_example())
    with db.reading() as session:
        event = session.scalar(select(Event))
        ids = (event.id, event.uid, {i.key: (i.id, i.uid) for i in event.items},
               {p.person_id: p.id for p in event.participations},
               [(t.id, t.uid) for t in event.travel_legs], [(s.id, s.uid) for s in event.stays])
    changed = design_example()
    changed["events"][0]["title"] = "Renamed visit"
    changed["events"][0]["items"][0]["place"] = "Knowledge Hub Aichi"
    changed["events"][0]["travel"][0]["arrive"] = "2022-11-20T19:35"
    summary = load(db, changed, replace=True)
    assert summary.events == 1
    with db.reading() as session:
        event = session.scalar(select(Event))
        assert event.title == "Renamed visit"
        assert (event.id, event.uid, {i.key: (i.id, i.uid) for i in event.items},
                {p.person_id: p.id for p in event.participations},
                [(t.id, t.uid) for t in event.travel_legs], [(s.id, s.uid) for s in event.stays]) == ids
        assert session.scalar(select(func.count()).select_from(Event)) == 1
        assert [t.sequence for t in event.travel_legs] == [1]  # the flight's arrival moved
        assert [s.sequence for s in event.stays] == [0]
        assert event.sequence == 1  # the title changed


def test_replace_raises_the_sequence_of_a_leg_or_stay_moved_to_another_zone(db: Database) -> None:
    """A zone change moves the local times a calendar shows, as an edit in the app does (core/calendar_fields)."""
    load(db, design_example())
    changed = design_example()
    changed["events"][0]["travel"][0]["to_zone"] = "Asia/Seoul"
    changed["events"][0]["stays"][0]["zone"] = "Asia/Seoul"
    load(db, changed, replace=True)
    with db.reading() as session:
        event = session.scalar(select(Event))
        assert [t.sequence for t in event.travel_legs] == [1]
        assert [s.sequence for s in event.stays] == [1]


def test_replace_raises_sequence_exactly_for_changed_items(db: Database) -> None:
    load(db, design_example())
    changed = design_example()
    changed["events"][0]["items"][1]["start"] = "2022-11-25T14:00"  # moved
    load(db, changed, replace=True)
    with db.reading() as session:
        seq = {i.key: i.sequence for i in session.scalars(select(Item))}
    assert seq == {"aichi-visit": 0, "final": 1}
    load(db, changed, replace=True)  # the same file again changes nothing
    changed["events"][0]["items"][0]["title"] = "Aichi STF"  # renamed
    changed["events"][0]["items"][1]["sequence"] = 5  # an explicit higher sequence wins
    load(db, changed, replace=True)
    with db.reading() as session:
        seq = {i.key: i.sequence for i in session.scalars(select(Item))}
    assert seq == {"aichi-visit": 1, "final": 5}


def test_replace_removes_what_the_file_no_longer_has(db: Database) -> None:
    load(db, design_example())
    changed = design_example()
    event = changed["events"][0]
    event["items"] = event["items"][:1]
    event["items"][0]["groups"] = []
    event["groups"] = ["A"]
    event["participants"] = []
    event["travel"] = []
    event["stays"] = []
    load(db, changed, replace=True)
    with db.reading() as session:
        assert [i.key for i in session.scalars(select(Item))] == ["aichi-visit"]
        for model in (Participation, TravelLeg, Stay):
            assert session.scalar(select(func.count()).select_from(model)) == 0
        assert [g.name for g in session.scalar(select(Event)).groups] == ["A"]
        assert session.scalar(select(func.count()).select_from(Person)) == 2  # people stay


def test_people_are_matched_by_email_and_missing_fields_keep_stored_values(db: Database) -> None:
    load(db, design_example())
    update = {"format": "iurc-programme/1", "people": [
        {"given_name": "Ane", "family_name": "Etxeberria Goikoetxea", "email": "ANE@example.eus"},
    ]}
    summary = load(db, update)
    assert summary.people == 1
    with db.reading() as session:
        ane = session.scalar(select(Person).where(Person.key == "ane"))
        assert ane.family_name == "Etxeberria Goikoetxea"
        assert ane.dietary == "vegetarian" and ane.organisation.key == "basque-country"
        assert session.scalar(select(func.count()).select_from(Person)) == 2


def test_person_without_key_gets_one_derived_from_the_email(db: Database) -> None:
    data = {"format": "iurc-programme/1", "people": [
        {"given_name": "Jordi", "family_name": "Soler", "email": "Jordi.Soler@example.cat"},
        {"key": "jordi-soler-example-cat", "given_name": "Other", "email": "other@example.cat"},
    ]}
    load(db, data)
    with db.reading() as session:
        keys = {p.email: p.key for p in session.scalars(select(Person))}
    assert keys == {"Jordi.Soler@example.cat": "jordi-soler-example-cat-2", "other@example.cat": "jordi-soler-example-cat"}


def test_ambiguous_local_time_with_an_offset_picks_the_fold_and_dumps_it_back(db: Database) -> None:
    data = design_example()
    item = data["events"][0]["items"][1]
    item.update(zone="Europe/Brussels", start="2026-10-25T02:30+01:00", end="2026-10-25T03:30")
    load(db, data)
    with db.reading() as session:
        final = session.scalar(select(Item).where(Item.key == "final"))
        assert final.start_utc == datetime(2026, 10, 25, 1, 30, tzinfo=timezone.utc)
    dumped = json.loads(dump_text(db))
    final_dump = next(i for i in dumped["events"][0]["items"] if i["key"] == "final")
    assert final_dump["start"] == "2026-10-25T02:30+01:00" and final_dump["end"] == "2026-10-25T03:30"


def test_cjk_names_survive_load_and_dump(db: Database) -> None:
    data = design_example()
    data["people"].append({"key": "minjun", "given_name": "Min-jun", "family_name": "Kim", "local_name": "김민준",
                           "name_order": "family_first", "email": "minjun@example.kr"})
    load(db, data)
    with db.reading() as session:
        assert session.scalar(select(Person.local_name).where(Person.key == "minjun")) == "김민준"
        assert session.scalar(select(Person).where(Person.key == "suzuki")).display_name == "Suzuki Misaki"
    text = dump_text(db)
    assert "김민준" in text and "鈴木 美咲" in text and "愛知県" in text


def test_dump_of_named_events_carries_what_they_refer_to_and_loads_alone(db: Database, tmp_path: Path) -> None:
    data = design_example()
    second = copy.deepcopy(data["events"][0])
    second.update(code="other-event", items=[], participants=[], travel=[], stays=[])
    data["events"].append(second)
    data["organisations"].append({"key": "unused", "name": "Unused", "kind": "city", "sector": "government",
                                  "country": "BE", "zone": "Europe/Brussels"})
    load(db, data)
    with db.reading() as session:
        part = dump_programme(session, ["r2r-japan-2022"])
    assert [e["code"] for e in part["events"]] == ["r2r-japan-2022"]
    assert {o["key"] for o in part["organisations"]} == {"aichi", "basque-country"}
    assert {p["key"] for p in part["people"]} == {"ane", "suzuki"}
    from iurc_desktop.core.db import open_database

    other = open_database(f"sqlite:///{tmp_path / 'part.db'}")
    load(other, part)
    assert dump_text(other) == json.dumps(part, ensure_ascii=False, indent=2) + "\n"
    other.dispose()


def test_dump_of_an_unknown_event_code_is_not_found(db: Database) -> None:
    with db.reading() as session, pytest.raises(NotFound, match="nope"):
        dump_programme(session, ["nope"])


def test_load_programme_file_reads_utf8_json(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(design_example(), ensure_ascii=False), encoding="utf-8")
    with db.transaction() as session:
        assert load_programme_file(session, path).event_codes == ("r2r-japan-2022",)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"{not json", "is not JSON (line 1"),
        (b'{"format": "something/2"}', "is not a programme file"),
        (b"[1, 2]", "is not a programme file"),
        (b"\xff\xfe{}", "is not UTF-8"),
    ],
)
def test_unreadable_programme_files_give_a_clear_message(db: Database, tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "bad.json"
    if content is not None:
        path.write_bytes(content)
    with db.transaction() as session, pytest.raises(ValidationError) as caught:
        load_programme_file(session, path)
    assert message in str(caught.value) and str(path) in str(caught.value)
