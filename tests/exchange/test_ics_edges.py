"""Calendar files at the edges: the repeated hour, the skipped hour, cancelled events, one UID per part.

Every export kind is read by icalendar, vobject (through the file's own VTIMEZONEs),
libical (with its RFC 5545/5546 restriction check, where Debian's libical3 is
installed) and our own reader; all must give the stored UTC instant of every time.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from icalendar import Calendar

from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import ValidationError
from iurc_desktop.core.events import items as core_items
from iurc_desktop.core.events.listing import list_participants
from iurc_desktop.core.models import Event, Group, Item, Organisation, Participation, Person, Stay, TravelLeg
from iurc_desktop.exchange.ics import export as ics
from iurc_desktop.exchange.ics.mail import invitation_emails
from iurc_desktop.exchange.ics.reading import read_entries
from iurc_desktop.exchange.rosters import rosters

from .ics_readers import NO_LIBICAL, by_ical, by_icalendar, by_vobject, libical
from .test_ics_data import VISIT, WEBINAR, build_visit, build_webinar, unfold

UTC = timezone.utc
CODE = "edges-2026"


def _z(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# key, zone, start, end (UTC); the comments give the local times
ITEMS = [
    ("fold-first", "Europe/Brussels", _z("2026-10-25T00:30"), _z("2026-10-25T01:15")),  # 02:30 CEST – 02:15 CET: both in the fold
    ("fold-second", "Europe/Brussels", _z("2026-10-25T01:30"), _z("2026-10-25T02:30")),  # 02:30 CET (the second) – 03:30
    ("gap-edge", "Europe/Brussels", _z("2026-03-29T00:30"), _z("2026-03-29T01:00")),  # 01:30 CET – 03:00 CEST, across the gap
    ("after-gap", "Europe/Brussels", _z("2026-03-29T01:00"), _z("2026-03-29T02:00")),  # 03:00 – 04:00 CEST
    ("akl-fold", "Pacific/Auckland", _z("2026-04-04T13:30"), _z("2026-04-04T14:30")),  # 02:30 NZDT – 02:30 NZST
    ("lhi-fold", "Australia/Lord_Howe", _z("2026-04-04T14:45"), _z("2026-04-04T15:15")),  # 01:45 +11 – 01:45 +10:30
    ("scl-fold", "America/Santiago", _z("2026-04-05T02:30"), _z("2026-04-05T03:30")),  # 23:30 -03 – 23:30 -04
    ("nobody", "Europe/Brussels", _z("2026-10-26T09:00"), _z("2026-10-26T10:00")),  # for group C, which has no one
]
FOLDS = {("fold-first", "DTSTART"), ("fold-first", "DTEND"), ("fold-second", "DTSTART"), ("akl-fold", "DTSTART"),
         ("akl-fold", "DTEND"), ("lhi-fold", "DTSTART"), ("lhi-fold", "DTEND"), ("scl-fold", "DTSTART"), ("scl-fold", "DTEND")}
INVITED = [key for key, *_ in ITEMS if key != "nobody"]


def build_edges(session) -> None:  # type: ignore[no-untyped-def]
    """A Brussels event whose items, a flight and a hotel night sit on DST changes in four hemispheres' zones."""
    seoul = Organisation(key="seoul-e", name="Seoul", kind="city", sector="government", country="KR", zone="Asia/Seoul")
    tokyo = Organisation(key="tokyo-e", name="Tokyo", kind="city", sector="government", country="JP", zone="Asia/Tokyo")
    park = Person(given_name="지은", family_name="박", email="jieun@example.kr", organisation=seoul)  # only in Hangul
    sato = Person(given_name="陽斗", family_name="佐藤", email="haruto@example.jp", organisation=tokyo)  # only in Kanji
    event = Event(code=CODE, kind="meeting", title="Edges of time", zone="Europe/Brussels", start_date=date(2026, 3, 29),
                  end_date=date(2026, 10, 26), organiser_name="IURC team", organiser_email="info@example.eu")
    group_c = Group(name="C")
    event.groups = [group_c]
    event.participations = [Participation(person=park, status="confirmed"), Participation(person=sato, status="registered")]
    event.items = [Item(key=key, title=key.replace("-", " ").title(), kind="meeting", zone=zone, start_utc=start, end_utc=end,
                        groups=[group_c] if key == "nobody" else []) for key, zone, start, end in ITEMS]
    event.travel_legs = [TravelLeg(person=park, kind="flight", carrier="KE", number="KE902", from_place="BRU", from_zone="Europe/Brussels",
                                   depart_utc=_z("2026-10-25T01:30"), to_place="ICN", to_zone="Asia/Seoul", arrive_utc=_z("2026-10-25T13:00"))]
    event.stays = [Stay(person=park, hotel="Hotel Bruxelles", zone="Europe/Brussels", check_in=date(2026, 10, 24), check_out=date(2026, 10, 26))]
    session.add(event)


@pytest.fixture
def edges_db(db: Database) -> Database:
    with db.transaction() as session:
        build_edges(session)
        build_visit(session)
        build_webinar(session)
    return db


def expected(db: Database) -> dict[str, tuple[object, object]]:
    """UID -> the stored UTC start and end (dates for hotel nights) of every entry of the edge event."""
    with db.reading() as s:
        event = ics.load_event(s, CODE)
        found: dict[str, tuple[object, object]] = {ics.item_uid(i): (i.start_utc, i.end_utc) for i in event.items}
        found.update({f"{leg.uid}@iurc-desktop": (leg.depart_utc, leg.arrive_utc) for leg in event.travel_legs})
        found.update({f"{stay.uid}@iurc-desktop": (stay.check_in, stay.check_out) for stay in event.stays})
    return found


def calendar_files(db: Database) -> dict[str, bytes]:
    """Every export kind of the edge event (and the visit's, with its groups), and each calendar part of its e-mails."""
    with db.reading() as s:
        files = {
            "invite": ics.invite_ics(s, CODE, item_key="fold-second"),
            "cancel": ics.cancel_ics(s, CODE),
            "cancel-item": ics.cancel_ics(s, CODE, item_key="fold-first"),
            "itinerary": ics.itinerary_ics(s, CODE),
            "itinerary-person": ics.itinerary_ics(s, CODE, email="jieun@example.kr"),
            "feed": ics.feed_ics(s),
            "visit-invite": ics.invite_ics(s, VISIT),
            "visit-itinerary-group": ics.itinerary_ics(s, VISIT, group="B"),
            "visit-itinerary-person": ics.itinerary_ics(s, VISIT, email="ane@example.eus"),
            "webinar-cancel": ics.cancel_ics(s, WEBINAR),
        }
        for key in INVITED:
            files[f"invite-{key}"] = ics.invite_ics(s, CODE, item_key=key)
        for cancel in (False, True):
            for name, message in invitation_emails(s, CODE, cancel=cancel) + invitation_emails(s, VISIT, one_per_recipient=False):
                for n, data in enumerate(calendar_parts(message)):
                    files[f"{name}#{n}"] = data
    return files


def calendar_parts(message: bytes) -> list[bytes]:
    msg = message_from_bytes(message, policy=policy.default)
    return [part.get_payload(decode=True) for part in msg.walk() if part.get_content_type() == "text/calendar"]


# --- the repeated hour --------------------------------------------------------------


def test_a_time_in_the_repeated_hour_is_written_in_utc_for_both_occurrences_with_its_zone_kept(edges_db: Database) -> None:
    with edges_db.reading() as s:
        lines = unfold(ics.invite_ics(s, CODE, item_key="fold-first")) + unfold(ics.invite_ics(s, CODE, item_key="fold-second"))
    assert "DTSTART;X-IURC-ZONE=Europe/Brussels:20261025T003000Z" in lines  # 02:30 CEST, the first
    assert "DTSTART;X-IURC-ZONE=Europe/Brussels:20261025T013000Z" in lines  # 02:30 CET, the second
    assert "DTEND;TZID=Europe/Brussels:20261025T033000" in lines  # outside the fold: local time with its zone
    assert not any("TZID=Europe/Brussels:20261025T02" in line for line in lines)  # never the ambiguous local form


def test_every_fold_time_of_every_file_is_utc_and_every_other_time_local(edges_db: Database) -> None:
    keys = _edge_keys(edges_db)
    for name, data in calendar_files(edges_db).items():
        for entry in Calendar.from_ical(data).walk("VEVENT"):
            key = keys.get(str(entry["UID"]))
            for prop in ("DTSTART", "DTEND"):
                if key is None or not isinstance(entry[prop].dt, datetime):
                    continue
                utc = "TZID" not in entry[prop].params
                assert utc == ((key, prop) in FOLDS), (name, key, prop)
                assert ("X-IURC-ZONE" in entry[prop].params) == utc


def _edge_keys(db: Database) -> dict[str, str]:
    """UID -> item key of the edge event's items."""
    with db.reading() as s:
        return {ics.item_uid(i): i.key for i in ics.load_event(s, CODE).items}


def test_the_fold_cases_really_are_in_a_repeated_hour() -> None:
    """The fixture's claims, checked against zoneinfo: each FOLDS time is ambiguous locally, each other one is not."""
    for key, zone, start, end in ITEMS:
        for prop, instant in (("DTSTART", start), ("DTEND", end)):
            assert ics.in_repeated_hour(instant, zone) == ((key, prop) in FOLDS), (key, prop)


# --- every reader gives the same instant --------------------------------------------


def _check_instants(name: str, found: dict[str, tuple[object, object]], want: dict[str, tuple[object, object]]) -> None:
    for uid, times in found.items():
        if uid in want:
            assert times == want[uid], (name, uid)


def test_icalendar_vobject_ical_and_libical_read_every_time_as_the_stored_instant(edges_db: Database) -> None:
    want = expected(edges_db)
    seen = set()
    for name, data in calendar_files(edges_db).items():
        readers = [by_icalendar(data), by_vobject(data), by_ical(data)] + ([libical.instants(data)] if libical else [])
        for found in readers:
            _check_instants(name, found, want)
            assert set(found) == set(readers[0]), name
        seen |= set(readers[0]) & set(want)
    assert seen == set(want)  # every item, the flight and the hotel nights were read somewhere


def test_our_own_reader_reads_every_file_back_to_the_same_instants(edges_db: Database) -> None:
    want = expected(edges_db)
    for name, data in calendar_files(edges_db).items():
        for entry in read_entries(data):
            if entry.uid in want and not entry.all_day:
                assert (entry.start.astimezone(UTC), entry.end.astimezone(UTC)) == want[entry.uid], (name, entry.title)


@pytest.mark.skipif(libical is None, reason=NO_LIBICAL)
def test_libical_finds_no_rfc5545_or_5546_fault_in_any_file(edges_db: Database) -> None:
    for name, data in calendar_files(edges_db).items():
        assert libical.errors(data) == [], name  # type: ignore[union-attr]


@pytest.mark.skipif(libical is None, reason=NO_LIBICAL)
def test_libical_flags_a_request_without_attendee_so_the_check_is_real() -> None:
    data = (b"BEGIN:VCALENDAR\r\nPRODID:-//x//x//EN\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:a@x\r\n"
            b"DTSTAMP:20260101T000000Z\r\nSEQUENCE:0\r\nSUMMARY:x\r\nDTSTART:20260101T100000Z\r\nDTEND:20260101T110000Z\r\n"
            b"ORGANIZER:mailto:o@example.eu\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    assert libical.errors(data)  # type: ignore[union-attr]
    assert libical.errors(data.replace(b"ORGANIZER", b"ATTENDEE:mailto:a@example.eu\r\nORGANIZER")) == []  # type: ignore[union-attr]


# --- cancelled entries stay, as CANCELLED -------------------------------------------


def _entries(data: bytes) -> dict[str, tuple[str, int]]:
    return {str(e["UID"]): (str(e.get("STATUS", "")), int(e["SEQUENCE"])) for e in Calendar.from_ical(data).walk("VEVENT")}


def _published(db: Database) -> dict[str, bytes]:
    with db.reading() as s:
        files = {"feed": ics.feed_ics(s), "itinerary": ics.itinerary_ics(s, VISIT)}
        files.update({f"group {g}": ics.itinerary_ics(s, VISIT, group=g) for g in ("A", "B")})
        files.update({p: ics.itinerary_ics(s, VISIT, email=p) for p in ("ane@example.eus", "jon@example.eus", "minjun@example.kr")})
    return files


def _visit_uids(db: Database) -> set[str]:
    with db.reading() as s:
        event = ics.load_event(s, VISIT)
        return ({ics.item_uid(i) for i in event.items} | {f"{x.uid}@iurc-desktop" for x in (*event.travel_legs, *event.stays)})


def test_after_cancelling_an_event_the_feed_and_every_itinerary_list_its_entries_as_cancelled(edges_db: Database) -> None:
    uids = _visit_uids(edges_db)
    before = {name: _entries(data) for name, data in _published(edges_db).items()}
    with edges_db.transaction() as s:
        core_items.cancel_event(s, VISIT)
    after = {name: _entries(data) for name, data in _published(edges_db).items()}
    for name, entries in after.items():
        theirs = {uid: v for uid, v in entries.items() if uid in uids}
        assert theirs and set(theirs) == {uid for uid in before[name] if uid in uids}, name  # nothing dropped
        for uid, (status, sequence) in theirs.items():
            assert status == "CANCELLED", (name, uid)
            assert sequence == before[name][uid][1] + 1, (name, uid)  # raised, so clients take it as news
    others = {uid: v for uid, v in after["feed"].items() if uid not in uids}
    assert others and all(status == "CONFIRMED" for status, _ in others.values())


def test_a_cancelled_item_stays_in_the_feed_and_the_itineraries_as_cancelled(edges_db: Database) -> None:
    with edges_db.transaction() as s:
        core_items.cancel_item(s, VISIT, "osaka-visit")
        uid = ics.item_uid(s.query(Item).filter_by(key="osaka-visit").one())
    for name in ("feed", "itinerary", "group B", "jon@example.eus"):
        assert _entries(_published(edges_db)[name])[uid] == ("CANCELLED", 1), name


def test_an_event_without_items_is_cancelled_in_the_feed_too(edges_db: Database) -> None:
    with edges_db.transaction() as s:
        s.add(Event(code="empty-2026", kind="meeting", title="Empty", zone="Europe/Brussels", start_date=date(2026, 5, 1),
                    end_date=date(2026, 5, 1), organiser_email="info@example.eu"))
    with edges_db.transaction() as s:
        core_items.cancel_event(s, "empty-2026")
    with edges_db.reading() as s:
        entry = next(e for e in Calendar.from_ical(ics.feed_ics(s)).walk("VEVENT") if str(e["SUMMARY"]) == "Empty")
    assert (str(entry["STATUS"]), int(entry["SEQUENCE"])) == ("CANCELLED", 1)


# --- the organiser, the attendees ----------------------------------------------------


def test_every_entry_of_every_file_names_the_organiser(edges_db: Database) -> None:
    for name, data in calendar_files(edges_db).items():
        for entry in Calendar.from_ical(data).walk("VEVENT"):
            assert str(entry["ORGANIZER"]).startswith("mailto:"), (name, str(entry["SUMMARY"]))


def test_published_files_without_any_organiser_are_refused_and_the_given_one_fills_in(edges_db: Database) -> None:
    with edges_db.transaction() as s:
        s.query(Event).filter_by(code=CODE).one().organiser_email = ""
    team = ics.Organiser("Team", "team@example.eu")
    with edges_db.reading() as s:
        with pytest.raises(ValidationError, match=f"{CODE}.*Settings"):
            ics.feed_ics(s)
        with pytest.raises(ValidationError, match="organiser e-mail"):
            ics.itinerary_ics(s, CODE)
        feed = Calendar.from_ical(ics.feed_ics(s, organiser=team))
        itinerary = Calendar.from_ical(ics.itinerary_ics(s, CODE, organiser=team))
    mine = [e for e in feed.walk("VEVENT") if "(Edges of time)" in str(e["SUMMARY"])]
    assert mine and all(str(e["ORGANIZER"]) == "mailto:team@example.eu" for e in mine)
    assert {str(e["ORGANIZER"]) for e in itinerary.walk("VEVENT")} == {"mailto:team@example.eu"}
    assert any(str(e["ORGANIZER"]) == "mailto:info-aa@example.eu" for e in feed.walk("VEVENT"))  # events keep their own


def test_an_invite_to_an_item_nobody_is_invited_to_is_refused_by_name(edges_db: Database) -> None:
    with edges_db.reading() as s:
        with pytest.raises(ValidationError, match=r"Nobody is invited to Nobody \(nobody\)"):
            ics.invite_ics(s, CODE)
        with pytest.raises(ValidationError, match="Nobody is invited"):
            ics.invite_ics(s, CODE, item_key="nobody")
        with pytest.raises(ValidationError, match="Nobody is invited"):
            ics.invite_ics_per_item(s, CODE)
        with pytest.raises(ValidationError, match="no e-mail to write"):
            invitation_emails(s, CODE, item_key="nobody")
        assert all(e.get("ATTENDEE") for e in Calendar.from_ical(ics.invite_ics(s, CODE, item_key="fold-first")).walk("VEVENT"))


# --- e-mails --------------------------------------------------------------------------


def test_each_calendar_part_of_every_email_holds_exactly_one_uid_and_its_method(edges_db: Database) -> None:
    with edges_db.reading() as s:
        messages = (invitation_emails(s, CODE) + invitation_emails(s, CODE, cancel=True)
                    + invitation_emails(s, VISIT) + invitation_emails(s, VISIT, one_per_recipient=False)
                    + invitation_emails(s, WEBINAR, cancel=True, one_per_recipient=False))
    assert messages
    for name, data in messages:
        msg = message_from_bytes(data, policy=policy.default)
        parts = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
        assert parts, name
        for part in parts:
            cal = Calendar.from_ical(part.get_payload(decode=True))
            assert len({str(e["UID"]) for e in cal.walk("VEVENT")}) == 1, name
            assert part.get_param("method") == str(cal["METHOD"]), name


def test_a_person_invited_to_several_items_gets_one_part_per_item(edges_db: Database) -> None:
    with edges_db.reading() as s:
        mails = dict(invitation_emails(s, CODE))
    parts = calendar_parts(mails[f"{CODE}-all-jieun_example.kr.eml"])
    assert len(parts) == len(INVITED)


def test_emails_have_crlf_line_ends_and_a_date_with_a_real_zone(edges_db: Database) -> None:
    with edges_db.reading() as s:
        messages = invitation_emails(s, CODE) + invitation_emails(s, CODE, item_key="fold-first", one_per_recipient=False)
    for name, data in messages:
        assert b"\n" not in data.replace(b"\r\n", b""), name
        date_line = next(line for line in data.split(b"\r\n") if line.startswith(b"Date: "))
        assert not date_line.endswith(b"-0000"), date_line
        sent = message_from_bytes(data, policy=policy.default)["Date"].datetime
        assert sent.tzinfo is not None and abs(sent - datetime.now(UTC)) < timedelta(minutes=5)


# --- names in their own order and script ----------------------------------------------


def test_people_stored_only_in_hangul_or_kanji_are_named_family_first_in_cn_to_and_body(edges_db: Database) -> None:
    with edges_db.reading() as s:
        invite = Calendar.from_ical(ics.invite_ics(s, CODE, item_key="fold-first"))
        mails = dict(invitation_emails(s, CODE, item_key="fold-first"))
    names = {str(a): a.params["CN"] for a in invite.walk("VEVENT")[0]["ATTENDEE"]}
    assert names == {"mailto:jieun@example.kr": "박지은", "mailto:haruto@example.jp": "佐藤陽斗"}
    msg = message_from_bytes(mails[f"{CODE}-fold-first-jieun_example.kr.eml"], policy=policy.default)
    assert msg["To"].addresses[0].display_name == "박지은"
    assert "Dear 박지은," in msg.get_body(("plain",)).get_content()


def test_rosters_and_the_participants_screen_name_them_alike(edges_db: Database, tmp_path: Path) -> None:
    with edges_db.reading() as s:
        rosters.write_roster(s, CODE, "participants", tmp_path / "p.csv")
        shown = {p.name for p in list_participants(s, ics.load_event(s, CODE).id)}
    with open(tmp_path / "p.csv", encoding="utf-8-sig", newline="") as f:
        listed = {row[0] for row in csv.reader(f)}
    assert shown == {"박지은", "佐藤陽斗"} and shown <= listed


@pytest.mark.skipif(shutil.which("calcurse") is None, reason="calcurse is not installed")
def test_calcurse_reads_each_edge_item_at_its_stored_utc_times(edges_db: Database, tmp_path: Path) -> None:
    """calcurse takes an ambiguous local time as the second occurrence: it must get the UTC form and agree."""
    files = calendar_files(edges_db)
    for key, _zone, start, end in ITEMS:
        if key not in INVITED:
            continue
        folder = tmp_path / key
        folder.mkdir()
        (folder / "in.ics").write_bytes(files[f"invite-{key}"])
        run = subprocess.run(["calcurse", "-D", str(folder), "-C", str(folder), "-i", str(folder / "in.ics")], capture_output=True,
                             text=True, env={**os.environ, "TZ": "UTC"}, timeout=30)
        assert " 0 skipped" in run.stdout, (key, run.stdout + run.stderr)
        when = f"{start:%m/%d/%Y @ %H:%M} -> {end:%m/%d/%Y @ %H:%M}"
        assert when in (folder / "apts").read_text(encoding="utf-8"), key
