"""Invites, cancellations, itineraries and the feed, read back by icalendar, vobject and calcurse."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from iurc_desktop.core import output_files, timeutil
from iurc_desktop.core.errors import Conflict, NotFound, ValidationError
from iurc_desktop.core.events import items as core_items
from iurc_desktop.core.models import Item
from iurc_desktop.exchange.ics import export as ics

from .ics_readers import libical
from .test_ics_data import VISIT, WEBINAR, unfold, visit_db  # noqa: F401

UTC = timezone.utc


def exports(db) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    """Every kind of file, by name."""
    with db.reading() as s:
        return {
            "invite": ics.invite_ics(s, VISIT),
            "invite-item": ics.invite_ics(s, VISIT, item_key="aichi-visit"),
            "invite-webinar": ics.invite_ics(s, WEBINAR),
            "cancel": ics.cancel_ics(s, VISIT),
            "cancel-item": ics.cancel_ics(s, WEBINAR, item_key="part-2"),
            "itinerary": ics.itinerary_ics(s, VISIT),
            "itinerary-group": ics.itinerary_ics(s, VISIT, group="B"),
            "itinerary-person": ics.itinerary_ics(s, VISIT, email="ane@example.eus"),
            "feed": ics.feed_ics(s),
        }


def check_wire_format(data: bytes) -> None:
    data.decode("utf-8")  # valid UTF-8 or raises
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b""), "bare LF"
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # folding never split a character


def vevents(data: bytes) -> list:  # type: ignore[type-arg]
    return Calendar.from_ical(data).walk("VEVENT")


def test_every_export_is_crlf_folded_utf8_with_lines_of_at_most_75_octets(visit_db) -> None:  # noqa: F811
    for name, data in exports(visit_db).items():
        check_wire_format(data)


def test_every_tzid_used_has_its_vtimezone(visit_db) -> None:  # noqa: F811
    for name, data in exports(visit_db).items():
        lines = unfold(data)
        used = {m for line in lines if not line.startswith("TZID") for m in re.findall(r";TZID=([^:;]+)", line)}
        defined = {line[5:] for line in lines if line.startswith("TZID:")}
        assert used <= defined, (name, used - defined)
        assert not any(line.startswith("COMMENT") for line in lines)


def _renamed(data: bytes) -> str:
    """The file with every TZID renamed, so vobject must use the VTIMEZONE rather than its own zone database."""
    return re.sub(r"(TZID[:=])([A-Za-z_/+-]+)", lambda m: m.group(1) + "X-" + m.group(2).replace("/", "-"), data.decode("utf-8"))


def test_vtimezones_read_by_vobject_give_the_same_instants_as_zoneinfo(visit_db) -> None:  # noqa: F811
    """vobject evaluates our STANDARD/DAYLIGHT rules; every DTSTART/DTEND must land on the icalendar/zoneinfo instant."""
    for name, data in exports(visit_db).items():
        expected = {(str(e["UID"]), key): e[key].dt for e in vevents(data) for key in ("DTSTART", "DTEND")}
        for entry in vobject.readOne(_renamed(data)).vevent_list:
            for key, prop in (("DTSTART", entry.dtstart), ("DTEND", entry.dtend)):
                value = prop.value
                want = expected[(entry.uid.value, key)]
                if isinstance(value, datetime):
                    assert "X-" in str(value.tzinfo) or value.tzinfo == UTC or value.utcoffset() == timedelta(0), value.tzinfo
                    assert value.astimezone(UTC) == want.astimezone(UTC), (name, entry.summary.value, key)
                else:
                    assert value == want


def test_webinar_across_dst_changes_keeps_10_00_brussels_each_week(visit_db) -> None:  # noqa: F811
    """26 March is CET (09:00 UTC); 2 and 9 April are CEST (08:00 UTC), read through our VTIMEZONE."""
    with visit_db.reading() as s:
        data = ics.invite_ics(s, WEBINAR)
    starts = sorted(e.dtstart.value.astimezone(UTC) for e in vobject.readOne(_renamed(data)).vevent_list)
    assert starts == [datetime(2026, 3, 26, 9, tzinfo=UTC), datetime(2026, 4, 2, 8, tzinfo=UTC), datetime(2026, 4, 9, 8, tzinfo=UTC)]
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in unfold(data)


def test_uids_are_unique_in_a_file_and_identical_across_two_exports(visit_db) -> None:  # noqa: F811
    first, second = exports(visit_db), exports(visit_db)
    for name in first:
        uids = [str(e["UID"]) for e in vevents(first[name])]
        assert len(uids) == len(set(uids)), name
        assert uids == [str(e["UID"]) for e in vevents(second[name])], name
    with visit_db.reading() as s:
        item = s.query(Item).filter_by(key="aichi-visit").one()
        assert [str(e["UID"]) for e in vevents(first["invite-item"])] == [f"{item.uid}@iurc-desktop"]


def test_request_has_organizer_and_the_active_attendees_of_the_items_groups(visit_db) -> None:  # noqa: F811
    data = exports(visit_db)["invite"]
    cal = Calendar.from_ical(data)
    assert cal["METHOD"] == "REQUEST"
    by_title = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    for entry in by_title.values():
        assert str(entry["ORGANIZER"]) == "mailto:info-aa@example.eu"
        assert entry["ORGANIZER"].params["CN"] == "IURC AA team"  # the quotes were stripped
    aichi = {str(a): a.params for a in by_title["Aichi Science & Technology Foundation"]["ATTENDEE"]}
    assert set(aichi) == {"mailto:ane@example.eus", "mailto:nan@example.ie", "mailto:taro@example.jp"}  # group A + assigned host
    assert aichi["mailto:taro@example.jp"]["CN"] == "山田太郎"
    assert aichi["mailto:nan@example.ie"]["CN"] == "Ann Nan O'Neil"
    opening = {str(a): a.params for a in by_title["Opening at Tokyo Metropolitan Government 東京都庁"]["ATTENDEE"]}
    assert "mailto:declined@example.eu" not in opening
    assert opening["mailto:lea@example.eu"]["ROLE"] == "CHAIR"
    assert opening["mailto:minjun@example.kr"]["ROLE"] == "OPT-PARTICIPANT"
    assert opening["mailto:minjun@example.kr"]["CN"] == "김민준"
    assert opening["mailto:ane@example.eus"]["ROLE"] == "REQ-PARTICIPANT"
    assert all(p["PARTSTAT"] == "NEEDS-ACTION" and p["RSVP"] == "TRUE" for p in opening.values())
    assert not any('^' in line for line in unfold(data) if line.startswith(("ATTENDEE", "ORGANIZER")))


def test_request_carries_location_description_and_url(visit_db) -> None:  # noqa: F811
    entries = {str(e["SUMMARY"]): e for e in vevents(exports(visit_db)["invite"])}
    aichi = entries["Aichi Science & Technology Foundation"]
    assert str(aichi["LOCATION"]) == "Nagoya"
    assert "Host: Aichi Prefecture (愛知県)" in str(aichi["DESCRIPTION"]) and "Groups: A" in str(aichi["DESCRIPTION"])
    assert "Bring passports" in str(aichi["DESCRIPTION"])
    assert str(entries["Online debrief with Brussels"]["URL"]) == "https://meet.example.eu/debrief"
    assert aichi["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert aichi["DTSTART"].dt == datetime(2022, 11, 22, 9, 30, tzinfo=timeutil.zone("Asia/Tokyo"))


def test_vobject_reads_the_request_with_its_attendees(visit_db) -> None:  # noqa: F811
    cal = vobject.readOne(exports(visit_db)["invite-item"].decode("utf-8"))
    assert cal.method.value == "REQUEST"
    (entry,) = cal.vevent_list
    assert entry.organizer.value == "mailto:info-aa@example.eu"
    assert sorted(a.value for a in entry.attendee_list) == ["mailto:ane@example.eus", "mailto:nan@example.ie", "mailto:taro@example.jp"]


def test_publish_files_have_organizer_but_no_attendee(visit_db) -> None:  # noqa: F811
    for name, data in exports(visit_db).items():
        if not (name.startswith("itinerary") or name == "feed"):
            continue
        cal = Calendar.from_ical(data)
        assert cal["METHOD"] == "PUBLISH"
        assert all("ATTENDEE" not in e for e in cal.walk("VEVENT")), name
        assert vobject.readOne(data.decode("utf-8")).method.value == "PUBLISH"
    itinerary = Calendar.from_ical(exports(visit_db)["itinerary-person"])
    assert str(itinerary["X-WR-CALNAME"]) == "EU-Japan Region-to-Region study visit — Ane Etxeberria"
    assert all("ORGANIZER" in e for e in itinerary.walk("VEVENT") if "TRANSP" not in e and not str(e["SUMMARY"]).startswith("Flight"))


def test_cancel_has_status_cancelled_same_uid_and_higher_sequence(visit_db) -> None:  # noqa: F811
    files = exports(visit_db)
    invites = {str(e["UID"]): int(e["SEQUENCE"]) for e in vevents(files["invite-webinar"])}
    cal = Calendar.from_ical(files["cancel-item"])
    assert cal["METHOD"] == "CANCEL"
    (entry,) = cal.walk("VEVENT")
    assert str(entry["STATUS"]) == "CANCELLED"
    assert str(entry["UID"]) in invites
    assert int(entry["SEQUENCE"]) == invites[str(entry["UID"])] + 1
    assert "ORGANIZER" in entry and entry["ATTENDEE"]
    assert not entry.walk("VALARM")
    assert vobject.readOne(files["cancel-item"].decode("utf-8")).vevent.status.value == "CANCELLED"


def test_a_stored_cancellation_and_later_exports_agree(visit_db) -> None:  # noqa: F811
    with visit_db.reading() as s:
        before = ics.cancel_ics(s, WEBINAR, item_key="part-2")
    with visit_db.transaction() as s:
        core_items.cancel_item(s, WEBINAR, "part-2")
        stored = ics.cancel_ics(s, WEBINAR, item_key="part-2")
    with visit_db.reading() as s:
        item = s.query(Item).filter_by(key="part-2").one()
        assert (item.status, item.sequence) == ("cancelled", 1)
        again = ics.cancel_ics(s, WEBINAR, item_key="part-2")
        with pytest.raises(Conflict):
            ics.invite_ics(s, WEBINAR, item_key="part-2")
        remaining = [str(e["SUMMARY"]) for e in vevents(ics.invite_ics(s, WEBINAR))]
    seq = [int(vevents(d)[0]["SEQUENCE"]) for d in (before, stored, again)]
    assert seq == [1, 1, 1]
    assert "Smart cities, part 2" not in remaining and len(remaining) == 2


def test_cancel_event_cancels_every_item_and_the_event(visit_db) -> None:  # noqa: F811
    with visit_db.transaction() as s:
        core_items.cancel_event(s, WEBINAR)
        data = ics.cancel_ics(s, WEBINAR)
    assert [int(e["SEQUENCE"]) for e in vevents(data)] == [1, 1, 1]
    with visit_db.reading() as s:
        assert {i.status for i in s.query(Item).filter(Item.key.like("part-%"))} == {"cancelled"}
        with pytest.raises(ValidationError):
            ics.invite_ics(s, WEBINAR)


def test_sequence_is_unchanged_when_nothing_changed(visit_db) -> None:  # noqa: F811
    first, second = exports(visit_db), exports(visit_db)
    for name in first:
        assert [e["SEQUENCE"] for e in vevents(first[name])] == [e["SEQUENCE"] for e in vevents(second[name])]


def test_overnight_paris_tokyo_flight_departs_and_arrives_in_its_own_zones(visit_db) -> None:  # noqa: F811
    entries = {str(e["SUMMARY"]): e for e in vevents(exports(visit_db)["itinerary-person"])}
    flight = entries["Flight AF276 CDG → HND"]
    assert flight["DTSTART"].params["TZID"] == "Europe/Paris"
    assert flight["DTEND"].params["TZID"] == "Asia/Tokyo"
    assert flight["DTSTART"].dt.replace(tzinfo=None) == datetime(2022, 11, 19, 23, 25)
    assert flight["DTEND"].dt.replace(tzinfo=None) == datetime(2022, 11, 20, 19, 5)
    assert flight["DTSTART"].dt.astimezone(UTC) == datetime(2022, 11, 19, 22, 25, tzinfo=UTC)
    assert flight["DTEND"].dt.astimezone(UTC) == datetime(2022, 11, 20, 10, 5, tzinfo=UTC)
    assert "Booking reference: XK7Q2P" in str(flight["DESCRIPTION"])


def test_hotel_nights_are_all_day_entries_with_an_exclusive_end(visit_db) -> None:  # noqa: F811
    data = exports(visit_db)["itinerary-person"]
    hotel = next(e for e in vevents(data) if str(e["SUMMARY"]) == "Hotel: Hotel Nagoya Castle")
    assert hotel["DTSTART"].dt == date(2022, 11, 20) and hotel["DTEND"].dt == date(2022, 11, 23)
    assert "DTSTART;VALUE=DATE:20221120" in unfold(data) and "DTEND;VALUE=DATE:20221123" in unfold(data)
    read = next(e for e in vobject.readOne(data.decode("utf-8")).vevent_list if e.summary.value.startswith("Hotel"))
    assert (read.dtstart.value, read.dtend.value) == (date(2022, 11, 20), date(2022, 11, 23))


def test_group_itinerary_has_its_items_and_shared_hotel_once(visit_db) -> None:  # noqa: F811
    entries = [str(e["SUMMARY"]) for e in vevents(exports(visit_db)["itinerary-group"])]
    assert "Osaka Innovation Hub" in entries and "Aichi Science & Technology Foundation" not in entries
    assert entries.count("Hotel: Hotel Osaka Bay") == 1
    assert "Flight AF276 CDG → HND" not in entries  # Ane is in group A


def test_itinerary_refuses_unknown_group_or_person(visit_db) -> None:  # noqa: F811
    with visit_db.reading() as s:
        with pytest.raises(NotFound, match="Its groups: A, B"):
            ics.itinerary_ics(s, VISIT, group="Z")
        with pytest.raises(NotFound, match="nobody@example.eu"):
            ics.itinerary_ics(s, VISIT, email="nobody@example.eu")
        with pytest.raises(NotFound, match="no item 'nope'"):
            ics.invite_ics(s, VISIT, item_key="nope")


def test_invite_without_organiser_email_says_what_to_do(visit_db) -> None:  # noqa: F811
    from iurc_desktop.core.models import Event

    with visit_db.transaction() as s:
        s.query(Event).filter_by(code=WEBINAR).one().organiser_email = ""
    with visit_db.reading() as s, pytest.raises(ValidationError, match="organiser"):
        ics.invite_ics(s, WEBINAR)


def test_feed_holds_every_events_items(visit_db) -> None:  # noqa: F811
    entries = [str(e["SUMMARY"]) for e in vevents(exports(visit_db)["feed"])]
    assert len(entries) == 7
    assert "Smart cities, part 1 (Smart cities webinar series)" in entries


def test_invite_per_item_gives_one_uid_per_file(visit_db) -> None:  # noqa: F811
    with visit_db.reading() as s:
        files = ics.invite_ics_per_item(s, VISIT)
    assert [name for name, _ in files] == [f"{VISIT}-opening.ics", f"{VISIT}-aichi-visit.ics", f"{VISIT}-osaka-visit.ics", f"{VISIT}-debrief.ics"]
    assert all(len(vevents(data)) == 1 for _, data in files)


def test_write_atomic_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "x.ics"
    target.write_bytes(b"old")
    output_files.write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["x.ics"]


@pytest.mark.skipif(shutil.which("calcurse") is None, reason="calcurse is not installed")
def test_calcurse_imports_every_export_without_skipping_and_at_the_right_utc_times(visit_db, tmp_path: Path) -> None:  # noqa: F811
    files = exports(visit_db)
    for name, data in files.items():
        folder = tmp_path / name
        folder.mkdir()
        path = folder / "in.ics"
        path.write_bytes(data)
        run = subprocess.run(["calcurse", "-D", str(folder), "-C", str(folder), "-i", str(path)], capture_output=True, text=True, env={**os.environ, "TZ": "UTC"}, timeout=30)
        counts = re.search(r"(\d+) apps? / (\d+) events? / \d+ todos? / (\d+) skipped", run.stdout)
        assert counts, run.stdout + run.stderr
        apps, all_day, skipped = map(int, counts.groups())
        assert skipped == 0, (name, run.stdout)
        assert apps + all_day == len(vevents(data)), name
    apts = (tmp_path / "itinerary-person" / "apts").read_text(encoding="utf-8")
    assert "11/19/2022 @ 22:25 -> 11/20/2022 @ 10:05" in apts  # the overnight flight, in UTC
    assert "11/20/2022 [1] {1D -> 11/22/2022}" in apts  # three hotel nights: 20, 21, 22 November


def test_demo_programme_exports_read_back_with_the_same_instants(db) -> None:
    """Every event of the shipped demo: invites (when it has an organiser), itinerary, cancellation, and the feed; libical finds no fault."""
    from iurc_desktop.core.events.listing import list_events
    from iurc_desktop.core.programme import demo

    try:
        demo.demo_path()
    except NotFound:
        pytest.skip("the demo programme file is not in this checkout yet")
    with db.transaction() as s:
        demo.load_demo(s)
    with db.reading() as s:
        files = [ics.feed_ics(s)]
        for row in list_events(s):
            files.append(ics.itinerary_ics(s, row.code))
            if row.items and ics.load_event(s, row.code).organiser_email:
                files += [ics.invite_ics(s, row.code), ics.cancel_ics(s, row.code)]
    for data in files:
        check_wire_format(data)
        if libical is not None:
            assert libical.errors(data) == []  # RFC 5545/5546, as libical checks them
        expected = {(str(e["UID"]), k): e[k].dt for e in vevents(data) for k in ("DTSTART", "DTEND")}
        for entry in vobject.readOne(_renamed(data)).vevent_list:
            for key, prop in (("DTSTART", entry.dtstart), ("DTEND", entry.dtend)):
                want = expected[(entry.uid.value, key)]
                got = prop.value
                assert (got.astimezone(UTC) == want.astimezone(UTC)) if isinstance(got, datetime) else got == want
